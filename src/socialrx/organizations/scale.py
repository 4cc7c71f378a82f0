"""Scale data of organizations, for `socialrx seed-scale` (see `socialrx.core.scale`):
organizations of every type and the people's seats in them.

Nine in ten people hold a seat, one organization each. Every organization has an admin (the
person who created it); organizations with eight seats or more have a second. Individual
physicians' organizations have one seat, their own. Sizes (beds, hospitals, providers,
employees) follow the organization's type, so each falls in a membership plan's band. Each
organization's web address is at the generated domain (`core.scale.EMAIL_DOMAIN`), which marks
it as generated.

Reads: "scale_people". Puts: "scale_organizations" (a `ScaleOrganization` each)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
    random_uuid,
)
from socialrx.core.scale_names import CITIES, place_name

from .models import Invitation, Organization, OrganizationType, OrgRole, Seat

ORGANIZATIONS = {"S": 50, "M": 500, "L": 5_000}
SEATED_SHARE = 0.9
SECOND_ADMIN_FROM = 8  # seats
TYPES = [
    (OrganizationType.HOSPITAL, 40, 4.0),  # type, share (%), seats weight
    (OrganizationType.HEALTH_SYSTEM, 8, 6.0),
    (OrganizationType.PRACTICE, 30, 2.0),
    (OrganizationType.OTHER, 12, 2.0),
    (OrganizationType.INDIVIDUAL, 10, 0.0),
]
SUFFIXES = {
    OrganizationType.HOSPITAL: [
        "Regional Medical Center", "Community Hospital", "Memorial Hospital",
        "Medical Center", "General Hospital", "Children's Hospital",
    ],
    OrganizationType.HEALTH_SYSTEM: ["Health", "Health System", "Healthcare", "Health Partners"],
    OrganizationType.PRACTICE: [
        "Family Physicians", "Pediatrics", "Cardiology Associates", "Internal Medicine",
        "Women's Health", "Orthopedics", "Dermatology Clinic",
    ],
    OrganizationType.OTHER: [
        "Public Health Department", "Home Health", "Community Clinic", "Hospice",
        "Behavioral Health Center", "Medical Society",
    ],
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ScaleOrganization:
    id: int
    org_type: str
    name: str
    size: int | None  # what places it in a plan's band (membership.services.plans.size_of)
    admin_id: int
    admin_name: str
    admin_email: str


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high + 1))))


def _size(rng: random.Random, org_type: str) -> dict[str, int | None]:
    sizes = dict.fromkeys(("licensed_beds", "hospital_count", "provider_count", "employee_count"))
    if org_type == OrganizationType.HOSPITAL:
        sizes["licensed_beds"] = _log_uniform(rng, 15, 1_100)
    elif org_type == OrganizationType.HEALTH_SYSTEM:
        sizes["hospital_count"] = _log_uniform(rng, 2, 40)
    elif org_type == OrganizationType.PRACTICE:
        sizes["provider_count"] = _log_uniform(rng, 1, 80)
    elif org_type == OrganizationType.OTHER:
        sizes["employee_count"] = _log_uniform(rng, 5, 2_000)
    return sizes


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("organizations")
    people = context.get("scale_people")
    count = ORGANIZATIONS[context.size]
    seated = max(int(len(people) * SEATED_SHARE), count)
    kinds = [rng.choices(TYPES, weights=[share for _, share, _ in TYPES])[0] for _ in range(count)]
    # Every organization's admin first, then the other seated people by weight: larger kinds
    # of organization (and some of each, by chance) take more seats.
    weights = [weight * math.exp(rng.gauss(0, 0.8)) for _, _, weight in kinds]
    seats_of = [1] * count
    for index in rng.choices(range(count), weights=weights, k=seated - count):
        seats_of[index] += 1

    organizations = context.writer(
        Organization,
        (
            "public_id", "org_type", "name", "street_address", "city", "state", "postal_code",
            "website", "licensed_beds", "hospital_count", "provider_count", "employee_count",
            "created_at", "created_by",
        ),
    )  # fmt: skip
    seats = context.writer(Seat, ("organization", "user", "role", "joined_at"))
    made, taken, person = [], set(), 0
    for number, (org_type, _, _) in enumerate(kinds, start=1):
        admin = person
        city, state, postal_code = rng.choice(CITIES)
        name = _unique_name(rng, org_type, people.names[admin], city, state, taken)
        sizes = _size(rng, org_type)
        created = people.joined[admin] + timedelta(days=rng.randrange(1, 60))
        organization_id = organizations.add(
            random_uuid(rng),
            org_type,
            name,
            f"{rng.randrange(100, 9_900)} {rng.choice(['Main', 'Oak', 'Lake', 'Hill'])} Street",
            city,
            state,
            postal_code,
            f"https://org{number}.{EMAIL_DOMAIN}/",
            *sizes.values(),
            _at(created),
            people.ids[admin],
        )
        for seat in range(seats_of[number - 1]):
            is_admin = seat == 0 or (seat == 1 and seats_of[number - 1] >= SECOND_ADMIN_FROM)
            joined = max(created, people.joined[person]) + timedelta(days=rng.randrange(0, 400))
            seats.add(
                organization_id,
                people.ids[person],
                OrgRole.ADMIN if is_admin else OrgRole.MEMBER,
                _at(min(joined, context.today)),
            )
            person += 1
        size = next((value for value in sizes.values() if value is not None), None)
        made.append(
            ScaleOrganization(
                organization_id,
                org_type,
                name,
                1 if org_type == OrganizationType.INDIVIDUAL else size,
                people.ids[admin],
                people.names[admin],
                people.emails[admin],
            )
        )
    context.put("scale_organizations", made)
    return ScaleReport({"organizations": organizations.count, "seats": seats.count})


def _unique_name(rng, org_type, admin_name, city, state, taken: set) -> str:
    """A name no other organization has in its city (the organizations' unique constraint)."""
    for attempt in range(1, 1_000):
        if org_type == OrganizationType.INDIVIDUAL:
            name = f"{admin_name}, MD" if attempt == 1 else f"{admin_name}, MD ({attempt})"
        else:
            name = f"{place_name(rng)} {rng.choice(SUFFIXES[org_type])}"
        key = (name.lower(), city.lower(), state)
        if key not in taken:
            taken.add(key)
            return name
    raise RuntimeError(f"No free organization name in {city}, {state}.")


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(15)))


def _generated():
    return Organization.objects.filter(website__endswith=f".{EMAIL_DOMAIN}/")


SCALE = ScaleData(
    seed=seed,
    foreign_rows=lambda: {
        "organizations": Organization.objects.exclude(website__endswith=f".{EMAIL_DOMAIN}/").count()
    },
    loaded_rows=lambda: {"organizations": _generated().count()},
    clear=lambda: delete_all(Invitation, Seat, Organization),
)
