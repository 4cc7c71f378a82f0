"""Who coaching's emails go to: an organization's admins, center staff, and whether a person
named on an engagement's item (its owner, a session's booker) may still read it.

A person keeps receiving an organization's items only while they may open the pages those
items link to: they hold a seat in the organization, coach the engagement, or are center
staff. Someone who left the organization is no longer written to; its admins are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.contrib.auth import get_user_model

from socialrx.core.permissions import is_center_staff
from socialrx.organizations.models import OrgRole, Seat

from .models import Engagement


class Recipient(NamedTuple):
    pk: int
    email: str
    full_name: str


def org_admins_by_organization(organization_ids: Iterable[int]) -> dict[int, list[Recipient]]:
    """{organization id: its active admins, by email}: one query for any number."""
    found: dict[int, list[Recipient]] = defaultdict(list)
    seats = (
        Seat.objects.filter(
            organization_id__in=set(organization_ids), role=OrgRole.ADMIN, user__is_active=True
        )
        .values_list("organization_id", "user_id", "user__email", "user__full_name")
        .order_by("user__email", "user_id")
    )
    for organization_id, pk, email, full_name in seats:
        found[organization_id].append(Recipient(pk, email, full_name))
    return found


def org_admin_emails(organization) -> list[str]:
    """The organization's active admins' addresses, sorted (one query)."""
    admins = org_admins_by_organization([organization.pk]).get(organization.pk, [])
    return sorted({admin.email for admin in admins})


def staff_emails() -> list[str]:
    """Every active center staff member's address, sorted (one query)."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    return sorted(set(staff.values_list("email", flat=True)))


def still_readers(pairs: Iterable[tuple[object, Engagement]]) -> set[tuple[int, int]]:
    """Of the (person, engagement) pairs, the (person id, engagement id) of those who may
    still read the engagement: active, and holding a seat in its organization, coaching it,
    or center staff. Two queries whatever the number of pairs."""
    pairs = [(person, engagement) for person, engagement in pairs if person is not None]
    active = [(p, e) for p, e in pairs if p.is_active]
    if not active:
        return set()
    people = {person.pk for person, _ in active}
    seats = set(
        Seat.objects.filter(
            user_id__in=people,
            organization_id__in={engagement.organization_id for _, engagement in active},
        )
        .order_by()
        .values_list("user_id", "organization_id")
    )
    coaching = set(
        Engagement.coaches.through.objects.filter(
            user_id__in=people, engagement_id__in={engagement.pk for _, engagement in active}
        )
        .order_by()
        .values_list("user_id", "engagement_id")
    )
    return {
        (person.pk, engagement.pk)
        for person, engagement in active
        if is_center_staff(person)
        or (person.pk, engagement.organization_id) in seats
        or (person.is_coach and (person.pk, engagement.pk) in coaching)
    }
