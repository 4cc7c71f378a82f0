"""Use cases of organizations: create and edit, invitations, seats and org roles.

Every function is one use case, runs in one transaction, checks permission itself (so the view
and the API cannot forget) and writes an audit event for changes to seats or roles."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import forget_org_roles, require

from .models import (
    Invitation,
    InvitationStatus,
    Organization,
    OrganizationType,
    OrgRole,
    Seat,
)

ORGANIZATION_FIELDS = [
    "org_type",
    "name",
    "street_address",
    "city",
    "state",
    "postal_code",
    "website",
    "phone",
    "licensed_beds",
    "hospital_count",
    "provider_count",
    "employee_count",
    "cms_certification_number",
    "npi",
]
INVITATION_SALT = "socialrx.organizations.invitation"


# --- organizations --------------------------------------------------------------------------


def _check_identifiers(organization: Organization) -> None:
    """CCN belongs to hospitals, NPI to practices; other types keep neither."""
    if organization.cms_certification_number and organization.org_type != OrganizationType.HOSPITAL:
        raise DomainError(
            "Only a hospital has a CMS certification number.", field="cms_certification_number"
        )
    if organization.npi and organization.org_type != OrganizationType.PRACTICE:
        raise DomainError("Only a physician practice has an organization NPI.", field="npi")


def _check_unique_name(organization: Organization) -> None:
    duplicate = Organization.objects.filter(
        name__iexact=organization.name.strip(),
        city__iexact=organization.city.strip(),
        state=organization.state,
    ).exclude(pk=organization.pk)
    if duplicate.exists():
        raise DomainError(
            f"An organization named “{organization.name}” already exists in "
            f"{organization.city}, {organization.state}. Ask its admin to invite you.",
            field="name",
        )


def _validate_and_save(organization: Organization) -> None:
    organization.name = organization.name.strip()
    organization.city = organization.city.strip()
    try:
        organization.full_clean(validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    _check_identifiers(organization)
    _check_unique_name(organization)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:  # a concurrent request created the same name first
        raise DomainError("That organization already exists.", field="name") from error


@transaction.atomic
def create_organization(*, creator, data: dict[str, Any]) -> Organization:
    """A signed-in person creates an organization and becomes its first admin."""
    require(creator, "organizations.create_organization")
    organization = Organization(created_by=creator, **_only_org_fields(data))
    _validate_and_save(organization)
    Seat.objects.create(organization=organization, user=creator, role=OrgRole.ADMIN)
    forget_org_roles(creator)
    audit.record(
        actor=creator,
        action="organizations.organization.created",
        target=organization,
        after=audit.snapshot(organization, ORGANIZATION_FIELDS),
    )
    return organization


@transaction.atomic
def update_organization(*, actor, organization: Organization, data: dict[str, Any]) -> Organization:
    require(actor, "organizations.edit_profile", organization)
    # "Before" comes from the database: a ModelForm has already written the new values onto
    # the instance the view holds while it validated them.
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = audit.snapshot(organization, ORGANIZATION_FIELDS)
    for field, value in _only_org_fields(data).items():
        setattr(organization, field, value)
    _validate_and_save(organization)
    after = audit.snapshot(organization, ORGANIZATION_FIELDS)
    if before != after:
        audit.record(
            actor=actor,
            action="organizations.organization.updated",
            target=organization,
            before=before,
            after=after,
        )
    return organization


def _only_org_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key in ORGANIZATION_FIELDS}


# --- invitations ----------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(
        {"i": str(invitation.public_id), "n": invitation.nonce}, salt=INVITATION_SALT
    )


def invitation_url(invitation: Invitation) -> str:
    path = reverse("organizations:invitation_accept", args=[invitation_token(invitation)])
    return settings.SITE_URL.rstrip("/") + path


def _max_age() -> timedelta:
    return timedelta(days=settings.INVITATION_MAX_AGE_DAYS)


def _send_invitation_email(invitation: Invitation, *, actor) -> None:
    queue_templated_email(
        to=[invitation.email],
        template="organizations/email/invitation",
        context={
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": invitation.invited_by,
            "accept_url": invitation_url(invitation),
            "expires_at": invitation.expires_at,
        },
        triggered_by=actor,
    )


@transaction.atomic
def invite_person(*, actor, organization: Organization, email: str, role: str = OrgRole.MEMBER):
    """An org admin invites someone by email. Refused when that person already has a seat or
    already holds an open invitation (resend it instead)."""
    require(actor, "organizations.manage_invitations", organization)
    email = (email or "").strip().lower()
    _validate_email(email)
    if role not in OrgRole.values:
        raise DomainError("Choose a role: admin or member.", field="role")
    if Seat.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise DomainError(f"{email} is already a member of {organization}.", field="email")
    pending = Invitation.objects.filter(
        organization=organization, email__iexact=email, status=InvitationStatus.PENDING
    ).first()
    if pending and not pending.is_expired:
        raise DomainError(
            f"{email} already has an open invitation. Resend it from the list below.",
            field="email",
        )
    if pending:  # an expired one gives way to the new invitation
        pending.status = InvitationStatus.REVOKED
        pending.save(update_fields=["status"])
    _check_seat_available(organization)
    now = timezone.now()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        nonce=secrets.token_hex(8),
        invited_by=actor,
        sent_at=now,
        expires_at=now + _max_age(),
    )
    audit.record(
        actor=actor,
        action="organizations.invitation.created",
        target=invitation,
        after={"email": email, "role": role, "organization": str(organization)},
    )
    _send_invitation_email(invitation, actor=actor)
    return invitation


def _check_seat_available(organization: Organization) -> None:
    """An invitation holds a seat. The organization row is locked so that concurrent
    invitations cannot together pass the limit."""

    from .selectors import seat_limit, seats_used  # noqa: PLC0415 - selectors import the services' models; a top-level import would be a cycle

    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    limit = seat_limit(organization)
    if seats_used(organization) >= limit:
        raise DomainError(
            f"All {limit} seats of {organization} are taken (people and open invitations). "
            "Revoke an open invitation, remove someone, or move to a larger membership plan "
            "on the Billing page.",
            field="email",
            code="seat_limit",
        )


def _validate_email(email: str) -> None:

    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError("Enter a valid email address.", field="email") from error


@transaction.atomic
def resend_invitation(*, actor, invitation: Invitation) -> Invitation:
    """Send a fresh link: the earlier link stops working and the expiry starts again."""
    require(actor, "organizations.manage_invitation", invitation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise DomainError(f"This invitation was {invitation.get_status_display().lower()}.")
    now = timezone.now()
    invitation.nonce = secrets.token_hex(8)
    invitation.sent_at = now
    invitation.expires_at = now + _max_age()
    invitation.save(update_fields=["nonce", "sent_at", "expires_at"])
    audit.record(actor=actor, action="organizations.invitation.resent", target=invitation)
    _send_invitation_email(invitation, actor=actor)
    return invitation


@transaction.atomic
def revoke_invitation(*, actor, invitation: Invitation) -> Invitation:
    require(actor, "organizations.manage_invitation", invitation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise DomainError(f"This invitation was already {invitation.get_status_display().lower()}.")
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="organizations.invitation.revoked",
        target=invitation,
        before={"status": InvitationStatus.PENDING},
        after={"status": InvitationStatus.REVOKED},
    )
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link names, if the link is authentic and current; otherwise a
    DomainError saying why (expired, revoked, used, replaced by a newer link)."""
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=_max_age())
    except signing.SignatureExpired as error:
        raise DomainError("This invitation link has expired. Ask for a new one.") from error
    except signing.BadSignature as error:
        raise NotFound("This invitation link is not valid.") from error
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(public_id=payload.get("i"))
        .first()
    )
    if invitation is None:
        raise NotFound("This invitation link is not valid.")
    _check_invitation_usable(invitation, nonce=payload.get("n"))
    return invitation


def _check_invitation_usable(invitation: Invitation, *, nonce: str | None) -> None:
    if invitation.status == InvitationStatus.ACCEPTED:
        raise DomainError("This invitation has already been used.")
    if invitation.status == InvitationStatus.REVOKED:
        raise DomainError("This invitation was revoked by the organization.")
    if invitation.nonce != nonce:
        raise DomainError("A newer invitation was sent to you. Use the link in the latest email.")
    if invitation.is_expired:
        raise DomainError("This invitation link has expired. Ask for a new one.")


@transaction.atomic
def accept_invitation(*, user, token: str) -> Seat:
    """The invited person joins. The link works once, only for the address it was sent to."""
    found = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    _check_invitation_usable(invitation, nonce=found.nonce)
    if user.email.lower() != invitation.email.lower():
        raise DomainError(
            f"This invitation was sent to {invitation.email}. "
            "Sign in with that address to accept it."
        )
    organization = invitation.organization
    if Seat.objects.filter(organization=organization, user=user).exists():
        raise DomainError(f"You are already a member of {organization}.")
    seat = Seat.objects.create(organization=organization, user=user, role=invitation.role)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    forget_org_roles(user)
    audit.record(
        actor=user,
        action="organizations.seat.joined",
        target=seat,
        after={"organization": str(organization), "role": seat.role, "via": "invitation"},
    )
    return seat


# --- seats and org roles --------------------------------------------------------------------


def _other_admins(seat: Seat):
    return Seat.objects.filter(organization=seat.organization, role=OrgRole.ADMIN).exclude(
        pk=seat.pk
    )


@transaction.atomic
def change_member_role(*, actor, seat: Seat, role: str) -> Seat:
    """Make a person admin or member. An organization always keeps at least one admin."""
    require(actor, "organizations.manage_people", seat.organization)
    if role not in OrgRole.values:
        raise DomainError("Choose a role: admin or member.", field="role")
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.role == role:
        return seat
    if seat.role == OrgRole.ADMIN and not _other_admins(seat).exists():
        raise DomainError(
            "An organization needs at least one admin. Make someone else admin first."
        )
    before = seat.role
    seat.role = role
    seat.save(update_fields=["role"])
    forget_org_roles(seat.user)
    audit.record(
        actor=actor,
        action="organizations.seat.role_changed",
        target=seat,
        before={"role": before},
        after={"role": role},
    )
    return seat


@transaction.atomic
def remove_member(*, actor, seat: Seat) -> None:
    """Take a person's seat away. The last admin cannot be removed."""
    require(actor, "organizations.manage_people", seat.organization)
    seat = Seat.objects.select_for_update().select_related("user").get(pk=seat.pk)
    if seat.role == OrgRole.ADMIN and not _other_admins(seat).exists():
        raise DomainError("The last admin cannot be removed. Make someone else admin first.")
    audit.record(
        actor=actor,
        action="organizations.seat.removed",
        target=seat,
        before={
            "organization": str(seat.organization),
            "user": seat.user.email,
            "role": seat.role,
        },
    )
    seat.delete()
    forget_org_roles(seat.user)
