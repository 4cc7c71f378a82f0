"""Reads of executive briefs: one brief or one organization as a person may open it (the same
404 for missing and not theirs), an organization's briefs, and the person's organizations with
their latest briefs for the briefs page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, is_center_staff, org_roles, person_cache
from socialrx.core.requests import is_uuid
from socialrx.membership.selectors import member_organization_ids
from socialrx.organizations.models import Organization

from ..models import ExecutiveBrief

# How many briefs of each organization the briefs page lists (its own page lists them all).
LATEST_BRIEFS = 5


def brief_for(user, public_id) -> ExecutiveBrief:
    """The brief, if `user` may read it (its organization's people, center staff)."""
    brief = None
    if is_uuid(str(public_id)):
        brief = (
            ExecutiveBrief.objects.select_related("organization", "drawn_by")
            .filter(public_id=public_id)
            .first()
        )
    if brief is None or not allowed(user, "toolkit.view_brief", brief):
        raise NotFound("No such brief.")
    return brief


def organization_for(user, public_id) -> Organization:
    """The organization, if `user` may read its briefs."""
    organization = None
    if is_uuid(str(public_id)):
        organization = Organization.objects.filter(public_id=public_id).first()
    if organization is None or not allowed(user, "toolkit.view_brief", organization):
        raise NotFound("No such organization.")
    return organization


def briefs_of(organization: Organization) -> QuerySet[ExecutiveBrief]:
    return ExecutiveBrief.objects.filter(organization=organization).select_related("drawn_by")


@dataclass(frozen=True)
class OrganizationBriefs:
    organization: Organization
    briefs: list[ExecutiveBrief]
    is_member: bool
    may_draw: bool


def organizations_with_briefs(user) -> list[OrganizationBriefs]:
    """The person's organizations, each with its latest briefs, whether it is a member of the
    center and whether the person may draw a brief for it: three queries however many."""
    roles = org_roles(user)
    if not roles:
        return []
    # Shared with membership's own check of the person's member organizations.
    members = person_cache(user, "membership.member_orgs", lambda: member_organization_ids(user))
    staff = is_center_staff(user)
    organizations = Organization.objects.filter(pk__in=roles).order_by("name", "pk")
    briefs = {organization.pk: [] for organization in organizations}
    for brief in (
        ExecutiveBrief.objects.filter(organization_id__in=briefs)
        .select_related("drawn_by")
        .order_by("organization_id", "-drawn_at", "-id")
    ):
        if len(briefs[brief.organization_id]) < LATEST_BRIEFS:
            briefs[brief.organization_id].append(brief)
    return [
        OrganizationBriefs(
            organization=organization,
            briefs=briefs[organization.pk],
            is_member=organization.pk in members,
            # toolkit.draw_brief, from what is loaded already rather than one query each
            # (a test holds the two to the same answers).
            may_draw=staff or (roles[organization.pk] == "admin" and organization.pk in members),
        )
        for organization in organizations
    ]


__all__ = [
    "LATEST_BRIEFS",
    "OrganizationBriefs",
    "brief_for",
    "briefs_of",
    "organization_for",
    "organizations_with_briefs",
]
