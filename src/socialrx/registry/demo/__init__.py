"""Demo data of the registry, used by `socialrx seed-demo`. Idempotent.

Real: every US hospital (CMS Hospital General Information) and their HCAHPS results (CMS
Hospital VBP, HCAHPS state and national averages, the long hospital layout), imported through
the same import jobs staff use. Generated, and marked so wherever shown, counted or exported:
a bed count for every hospital (CMS publishes none), social media accounts with quarterly
follower counts for every hospital, a few hundred physicians, and the demo member
organizations' own listings. No public list of real accounts exists (shared/data/SOURCES.md).

The generated accounts follow the published figures (shared/background/published-figures.md):
the share of hospitals on each platform grows as the Hospital Social Network List counted it
in 2009–2010 (7.8 % of hospitals with any presence in Oct 2009) to Griffis et al.'s 2013
figures (99.4 % on Facebook, 50.8 % on X), see shapes.HOSPITAL_ADOPTION; followers are
heavy-tailed (log-normal), rising with bed size and non-profit ownership, with Griffis et
al.'s 2013 medians by bed size at the end of 2013.

Run by `socialrx seed-demo` after the organizations. The small profile (for the tests) imports
a sample of the CMS files (10 hospitals in each of MN, NY, TX and CA, see cms.CmsSample) and
generates the same for those 40 hospitals, and 30 physicians.

Reads: "center_staff", "demo_hospital", "demo_health_system", "demo_practice",
"demo_practice_admin" and "demo_physician"."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.core.platforms import Platform

from ..freshness import mark_changed
from ..models import Account, Entity, EntityKind, ImportJob
from ..search_aliases import seed_known_aliases
from .cms import CMS_FILES, CmsSample, import_cms_files
from .hospitals import GeneratedHospitals, generate_hospitals
from .members import member_listings, today
from .physicians import DEMO_PHYSICIANS, demo_npi, generate_physicians
from .shapes import REFERENCE_DAY, SEED

__all__ = [
    "CMS_FILES",
    "DEMO_PHYSICIANS",
    "PROFILES",
    "demo_npi",
    "import_cms_files",
    "seed",
    "seed_registry_demo",
]


@dataclass(frozen=True)
class RegistryProfile:
    sample: CmsSample | None  # None: every CMS row
    physicians: int


PROFILES = {
    "full": RegistryProfile(None, DEMO_PHYSICIANS),
    "small": RegistryProfile(CmsSample(("MN", "NY", "TX", "CA"), per_state=10), 30),
}


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        **{"registry listings": Entity, "registry accounts": Account, "registry imports": ImportJob}
    )
    jobs, created = seed_registry_demo(
        staff=context.get("center_staff"),
        hospital_org=context.get("demo_hospital"),
        system_org=context.get("demo_health_system"),
        practice_org=context.get("demo_practice"),
        practice_admin=context.get("demo_practice_admin"),
        physician_user=context.get("demo_physician"),
        profile=PROFILES[context.profile],
    )
    lines = []
    for job in jobs:
        counts = job.result_counts
        lines.append(
            f"{job.original_name}: {job.total_rows:,} rows "
            f"({counts.get('created', 0):,} created, {counts.get('updated', 0):,} updated, "
            f"{counts.get('unchanged', 0):,} unchanged, {counts.get('rejected', 0):,} rejected)"
        )
    lines.extend(generated_lines(created["hospitals"]))
    if created["aliases"]:
        lines.append(
            f"{created['aliases']:,} well-known short names (MGH, CHOP, UCSF…) given to their "
            "hospitals; staff edit them at /staff/registry/aliases/."
        )
    lines.append(
        f"{Account.objects.filter(is_generated=True).count():,} generated demo accounts in all "
        "(marked as demo data wherever shown); "
        f"{Entity.objects.filter(is_generated=True).count():,} generated listings."
    )
    return DemoReport(title="Registry (public at /registry/)", lines=lines, made=tally.made())


@transaction.atomic
def seed_registry_demo(
    *,
    staff,
    hospital_org,
    system_org,
    practice_org,
    practice_admin,
    physician_user,
    profile: RegistryProfile = PROFILES["full"],
):
    jobs = import_cms_files(staff, profile.sample)
    rng, day = random.Random(SEED), today()
    # The short names people search by (MGH, CHOP…), for the real hospitals loaded.
    created = {"hospitals": None, "physicians": 0, "aliases": seed_known_aliases(staff)}
    if not Account.objects.filter(is_generated=True, entity__kind=EntityKind.HOSPITAL).exists():
        created["hospitals"] = generate_hospitals(rng, day)
    if not Entity.objects.filter(kind=EntityKind.PHYSICIAN, is_generated=True).exists():
        created["physicians"] = generate_physicians(rng, day, profile.physicians)
    member_listings(
        staff=staff,
        hospital_org=hospital_org,
        system_org=system_org,
        practice_org=practice_org,
        practice_admin=practice_admin,
        physician_user=physician_user,
    )
    mark_changed()
    return jobs, created


def generated_lines(made: GeneratedHospitals | None) -> list[str]:
    """What was generated for the real hospitals, and the published adoption it reproduces."""
    if made is None:
        return []
    lines = [
        f"Generated for the {made.hospitals:,} CMS hospitals (marked as generated wherever "
        f"shown): {made.bed_counts:,} bed counts by hospital type (CMS publishes none), "
        f"{made.accounts:,} accounts and {made.snapshots:,} quarterly follower counts."
    ]
    on = {
        platform: hospitals_on(platform, REFERENCE_DAY)
        for platform in (Platform.FACEBOOK, Platform.X)
    }
    if made.hospitals:
        share = {platform: count / made.hospitals for platform, count in on.items()}
        lines.append(
            f"On {REFERENCE_DAY:%b %-d, %Y}: {on[Platform.FACEBOOK]:,} on Facebook "
            f"({share[Platform.FACEBOOK]:.1%}) and {on[Platform.X]:,} on X "
            f"({share[Platform.X]:.1%}), as Griffis et al. 2014 found (99.4 % and 50.8 %); "
            "first listed from 2005 on, as the Hospital Social Network List grew in 2009–2010."
        )
    return lines


def hospitals_on(platform: str, day: date) -> int:
    """Real hospitals with a generated account on `platform` listed on `day`."""
    return (
        Account.objects.filter(
            entity__kind=EntityKind.HOSPITAL,
            entity__is_generated=False,
            is_generated=True,
            platform=platform,
            first_listed__lte=day,
        )
        .exclude(removed_on__lte=day)
        .values("entity")
        .distinct()
        .count()
    )
