"""Generated physicians (NPIs no real provider holds) and their accounts."""

from __future__ import annotations

import math
import random
from datetime import date

from socialrx.core.identifiers import npi_check_digit_ok

from ..classification import classify
from ..models import (
    Entity,
    EntityKind,
)
from .generator import AccountGenerator
from .shapes import ACCOUNT_SPREAD, ENTITY_SPREAD, PHYSICIAN_PLATFORMS

DEMO_PHYSICIANS = 300


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

    stem = f"3{number:08d}"
    return next(stem + str(d) for d in range(10) if npi_check_digit_ok(stem + str(d)))


def generate_physicians(rng: random.Random, today: date, count: int = DEMO_PHYSICIANS) -> int:
    hospitals = list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL, accounts__is_generated=True)
        .distinct()
        .order_by("ccn")
    )
    physicians = []
    for number in range(1, count + 1):
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
    generator = AccountGenerator(rng, today)
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
