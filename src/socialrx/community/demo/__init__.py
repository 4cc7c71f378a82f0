"""Demo data of the community, run by `socialrx seed-demo` after the library (demo_order 90).
Idempotent: categories, threads, follows, reading marks and directory entries are made only
when missing.

- Forums (`forums.py`): the lead's 13 categories (2 open to guests) and 8 threads (content.py)
  between the demo organizations' people over the last five weeks, with replies, accepted
  answers, follows and the notifications the forum's notify service made of them; James
  Okafor's reading marks (recent replies unread).
- The member directory (`directory.py`): the demo organizations and their people with role,
  platforms and expertise (David Chen chose not to be listed).

Every thread is marked generated (the thread page says it was written for the demo).

Reads: "center_staff", the demo organizations and their admins, "demo_physician", and the
other demo people by their demo addresses."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from socialrx.accounts.demo import demo_user
from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.membership.selectors import memberships_with_benefits
from socialrx.organizations.demo import LAKESIDE_MANAGER, NORTH_STAR_SOCIAL, RIVERSIDE_NURSE
from socialrx.organizations.models import Seat

from ..models import (
    Category,
    DirectoryProfile,
    Follow,
    Notification,
    OrganizationEntry,
    Post,
    Thread,
    ThreadRead,
)
from ..selectors.directory import listed_organizations, listed_people
from .directory import seed_directory
from .forums import seed_categories, seed_reading, seed_threads

__all__ = ["seed", "seed_community_demo"]

NAMED = (
    "demo_hospital",
    "demo_health_system",
    "demo_practice",
    "demo_hospital_admin",
    "demo_health_system_admin",
    "demo_practice_admin",
    "demo_physician",
)


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        **{
            "forum categories": Category,
            "forum threads": Thread,
            "forum posts": Post,
            "follows": Follow,
            "forum notifications": Notification,
            "thread reading marks": ThreadRead,
            "directory entries": DirectoryProfile,
            "organization entries": OrganizationEntry,
        }
    )
    categories, threads = seed_community_demo(context)
    return DemoReport(title="Community", lines=report_lines(categories, threads), made=tally.made())


def people_of(context: DemoContext) -> dict:
    people = {name: context.get(name) for name in NAMED}
    people.update(
        nurse=demo_user(RIVERSIDE_NURSE),
        system_social=demo_user(NORTH_STAR_SOCIAL),
        practice_manager=demo_user(LAKESIDE_MANAGER),
    )
    return people


@transaction.atomic
def seed_community_demo(context: DemoContext):
    people = people_of(context)
    categories = seed_categories()
    threads = seed_threads(people, categories, timezone.now())
    seed_reading(people["demo_physician"], threads)
    member_organizations = memberships_with_benefits().values("organization_id")
    members = set(
        Seat.objects.filter(organization_id__in=member_organizations).values_list(
            "user_id", flat=True
        )
    )
    seed_directory(people, members)
    return list(categories.values()), threads


def report_lines(categories: list[Category], threads: list[Thread]) -> list[str]:
    threads = list(Thread.objects.filter(pk__in=[t.pk for t in threads]))
    kinds = Counter(thread.kind for thread in threads)
    answered = sum(1 for thread in threads if thread.accepted_post_id)
    replies = sum(thread.post_count - 1 for thread in threads)
    guests = sum(1 for category in categories if category.open_to_guests)
    people, organizations = listed_people().count(), listed_organizations().count()
    entries = DirectoryProfile.objects.filter(is_listed=True).count()
    unread = Notification.objects.filter(read_at__isnull=True).values_list("user__full_name")
    by_person = Counter(name for (name,) in unread)
    return [
        f"Forums {reverse('community:home')}: {len(categories)} categories ({guests} open to "
        f"signed-in guests), {len(threads)} threads ({kinds['question']} questions, "
        f"{answered} with an accepted answer), {replies} replies",
        "Unread forum notifications: "
        + (", ".join(f"{name} {count}" for name, count in sorted(by_person.items())) or "none"),
        f"Directory {reverse('community:directory')}: {people} people and {organizations} "
        f"organization{'s' if organizations != 1 else ''} shown to members ({entries} people "
        "listed; North Star's and Lakeside's appear once their organization is a member)",
    ]
