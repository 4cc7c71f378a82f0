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

import random

from django.db import transaction

from ..freshness import mark_changed
from ..models import Account, Entity, EntityKind
from .cms import CMS_FILES, import_cms_files
from .hospitals import generate_hospital_accounts
from .members import member_listings, today
from .physicians import DEMO_PHYSICIANS, demo_npi, generate_physicians
from .shapes import SEED

__all__ = ["CMS_FILES", "DEMO_PHYSICIANS", "demo_npi", "import_cms_files", "seed_registry_demo"]


@transaction.atomic
def seed_registry_demo(
    *, staff, hospital_org, system_org, practice_org, practice_admin, physician_user
):
    jobs = import_cms_files(staff)
    rng, day = random.Random(SEED), today()
    created = {"accounts": 0, "physicians": 0}
    if not Account.objects.filter(is_generated=True, entity__kind=EntityKind.HOSPITAL).exists():
        created["accounts"] += generate_hospital_accounts(rng, day)
    if not Entity.objects.filter(kind=EntityKind.PHYSICIAN, is_generated=True).exists():
        created["physicians"] = generate_physicians(rng, day)
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
