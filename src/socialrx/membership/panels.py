"""The dashboard's membership panels (declared in menus.py): the staff's application queue,
and each of the person's organizations' membership."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from socialrx.core.permissions import allowed, org_roles
from socialrx.organizations.models import Organization
from socialrx.organizations.selectors import seats_used_by

from . import selectors
from .models import ApplicationStatus, Membership, MembershipApplication, MembershipStatus
from .models.memberships import center_today


def staff_queue(request) -> dict:
    """What waits for the membership back office: one count, one query."""
    return {"applications": selectors.application_queue().count()}


@dataclass(frozen=True)
class OrganizationMembership:
    """One row of the membership panel."""

    organization: Organization
    membership: Membership | None
    application: MembershipApplication | None
    seats_used: int
    seat_limit: int
    may_see_billing: bool

    @property
    def state(self) -> str:
        """none, pending (an application waits), awaiting_payment, active, grace, lapsed,
        cancelled: what the panel says first."""
        ended = self.membership is None or self.membership.status in (
            MembershipStatus.LAPSED,
            MembershipStatus.CANCELLED,
        )
        if ended and self.application is not None:
            return "pending"
        if self.membership is None:
            return "none"
        return self.membership.status

    @property
    def renewal_date(self) -> date | None:
        """The day the current period ends and the next should start, while one runs."""
        if self.state in (MembershipStatus.ACTIVE, MembershipStatus.GRACE):
            return self.membership.covered_until
        return None


def membership(request) -> dict | None:
    """Plan, status, renewal date and seats of each of the person's organizations, with a
    word about a pending application or a lapsed membership. Three queries however many
    organizations (their roles are already known to the request)."""
    user = request.user
    roles = org_roles(user)
    if not roles:
        return None
    seats = seats_used_by(roles)
    organizations = Organization.objects.filter(pk__in=roles).select_related("membership__plan")
    applications = {
        application.organization_id: application
        for application in MembershipApplication.objects.filter(
            organization_id__in=roles, status=ApplicationStatus.PENDING
        ).select_related("plan")
    }
    today = center_today()
    rows = []
    for organization in organizations.order_by("name"):
        held = _membership_of(organization)
        rows.append(
            OrganizationMembership(
                organization=organization,
                membership=held,
                application=applications.get(organization.pk),
                seats_used=seats.get(organization.pk, 0),
                seat_limit=selectors.seat_limit_of(held, today=today),
                may_see_billing=allowed(user, "membership.view_billing", organization),
            )
        )
    return {"rows": rows}


def _membership_of(organization: Organization) -> Membership | None:
    """The membership select_related loaded (None, not an exception, when there is none)."""
    try:
        return organization.membership
    except Membership.DoesNotExist:
        return None
