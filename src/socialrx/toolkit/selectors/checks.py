"""Reads of the post safety checker: how long a draft a person may check, the organizations
they may save to and read, an organization's saved checks, and one saved check.

An organization's saved checks are its own: another person gets the same 404 as for a check
that does not exist (organizations.selectors.organization_for)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Substr

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles
from socialrx.membership.selectors import member_organization_ids
from socialrx.organizations.models import Organization
from socialrx.organizations.selectors import organization_for

from ..checking import FULL_LIMIT, SHORT_LIMIT, CheckResult, result_from
from ..models import SavedCheck

# The list shows a saved draft's first words, not the whole draft (up to 20,000 characters).
OPENING_CHARS = 140


def check_limit(user) -> int:
    """The longest draft `user` may check: members check long ones, anyone a short one."""
    return FULL_LIMIT if allowed(user, "toolkit.check_full") else SHORT_LIMIT


def organizations_to_save_to(user) -> QuerySet[Organization]:
    """The member organizations `user` holds a seat in, by name: where they may save a check
    (toolkit.save_check; the service asks again)."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(pk__in=member_organization_ids(user)).order_by("name")


def organizations_with_history(user) -> QuerySet[Organization]:
    """The organizations whose saved checks `user` reads (toolkit.view_check: a seat)."""
    return Organization.objects.filter(pk__in=list(org_roles(user))).order_by("name")


def history_organization(user, public_id) -> Organization:
    """The organization whose history `user` reads, or NotFound."""
    return organization_for(user, public_id, "toolkit.view_check")


def history_of(organization: Organization) -> QuerySet[SavedCheck]:
    """The organization's saved checks, newest first, with what the list shows: who saved it
    and the draft's first words (never the whole draft or its findings)."""
    return (
        SavedCheck.objects.filter(organization=organization)
        .select_related("saved_by")
        .annotate(opening=Substr("draft", 1, OPENING_CHARS))
        .defer("draft", "image_description", "findings", "risks")
    )


def saved_check_in(organization: Organization, check_id) -> SavedCheck:
    """One saved check of the organization (a check of another organization is not found)."""
    saved = (
        SavedCheck.objects.filter(organization=organization, public_id=check_id)
        .select_related("saved_by", "organization")
        .first()
    )
    if saved is None:
        raise NotFound("Saved check not found.")
    return saved


def result_of(saved: SavedCheck) -> CheckResult:
    """The saved check as it was found when saved."""
    return result_from(saved.draft, saved.image_description, saved.findings, saved.risks)


def may_delete(user, saved: SavedCheck) -> bool:
    """The person who saved a check, or an admin of its organization, deletes it."""
    return allowed(user, "toolkit.delete_check", saved)
