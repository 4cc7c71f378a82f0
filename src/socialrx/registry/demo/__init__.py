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
medians by bed size at the end of 2013.

Run by `socialrx seed-demo` after the organizations. The small profile (for the tests) imports
a sample of the CMS files (10 hospitals in each of MN, NY, TX and CA, see cms.CmsSample) and
generates accounts for 24 of those hospitals and 30 physicians.

Reads: "center_staff", "demo_hospital", "demo_health_system", "demo_practice",
"demo_practice_admin" and "demo_physician"."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from socialrx.core.demo import DemoContext, DemoReport, Tally

from ..freshness import mark_changed
from ..models import Account, Entity, EntityKind, ImportJob
from .cms import CMS_FILES, CmsSample, import_cms_files
from .hospitals import DEMO_HOSPITALS, generate_hospital_accounts
from .members import member_listings, today
from .physicians import DEMO_PHYSICIANS, demo_npi, generate_physicians
from .shapes import SEED

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
    hospitals_with_accounts: int
    physicians: int


PROFILES = {
    "full": RegistryProfile(None, DEMO_HOSPITALS, DEMO_PHYSICIANS),
    "small": RegistryProfile(CmsSample(("MN", "NY", "TX", "CA"), per_state=10), 24, 30),
}


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        **{"registry listings": Entity, "registry accounts": Account, "registry imports": ImportJob}
    )
    jobs, _ = seed_registry_demo(
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
    lines.append(
        f"{Account.objects.filter(is_generated=True).count():,} generated demo accounts "
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
    created = {"accounts": 0, "physicians": 0}
    if not Account.objects.filter(is_generated=True, entity__kind=EntityKind.HOSPITAL).exists():
        created["accounts"] += generate_hospital_accounts(rng, day, profile.hospitals_with_accounts)
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
