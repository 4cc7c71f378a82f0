"""Reads of organizations shared by pages and the API, each in a fixed number of queries."""

from __future__ import annotations

import functools

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from .models import Invitation, InvitationStatus, Organization, OrgRole, Seat


def organization_for(user, public_id, perm: str = "organizations.view_profile") -> Organization:
    """The organization if `user` may `perm` it; the same NotFound for missing and forbidden."""
    organization = Organization.objects.filter(public_id=public_id).first()
    if organization is None or not allowed(user, perm, organization):
        raise NotFound("Organization not found.")
    return organization


def organizations_administered_by(user) -> QuerySet[Organization]:
    """The organizations whose admin `user` is, by name (one query)."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(seats__user=user, seats__role=OrgRole.ADMIN).order_by("name")


def seat_limit(organization: Organization) -> int:
    """How many seats `organization` may fill. The app that sells seats declares the policy on
    its AppConfig (`seat_limit_policy = "dotted.path"`, a function of the organization), so this
    app never imports the one built on top of it; without one, the guest limit applies."""
    policy = _seat_limit_policy()
    return policy(organization) if policy else settings.GUEST_SEAT_LIMIT


@functools.cache
def _seat_limit_policy():
    declared = (getattr(config, "seat_limit_policy", None) for config in apps.get_app_configs())
    path = next((path for path in declared if path), None)
    return import_string(path) if path else None


def organization_finder_url() -> str | None:
    """Where adding an organization starts when an app offers to find it first (the
    registry's "find your hospital or practice"): the URL name an app declares on its AppConfig
    (`organization_finder = "namespace:name"`), so this app never imports the one built on top
    of it. None without one: the empty form is the start."""
    name = _organization_finder()
    return reverse(name) if name else None


def organization_start_url() -> str:
    """The link of "Add an organization": the finder when there is one, else the form."""
    return organization_finder_url() or reverse("organizations:create")


@functools.cache
def _organization_finder() -> str | None:
    declared = (getattr(config, "organization_finder", None) for config in apps.get_app_configs())
    return next((name for name in declared if name), None)


def seats_of_user(user) -> QuerySet[Seat]:
    return (
        Seat.objects.filter(user=user)
        .select_related("organization")
        .annotate(people_count=Count("organization__seats"))
        .order_by("organization__name")
    )


def people_of(organization: Organization) -> QuerySet[Seat]:
    """Admins first ("admin" sorts before "member"), then by name."""
    return (
        Seat.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


def invitations_of(organization: Organization) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(organization=organization)
        .select_related("invited_by")
        .order_by("status", "-sent_at")
    )


def open_invitations_for_email(email: str) -> QuerySet[Invitation]:

    return (
        Invitation.objects.filter(
            email__iexact=email, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        )
        .select_related("organization", "invited_by")
        .order_by("-sent_at")
    )


def seat_in(organization: Organization, seat_id: int) -> Seat:
    seat = (
        Seat.objects.select_related("user", "organization")
        .filter(organization=organization, pk=seat_id)
        .first()
    )
    if seat is None:
        raise NotFound("That person is not in this organization.")
    return seat


def invitation_in(organization: Organization, public_id) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(organization=organization, public_id=public_id)
        .first()
    )
    if invitation is None:
        raise NotFound("Invitation not found.")
    return invitation


def seats_used(organization: Organization) -> int:
    """People with a seat plus open invitations (an open invitation holds a seat)."""
    return seats_used_by([organization.pk]).get(organization.pk, 0)


def seats_used_by(organization_ids) -> dict[int, int]:
    """{organization id: seats used} for many organizations in one query."""
    rows = (
        Organization.objects.filter(pk__in=organization_ids)
        .annotate(
            people=Count("seats", distinct=True),
            invited=Count(
                "invitations",
                filter=Q(
                    invitations__status=InvitationStatus.PENDING,
                    invitations__expires_at__gt=timezone.now(),
                ),
                distinct=True,
            ),
        )
        .values_list("pk", "people", "invited")
    )
    return {pk: people + invited for pk, people, invited in rows}
