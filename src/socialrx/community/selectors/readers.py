"""Who, among many people, may still read a thread: the bulk form of `community.read_thread`
for the notifications (a follower who lost their membership, or whose account was closed,
hears nothing more).

The rule it mirrors (rules.py): center staff read everything; an active member reads every
visible thread; a signed-in guest reads the visible threads of categories opened to guests;
a hidden thread is for staff only. Three queries whatever the number of people and threads."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from socialrx.core.calendar import center_today
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.organizations.models import Seat


def member_ids_among(user_ids: Iterable[int]) -> set[int]:
    """Of `user_ids`, the people holding a seat in an organization with benefits today (two
    queries)."""
    user_ids = set(user_ids)
    if not user_ids:
        return set()
    seats = list(
        Seat.objects.filter(user_id__in=user_ids)
        .order_by()
        .values_list("user_id", "organization_id")
    )
    if not seats:
        return set()
    today = center_today()
    memberships = Membership.objects.filter(
        organization_id__in={organization_id for _, organization_id in seats}
    ).exclude(status=MembershipStatus.CANCELLED)
    member_orgs = {m.organization_id for m in memberships if m.has_benefits_on(today)}
    return {user_id for user_id, organization_id in seats if organization_id in member_orgs}


def readable_pairs(pairs: Iterable[tuple[int, object]]) -> set[tuple[int, int]]:
    """Of (person id, thread) pairs, the (person id, thread id) of those who may read the
    thread. Each thread needs its `category` loaded (select_related) to avoid a query."""
    pairs = [(user_id, thread) for user_id, thread in pairs if user_id is not None]
    if not pairs:
        return set()
    people = dict(
        get_user_model()
        .objects.filter(pk__in={user_id for user_id, _ in pairs}, is_active=True)
        .values_list("pk", "is_staff")
    )
    if not people:
        return set()
    staff = {pk for pk, is_staff in people.items() if is_staff}
    members = member_ids_among(set(people) - staff)
    readable = set()
    for user_id, thread in pairs:
        if user_id not in people:
            continue
        visible = not thread.is_hidden and (user_id in members or thread.category.open_to_guests)
        if user_id in staff or visible:
            readable.add((user_id, thread.pk))
    return readable


def readers_among(thread, user_ids: Iterable[int]) -> set[int]:
    """Of `user_ids`, those who may read `thread` (at most three queries)."""
    return {user_id for user_id, _ in readable_pairs((user_id, thread) for user_id in user_ids)}
