"""The demo's member directory: the demo organizations and their people who chose to be
listed, with their role, platforms and expertise.

Riverside's people are members: their entries are written through the directory service as
they would write them. North Star's and Lakeside's people are not members today (an
application waiting, a membership lapsed), so the service would refuse them the directory;
their entries are written as rows, and the directory shows them once their organization
holds a membership again (approve North Star's application to see them appear). David Chen
chose not to be listed. Each organization's entry goes through the service by its admin.
A person's or organization's entry is made only when missing."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.demo import inside_the_demo as inside
from socialrx.taxonomy.models import Platform, Topic

from ..models import DirectoryProfile, OrganizationEntry
from ..services import directory


@dataclass(frozen=True)
class Entry:
    person: str  # in the people of the demo (community/demo/__init__.py)
    organization: str
    bio: str
    platforms: tuple[str, ...]
    expertise: tuple[str, ...]
    accepts_messages: bool = True


PEOPLE = (
    Entry(
        "demo_hospital_admin",
        "demo_hospital",
        "Leads a communications team of two; ask me about review replies and our crisis annex.",
        ("facebook", "instagram", "linkedin"),
        ("strategy", "crisis-response", "reputation"),
    ),
    Entry(
        "demo_physician",
        "demo_hospital",
        "Chief medical officer; helping our physicians build professional profiles.",
        ("linkedin", "x"),
        ("physician-presence", "patient-education"),
    ),
    Entry(
        "nurse",
        "demo_hospital",
        "Coordinates Riverside's twelve nurse ambassadors.",
        ("instagram",),
        ("recruitment", "content-production"),
        accepts_messages=False,
    ),
    Entry(
        "demo_health_system_admin",
        "demo_health_system",
        "Runs one policy and an account register for seven hospitals.",
        ("facebook", "instagram", "linkedin", "x"),
        ("policy-legal", "strategy"),
    ),
    Entry(
        "system_social",
        "demo_health_system",
        "Short video for seven hospitals, on a budget.",
        ("tiktok", "instagram", "youtube"),
        ("content-production", "measurement-roi"),
    ),
    Entry(
        "demo_practice_admin",
        "demo_practice",
        "Managing partner of a six-physician family practice.",
        ("facebook",),
        ("patient-education",),
    ),
    Entry(
        "practice_manager",
        "demo_practice",
        "Two hours a week for social media, and a front desk full of good questions.",
        ("facebook",),
        ("patient-education", "reputation"),
    ),
)

ORGANIZATIONS = (
    (
        "demo_hospital",
        "demo_hospital_admin",
        "A 350-bed regional medical center in Rochester, Minnesota, with nurse ambassadors and "
        "a rehearsed crisis annex.",
        ("facebook", "instagram", "linkedin", "x", "youtube"),
    ),
    (
        "demo_health_system",
        "demo_health_system_admin",
        "Seven hospitals, 41 accounts, one policy and an account register.",
        ("facebook", "instagram", "linkedin", "x"),
    ),
    (
        "demo_practice",
        "demo_practice_admin",
        "A six-physician family practice answering one patient question a week.",
        ("facebook",),
    ),
)


def seed_directory(people: dict, members: set[int]) -> tuple[list, list]:
    """The entries (people, organizations) of the demo, made when missing."""
    platforms = {p.code: p for p in Platform.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    profiles = []
    for entry in PEOPLE:
        user = people[entry.person]
        profile = DirectoryProfile.objects.filter(user=user).first()
        if profile is None:
            data = {
                "is_listed": True,
                "accepts_messages": entry.accepts_messages,
                "role_title": user.professional_title,
                "organization": people[entry.organization],
                "bio": entry.bio,
                "platforms": [platforms[code] for code in entry.platforms],
                "expertise": [topics[slug] for slug in entry.expertise],
            }
            profile = _write_profile(user, data, member=user.pk in members)
        profiles.append(profile)
    organizations = []
    for name, admin, description, codes in ORGANIZATIONS:
        organization = people[name]
        entry = OrganizationEntry.objects.filter(organization=organization).first()
        if entry is None:
            entry = inside(directory.update_organization_entry)(
                actor=people[admin],
                organization=organization,
                data={
                    "is_listed": True,
                    "description": description,
                    "platforms": [platforms[code] for code in codes],
                },
            )
        organizations.append(entry)
    return profiles, organizations


def _write_profile(user, data: dict, *, member: bool) -> DirectoryProfile:
    if member:
        return inside(directory.update_directory_entry)(actor=user, data=data)
    profile = DirectoryProfile.objects.create(
        user=user,
        is_listed=True,
        role_title=data["role_title"],
        organization=data["organization"],
        bio=data["bio"],
        accepts_messages=data["accepts_messages"],
    )
    profile.platforms.set(data["platforms"])
    profile.expertise.set(data["expertise"])
    return profile


__all__ = ["ORGANIZATIONS", "PEOPLE", "seed_directory"]
