"""Who a post's @mentions name (see `community.mentions` for the syntax): the people who may
read the thread and whose full name matches, found in one query whatever the number of
mentions, with their directory entry (a listed person's mention links to it)."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse

from socialrx.membership.selectors import memberships_with_benefits
from socialrx.organizations.models import Seat

from ..mentions import mentioned_names, unique_by_name

# The directory's page of one person (the directory area's URL name).
DIRECTORY_PERSON_URL = "community:person"


def readers_of(category) -> Q:
    """People who may read a thread of `category`: members and center staff; in a category
    open to guests, any signed-in person."""
    if category.open_to_guests:
        return Q()
    member_seats = Seat.objects.filter(
        user_id=OuterRef("pk"),
        organization_id__in=memberships_with_benefits().values("organization_id"),
    )
    return Q(is_staff=True) | Q(Exists(member_seats))


def resolve_mentions(source: str, category) -> dict[str, object]:
    """{name key: person} for the names mentioned in `source` that match exactly one active
    person who may read threads of `category`. One query (none without a mention)."""
    keys = mentioned_names(source)
    if not keys:
        return {}
    names = reduce(or_, (Q(full_name__iexact=key) for key in keys))
    people = (
        get_user_model()
        .objects.filter(names, is_active=True)
        .filter(readers_of(category))
        .select_related("directory_profile")
    )
    found = unique_by_name(people)
    return {key: found[key] for key in keys if key in found}


def directory_url(person) -> str | None:
    """The person's directory page when they are listed there, else None."""
    profile = getattr(person, "directory_profile", None)
    if profile is None or not profile.is_listed:
        return None
    try:
        return reverse(DIRECTORY_PERSON_URL, args=[person.public_id])
    except NoReverseMatch:  # the directory's pages are not mounted
        return None
