"""Generated physicians of the scale data: NPIs no real provider holds, invented names, a
specialty, and the town of the hospital they are affiliated with (larger hospitals have more
physicians). Their accounts follow the demo's physician shapes (`demo.shapes`), scaled so the
size's number of accounts is reached exactly."""

from __future__ import annotations

import itertools
import random

from socialrx.core.scale import random_uuid
from socialrx.core.scale_names import FIRST_NAMES, LAST_NAMES

from ..demo.shapes import ACCOUNT_SPREAD, ENTITY_SPREAD, PHYSICIAN_PLATFORMS
from ..models import EntityKind
from .entities import SCALE_SOURCE, EntityRows, generated_npi
from .hospitals import Affiliation
from .listings import PlatformCounts, popularity, stem

# Median followers of a physician's account (the demo's figure for the "Twitter doctors").
PHYSICIAN_MEDIAN = 850
SPECIALTIES = [
    ("Internal Medicine", 14), ("Family Medicine", 12), ("Pediatrics", 9), ("Cardiology", 7),
    ("Hematology and Oncology", 7), ("Dermatology", 6), ("Emergency Medicine", 7),
    ("Obstetrics and Gynecology", 6), ("Psychiatry", 6), ("Orthopedic Surgery", 5),
    ("Neurology", 4), ("General Surgery", 4), ("Radiology", 3), ("Anesthesiology", 3),
    ("Gastroenterology", 3), ("Endocrinology", 2), ("Infectious Disease", 2),
]  # fmt: skip
CREDENTIALS = [("MD", 70), ("DO", 15), ("MD, PhD", 8), ("MD, MPH", 7)]
INITIALS = "ABCDEFGHJKLMNPRSTW"


def physician_accounts(physicians: int, accounts: int) -> PlatformCounts:
    return PlatformCounts(PHYSICIAN_PLATFORMS, physicians, accounts)


def write_physicians(
    rng: random.Random,
    rows: EntityRows,
    hospitals: list[Affiliation],
    count: int,
    counts: PlatformCounts,
) -> None:
    weights = list(itertools.accumulate(hospital.beds for hospital in hospitals))
    specialties = list(itertools.accumulate(weight for _, weight in SPECIALTIES))
    credentials = list(itertools.accumulate(weight for _, weight in CREDENTIALS))
    for number in range(1, count + 1):
        hospital = rng.choices(hospitals, cum_weights=weights)[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        handle = stem(f"Dr{last}", "P", number)
        reach = PHYSICIAN_MEDIAN * popularity(rng, ENTITY_SPREAD)
        accounts = []
        for platform in counts.pick(rng):
            shape = PHYSICIAN_PLATFORMS[platform]
            base = reach * shape.scale * popularity(rng, ACCOUNT_SPREAD)
            accounts.append(rows.listings.plan(platform, handle, shape, base))
        rows.add(
            {
                "public_id": random_uuid(rng),
                "kind": EntityKind.PHYSICIAN,
                "npi": generated_npi(number),
                "name": f"{first} {rng.choice(INITIALS)}. {last}",
                "credential": rng.choices(CREDENTIALS, cum_weights=credentials)[0][0],
                "specialty": rng.choices(SPECIALTIES, cum_weights=specialties)[0][0],
                "city": hospital.city,
                "state": hospital.state,
                "postal_code": hospital.postal_code,
                "affiliated_hospital": hospital.id,
                "is_generated": True,
                "source": SCALE_SOURCE,
            },
            accounts,
        )
