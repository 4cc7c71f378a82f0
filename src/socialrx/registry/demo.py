"""Demo data of the registry, used by `socialrx seed-demo`. Idempotent.

Real: every US hospital (CMS Hospital General Information) and their HCAHPS results (CMS
Hospital VBP, HCAHPS state and national averages, the long hospital layout), imported through
the same import jobs staff use. Generated, and marked so wherever shown, counted or exported:
social media accounts with quarterly follower counts for a few hundred hospitals, bed counts
for those hospitals (CMS publishes none), a few hundred physicians, and the demo member
organizations' own listings. No public list of real accounts exists (shared/data/SOURCES.md).

The generated accounts follow the published shapes (shared/background/published-figures.md):
Facebook on nearly every listed hospital and X on about half; followers heavy-tailed
(log-normal), rising with bed size and non-profit ownership, with Griffis et al.'s 2013
medians by bed size at the end of 2013."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit

from .classification import CRITICAL_ACCESS, classify
from .freshness import mark_changed
from .models import (
    Account,
    AccountStatus,
    Claim,
    Correction,
    CorrectionKind,
    Entity,
    EntityKind,
    ImportJob,
    ImportKind,
    ImportStatus,
    OrganizationCategory,
    Snapshot,
)
from .platforms import Platform, normalize_account
from .services import claims as claim_services
from .services import corrections as correction_services
from .services import imports as import_services

CMS_DIR = Path(__file__).resolve().parent / "data" / "cms"
CMS_FILES = [
    (ImportKind.HOSPITALS, "cms_hospital_general_information.csv"),
    (ImportKind.HVBP, "cms_hvbp_person_and_community_engagement_fy2024.csv"),
    (ImportKind.HCAHPS_STATE, "cms_hcahps_state_2022q4_2023q3.csv"),
    (ImportKind.HCAHPS_NATIONAL, "cms_hcahps_national_2022q4_2023q3.csv"),
    (ImportKind.HCAHPS_HOSPITAL, "cms_hcahps_pch_hospital_2022q4_2023q3.csv"),
]
DEMO_HOSPITALS = 420
DEMO_PHYSICIANS = 300
SEED = 2010
REFERENCE_DAY = date(2013, 12, 31)  # Griffis et al.'s data year
VIA = "demo"


# --- CMS files --------------------------------------------------------------------------------


def import_cms_files(staff) -> list[ImportJob]:
    """Each CMS file through an import job (preview, then import), once."""
    jobs = []
    for kind, filename in CMS_FILES:
        done = ImportJob.objects.filter(
            kind=kind, original_name=filename, status=ImportStatus.DONE
        ).first()
        jobs.append(done or _import(staff, kind, CMS_DIR / filename))
    return jobs


def _import(staff, kind: str, path: Path) -> ImportJob:
    job = ImportJob(
        kind=kind, original_name=path.name, size_bytes=path.stat().st_size, created_by=staff
    )
    with path.open("rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    import_services.preview_import(job_id=job.pk)
    job.refresh_from_db()
    job.status, job.started_at = ImportStatus.IMPORTING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    return import_services.run_import(job_id=job.pk)


# --- generated accounts -------------------------------------------------------------------


@dataclass(frozen=True)
class PlatformShape:
    adoption: float  # share of listed entities with an account
    first_year: int  # earliest first-listed year
    last_year: int
    scale: float  # followers relative to Facebook's
    growth_before: float  # yearly growth rate until 2019
    growth_after: float  # and after
    removed: float = 0.0  # share removed again (organizations leaving the platform)


HOSPITAL_PLATFORMS = {
    Platform.FACEBOOK: PlatformShape(0.99, 2008, 2016, 1.0, 0.30, 0.05),
    Platform.X: PlatformShape(0.51, 2008, 2016, 1.0, 0.22, 0.02, removed=0.18),
    Platform.YOUTUBE: PlatformShape(0.42, 2008, 2018, 0.12, 0.20, 0.10),
    Platform.LINKEDIN: PlatformShape(0.46, 2011, 2020, 0.5, 0.20, 0.10),
    Platform.INSTAGRAM: PlatformShape(0.38, 2014, 2021, 0.6, 0.20, 0.12),
    Platform.TIKTOK: PlatformShape(0.06, 2020, 2024, 0.5, 0.6, 0.35),
    Platform.THREADS: PlatformShape(0.05, 2023, 2024, 0.15, 0.2, 0.2),
    Platform.BLUESKY: PlatformShape(0.04, 2024, 2025, 0.03, 0.5, 0.5),
    Platform.BLOG: PlatformShape(0.08, 2008, 2019, 0.0, 0.0, 0.0),
    Platform.PODCAST: PlatformShape(0.03, 2010, 2022, 0.0, 0.0, 0.0),
}
PHYSICIAN_PLATFORMS = {
    Platform.X: PlatformShape(0.72, 2009, 2021, 1.0, 0.25, 0.03, removed=0.2),
    Platform.LINKEDIN: PlatformShape(0.48, 2011, 2022, 0.6, 0.2, 0.12),
    Platform.INSTAGRAM: PlatformShape(0.22, 2015, 2023, 0.9, 0.4, 0.2),
    Platform.FACEBOOK: PlatformShape(0.18, 2010, 2020, 0.5, 0.2, 0.02),
    Platform.BLUESKY: PlatformShape(0.16, 2024, 2025, 0.2, 0.6, 0.6),
    Platform.YOUTUBE: PlatformShape(0.08, 2012, 2023, 0.4, 0.3, 0.2),
    Platform.TIKTOK: PlatformShape(0.08, 2020, 2024, 1.5, 0.8, 0.4),
    Platform.BLOG: PlatformShape(0.12, 2009, 2020, 0.0, 0.0, 0.0),
    Platform.PODCAST: PlatformShape(0.05, 2014, 2023, 0.0, 0.0, 0.0),
}
# Griffis et al. 2014: median Facebook likes / Twitter followers (2013) by bed size, and the
# ownership and region medians relative to the overall (~1,060 likes).
MEDIANS_2013 = {
    Platform.FACEBOOK: {"small": 425.5, "medium": 1062, "large": 2817.5},
    Platform.X: {"small": 753, "medium": 779, "large": 1409},
}
OWNERSHIP_FACTOR = {"public": 0.67, "nonprofit": 1.23, "for_profit": 0.40, "": 1.0}
REGION_FACTOR = {
    "northeast": 1.18,
    "midwest": 0.88,
    "south": 1.0,
    "west": 0.77,
    "territories": 0.6,
    "": 1.0,
}
# Log-normal spread: Griffis's interquartile ranges span about e^(±0.9), sigma ≈ 1.35, shared
# between an entity's own popularity (the same on every platform) and each account's.
ENTITY_SPREAD, ACCOUNT_SPREAD = 1.2, 0.6


def _beds(rng: random.Random, hospital_type: str) -> int:
    if hospital_type == CRITICAL_ACCESS:
        return rng.randint(8, 25)
    if hospital_type == "Psychiatric":
        return rng.randint(24, 160)
    band = rng.choices(["small", "medium", "large"], weights=[30, 42, 28])[0]
    low, high = {"small": (25, 99), "medium": (100, 299), "large": (300, 1100)}[band]
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def _quarter_ends(start: date, end: date) -> list[date]:
    days, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if day > end:
            return days
        if day >= start:
            days.append(day)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _followers_at(base: float, shape: PlatformShape, listed: date, day: date) -> int:
    """Followers on `day`: the 2013 level grown (or shrunk) by the platform's yearly rates,
    ramping up over the account's first two years."""
    pivot = date(2019, 1, 1)
    years_before = (min(day, pivot) - REFERENCE_DAY).days / 365.25
    years_after = max((day - pivot).days, 0) / 365.25
    level = base * math.exp(shape.growth_before * years_before + shape.growth_after * years_after)
    ramp = min(1.0, max((day - listed).days, 0) / 730 + 0.15)
    return max(int(level * ramp), 0)


class _Generator:
    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.accounts: list[Account] = []
        self.snapshots: list[Snapshot] = []
        self.history: list = []
        self.used: set[tuple[str, str]] = set(Account.objects.values_list("platform", "key"))

    def listed_day(self, shape: PlatformShape) -> date:
        first = date(shape.first_year, 1, 1)
        last = min(date(shape.last_year, 12, 31), self.today - timedelta(days=30))
        return first + timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def add(self, entity: Entity, platform: str, stem: str, shape: PlatformShape, base: float):
        address = self._unique(platform, stem)
        listed = self.listed_day(shape)
        removed = None
        if shape.removed and self.rng.random() < shape.removed:
            removed = max(listed + timedelta(days=365), date(2023, 1, 1)) + timedelta(
                days=self.rng.randint(0, 600)
            )
            removed = removed if removed < self.today else None
        account = Account(
            entity=entity,
            platform=address.platform,
            handle=address.handle,
            key=address.key,
            url=address.url,
            verified=self.rng.random() < 0.35,
            first_listed=listed,
            removed_on=removed,
            is_generated=True,
            status=AccountStatus.DORMANT if self.rng.random() < 0.06 else AccountStatus.ACTIVE,
        )
        if shape.scale:
            end = removed or self.today
            days = _quarter_ends(listed, end)
            for day in days:
                self.snapshots.append(
                    Snapshot(
                        account=account,
                        taken_on=day,
                        followers=_followers_at(base, shape, listed, day),
                    )
                )
            if days:
                account.followers, account.last_checked = self.snapshots[-1].followers, days[-1]
        self.accounts.append(account)
        self.history.append((entity, account))

    def _unique(self, platform: str, stem: str):
        """The platform address made from `stem`, numbered when another account took it."""
        address, number = normalize_account(_address(platform, stem), platform), 1
        while (address.platform, address.key) in self.used:
            number += 1
            numbered = f"{stem[: 15 - len(str(number))]}{number}"
            address = normalize_account(_address(platform, numbered), platform)
        self.used.add((address.platform, address.key))
        return address

    def save(self) -> None:
        Account.objects.bulk_create(self.accounts, batch_size=500)
        for snapshot in self.snapshots:
            snapshot.account_id = snapshot.account.pk
        Snapshot.objects.bulk_create(self.snapshots, batch_size=2000)
        audit.record_many(
            [
                audit.build(
                    actor=None,
                    action="registry.account.added",
                    target=entity,
                    after={"account": str(account), "url": account.url, "via": VIA},
                )
                for entity, account in self.history
            ]
        )


def _slug(name: str, rng: random.Random, limit: int) -> str:
    handle = "".join("".join(c if c.isalnum() else " " for c in name.title()).split())[:limit]
    return handle if len(handle) >= 5 else (handle + "Health" + str(rng.randint(10, 99)))[:limit]


def generate_hospital_accounts(rng: random.Random, today: date) -> int:
    hospitals = list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False)
        .exclude(hospital_type__in=["Acute Care - Department of Defense"])
        .order_by("ccn")
    )
    weights = [_hospital_weight(hospital) for hospital in hospitals]
    chosen = _sample(rng, hospitals, weights, DEMO_HOSPITALS)
    generator = _Generator(rng, today)
    for hospital in chosen:
        hospital.bed_count, hospital.bed_count_is_generated = (
            _beds(rng, hospital.hospital_type),
            True,
        )
        classify(hospital)
        size = hospital.size_band or "small"
        factor = OWNERSHIP_FACTOR[hospital.ownership_group] * REGION_FACTOR[hospital.region]
        factor *= math.exp(rng.gauss(0, ENTITY_SPREAD))
        handle = _slug(hospital.name, rng, 15)
        for platform, shape in HOSPITAL_PLATFORMS.items():
            if rng.random() >= shape.adoption:
                continue
            median = MEDIANS_2013.get(platform, MEDIANS_2013[Platform.FACEBOOK])[size]
            base = median * factor * shape.scale * math.exp(rng.gauss(0, ACCOUNT_SPREAD))
            generator.add(hospital, platform, handle, shape, base)
    Entity.objects.bulk_update(chosen, ["bed_count", "bed_count_is_generated", "size_band"])
    generator.save()
    return len(generator.accounts)


def _hospital_weight(hospital: Entity) -> float:
    """Larger, acute care, non-profit hospitals were the early adopters."""
    weight = {"Acute Care Hospitals": 3.0, "Childrens": 4.0, CRITICAL_ACCESS: 0.8}.get(
        hospital.hospital_type, 1.0
    )
    return weight * (1.5 if hospital.ownership_group == "nonprofit" else 1.0)


def _sample(rng: random.Random, items: list, weights: list[float], count: int) -> list:
    """Weighted sampling without replacement (Efraimidis–Spirakis keys)."""
    keyed = sorted(
        zip(items, weights, strict=True), key=lambda pair: -(rng.random() ** (1 / pair[1]))
    )
    return [item for item, _ in keyed[:count]]


def _address(platform: str, handle: str) -> str:
    host = handle.lower()
    return {
        Platform.FACEBOOK: f"https://www.facebook.com/{handle}",
        Platform.X: f"@{handle[:15]}",
        Platform.YOUTUBE: f"@{handle[:30]}",
        Platform.LINKEDIN: f"https://www.linkedin.com/company/{host}",
        Platform.INSTAGRAM: f"@{host[:30]}",
        Platform.TIKTOK: f"@{host[:24]}",
        Platform.THREADS: f"@{host[:30]}",
        Platform.BLUESKY: f"{host[:20]}.bsky.social",
        Platform.BLOG: f"https://{host[:40]}.example/blog",
        Platform.PODCAST: f"https://{host[:40]}.example/podcast",
    }[platform]


# --- generated physicians -------------------------------------------------------------------

FIRST_NAMES = [
    "Amara",
    "Benjamin",
    "Carmen",
    "Daniel",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Imani",
    "Jonah",
    "Keiko",
    "Luis",
    "Maya",
    "Nikhil",
    "Olivia",
    "Pedro",
    "Quinn",
    "Rosa",
    "Samuel",
    "Tanvi",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Adaeze",
    "Bianca",
    "Caleb",
    "Deepa",
    "Emeka",
    "Fatima",
    "Gabriel",
    "Hannah",
    "Isaac",
    "Julia",
    "Kwame",
    "Lena",
    "Marcus",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sofia",
    "Thomas",
    "Valeria",
    "William",
    "Yara",
]
LAST_NAMES = [
    "Abernathy",
    "Bhattacharya",
    "Castellano",
    "Delacroix",
    "Eriksen",
    "Fairbanks",
    "Gallagher",
    "Hollister",
    "Iwasaki",
    "Jovanovic",
    "Kowalczyk",
    "Lindgren",
    "Marchetti",
    "Nakamura",
    "Okonkwo",
    "Pemberton",
    "Quintero",
    "Rasmussen",
    "Sandoval",
    "Thorvaldsen",
    "Underwood",
    "Valdivia",
    "Whitcombe",
    "Xiong",
    "Yamamoto",
    "Zielinski",
    "Achterberg",
    "Blackwood",
    "Cavanaugh",
    "Drummond",
    "Ellsworth",
    "Fitzgerald",
    "Greenfield",
    "Hartwell",
    "Ingersoll",
    "Kensington",
    "Lockhart",
    "Montague",
    "Northcott",
    "Oyelaran",
    "Prescott",
    "Redfield",
    "Stanhope",
    "Talbot",
    "Vandermeer",
    "Winslow",
]
SPECIALTIES = [
    ("Internal Medicine", 14),
    ("Family Medicine", 12),
    ("Pediatrics", 9),
    ("Cardiology", 7),
    ("Hematology and Oncology", 7),
    ("Dermatology", 6),
    ("Emergency Medicine", 7),
    ("Obstetrics and Gynecology", 6),
    ("Psychiatry", 6),
    ("Orthopedic Surgery", 5),
    ("Neurology", 4),
    ("General Surgery", 4),
    ("Radiology", 3),
    ("Anesthesiology", 3),
    ("Gastroenterology", 3),
    ("Endocrinology", 2),
    ("Infectious Disease", 2),
]
# Medians of followers per platform for physicians (the "Twitter doctors" of the 2010s).
PHYSICIAN_MEDIAN = 850


def demo_npi(number: int) -> str:
    """An NPI with a valid check digit that no real provider can hold: real NPIs begin with 1
    or 2, these with 3."""
    from socialrx.organizations.validators import npi_check_digit_ok

    stem = f"3{number:08d}"
    return next(stem + str(d) for d in range(10) if npi_check_digit_ok(stem + str(d)))


def generate_physicians(rng: random.Random, today: date) -> int:
    hospitals = list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL, accounts__is_generated=True)
        .distinct()
        .order_by("ccn")
    )
    physicians = []
    for number in range(1, DEMO_PHYSICIANS + 1):
        hospital = rng.choice(hospitals)
        specialty = rng.choices([s for s, _ in SPECIALTIES], [w for _, w in SPECIALTIES])[0]
        physician = Entity(
            kind=EntityKind.PHYSICIAN,
            npi=demo_npi(number),
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            credential=rng.choices(["MD", "DO", "MD, PhD", "MD, MPH"], [70, 15, 8, 7])[0],
            specialty=specialty,
            city=hospital.city,
            state=hospital.state,
            postal_code=hospital.postal_code,
            affiliated_hospital=hospital,
            is_generated=True,
            source="Generated for the SocialRx demo",
        )
        classify(physician)
        physicians.append(physician)
    Entity.objects.bulk_create(physicians, batch_size=500)
    generator = _Generator(rng, today)
    for physician in physicians:
        first, last = physician.name.split(" ", 1)
        handle = f"Dr{first}{last}"[:15]
        popularity = math.exp(rng.gauss(0, ENTITY_SPREAD))
        for platform, shape in PHYSICIAN_PLATFORMS.items():
            if rng.random() < shape.adoption:
                noise = math.exp(rng.gauss(0, ACCOUNT_SPREAD))
                base = PHYSICIAN_MEDIAN * shape.scale * popularity * noise
                generator.add(physician, platform, handle, shape, base)
    generator.save()
    return len(physicians)


# --- the demo organizations' own listings ----------------------------------------------------


def member_listings(*, staff, hospital_org, practice_org, practice_admin, physician_user) -> None:
    """Listings for the demo member organizations (generated: they are fictional):

    - Riverside Regional Medical Center, unclaimed, with a website at its admin's email domain,
      so the claim-by-email journey can be tried;
    - Lakeside Family Physicians, claimed and verified by its admin through the email domain;
    - a listing of Riverside's CMO, whose claim waits for staff (no website to match);
    - a reader's correction waiting for review."""
    riverside = _listing(
        kind=EntityKind.HOSPITAL,
        ccn=hospital_org.cms_certification_number,
        org=hospital_org,
        hospital_type="Acute Care Hospitals",
        ownership="Voluntary non-profit - Private",
        emergency_services=True,
        bed_count=hospital_org.licensed_beds,
    )
    lakeside = _listing(
        kind=EntityKind.ORGANIZATION, org=practice_org, category=OrganizationCategory.CLINIC
    )
    doctor = _listing(
        kind=EntityKind.PHYSICIAN,
        npi=demo_npi(DEMO_PHYSICIANS + 1),
        org=None,
        name=physician_user.full_name,
        credential=physician_user.credentials or "MD",
        specialty="Internal Medicine",
        city=hospital_org.city,
        state=hospital_org.state,
        affiliated_hospital=riverside,
    )
    if not riverside.accounts.exists():
        rng = random.Random(SEED + 1)
        generator = _Generator(rng, _today())
        for platform in (Platform.FACEBOOK, Platform.X, Platform.YOUTUBE):
            shape = HOSPITAL_PLATFORMS[platform]
            base = (
                MEDIANS_2013.get(platform, MEDIANS_2013[Platform.FACEBOOK])["large"] * shape.scale
            )
            generator.add(
                riverside,
                platform,
                "RiversideRMC",
                shape,
                base * math.exp(rng.gauss(0, 0.3)),
            )
        generator.save()
    _verified_claim(practice_admin, lakeside, practice_org)
    if not Claim.objects.filter(entity=doctor).exists():
        claim_services.claim_entity(
            actor=physician_user,
            entity=doctor,
            job_title="I am this physician",
            message="Riverside's chief medical officer; please link my X account.",
        )
    if not Correction.objects.filter(entity=riverside).exists():
        correction_services.suggest_correction(
            actor=None,
            entity=riverside,
            kind=CorrectionKind.DETAILS,
            field="phone",
            proposed_value="(507) 555-0142",
            contact_email="reader@example.org",
            explanation="The main number on the hospital's contact page.",
        )


def _today() -> date:
    return timezone.localdate()


def _listing(*, kind: str, org, ccn: str = "", npi: str = "", **fields) -> Entity:
    lookup = {"ccn": ccn} if ccn else {"npi": npi} if npi else {"name": org.name, "kind": kind}
    entity = Entity.objects.filter(**lookup).first()
    if entity is not None:
        return entity
    defaults = {}
    if org is not None:
        defaults = {
            "name": org.name,
            "street_address": org.street_address,
            "city": org.city,
            "state": org.state,
            "postal_code": org.postal_code,
            "website": org.website,
        }
    bed_count = fields.get("bed_count")
    entity = Entity(
        kind=kind,
        ccn=ccn,
        npi=npi,
        is_generated=True,
        bed_count_is_generated=bed_count is not None,
        source="Generated for the SocialRx demo",
        **{**defaults, **fields},
    )
    classify(entity)
    entity.save()
    audit.record(
        actor=None,
        action="registry.entity.created",
        target=entity,
        after={"name": entity.name, "kind": kind, "key": entity.key, "via": VIA},
    )
    return entity


def _verified_claim(admin, entity: Entity, organization) -> None:
    if Claim.objects.filter(entity=entity, claimant=admin).exists():
        return
    EmailAddress.objects.filter(user=admin, email__iexact=admin.email).update(verified=True)
    claim_services.claim_entity(
        actor=admin, entity=entity, job_title="Practice administrator", organization=organization
    )


# --- all of it -------------------------------------------------------------------------------


@transaction.atomic
def seed_registry_demo(*, staff, hospital_org, practice_org, practice_admin, physician_user):
    jobs = import_cms_files(staff)
    rng, today = random.Random(SEED), _today()
    created = {"accounts": 0, "physicians": 0}
    if not Account.objects.filter(is_generated=True, entity__kind=EntityKind.HOSPITAL).exists():
        created["accounts"] += generate_hospital_accounts(rng, today)
    if not Entity.objects.filter(kind=EntityKind.PHYSICIAN, is_generated=True).exists():
        created["physicians"] = generate_physicians(rng, today)
    member_listings(
        staff=staff,
        hospital_org=hospital_org,
        practice_org=practice_org,
        practice_admin=practice_admin,
        physician_user=physician_user,
    )
    mark_changed()
    return jobs, created
