"""Scale data of accounts, for `socialrx seed-scale` (see `socialrx.core.scale`): people.

Each person signs in with a verified primary email address at the generated domain
(`core.scale.EMAIL_DOMAIN`, which marks them as generated) and the demo's published password,
hashed once and shared: hashing 50,000 passwords would take hours, and the password is
published anyway. No one holds a center role.

Puts: "scale_people" (`People`: their ids, names and emails, for the organizations' seats)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
    random_uuid,
)
from socialrx.core.scale_names import FIRST_NAMES, LAST_NAMES

from .demo import DEMO_PASSWORD
from .models import User

PEOPLE = {"S": 500, "M": 5_000, "L": 50_000}
TITLES = [
    ("Director of Digital Communications", "", ""),
    ("Social Media Manager", "", ""),
    ("Marketing Coordinator", "", ""),
    ("Vice President, Marketing and Communications", "MBA", ""),
    ("Chief Medical Officer", "MD", "Internal medicine"),
    ("Physician", "MD", "Family medicine"),
    ("Physician", "DO", "Pediatrics"),
    ("Clinical Nurse Educator", "RN, BSN", "Patient education"),
    ("Practice Manager", "", ""),
    ("Public Relations Specialist", "", ""),
    ("Community Outreach Coordinator", "MPH", "Public health"),
    ("Web Content Editor", "", ""),
]
TIME_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]


@dataclass(frozen=True)
class People:
    """The people a load made, by position: ids[i], names[i], emails[i], joined[i]."""

    ids: list[int]
    names: list[str]
    emails: list[str]
    joined: list[date]

    def __len__(self) -> int:
        return len(self.ids)


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("accounts.people")
    password = make_password(DEMO_PASSWORD)
    users = context.writer(
        User,
        (
            "email",
            "public_id",
            "password",
            "full_name",
            "professional_title",
            "credentials",
            "specialty",
            "time_zone",
            "date_joined",
        ),
    )
    addresses = context.writer(EmailAddress, ("user", "email", "verified", "primary"))
    people = People([], [], [], [])
    first_day = context.today - timedelta(days=6 * 365)
    for number in range(1, PEOPLE[context.size] + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first}.{last}.{number}@{EMAIL_DOMAIN}".lower()
        title, credentials, specialty = rng.choice(TITLES)
        joined = first_day + timedelta(days=rng.randrange(6 * 365))
        user_id = users.add(
            email,
            random_uuid(rng),
            password,
            f"{first} {last}",
            title,
            credentials,
            specialty,
            rng.choice(TIME_ZONES),
            timezone.make_aware(datetime.combine(joined, time(14))),
        )
        addresses.add(user_id, email, True, True)
        people.ids.append(user_id)
        people.names.append(f"{first} {last}")
        people.emails.append(email)
        people.joined.append(joined)
    context.put("scale_people", people)
    return ScaleReport({"people": users.count, "email addresses": addresses.count})


def _generated():
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")


SCALE = ScaleData(
    seed=seed,
    foreign_rows=lambda: {
        "people": User.objects.exclude(email__endswith=f"@{EMAIL_DOMAIN}").count()
    },
    loaded_rows=lambda: {"people": _generated().count()},
    clear=lambda: delete_all(EmailAddress, User),
)
