"""Invitations: invite, resend, revoke, accept; the link is signed, single-use and expiring."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed, org_roles
from socialrx.organizations import services
from socialrx.organizations.models import Invitation, Seat
from tests.factories import InvitationFactory, SeatFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DANA = "dana.lee@example-health.org"


@pytest.fixture
def invite(org_a):
    """Invite someone to organization A as its admin; returns the invitation."""
    organization, admin, _ = org_a

    def _invite(email=DANA, role="member"):
        return services.invite_person(
            actor=admin, organization=organization, email=email, role=role
        )

    return _invite


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    return refused.value


# --- invite ---------------------------------------------------------------------------------


def test_an_admin_invites_a_person_with_a_pending_invitation_that_expires(org_a, settings):
    organization, admin, _ = org_a
    settings.INVITATION_MAX_AGE_DAYS = 7

    invitation = services.invite_person(
        actor=admin, organization=organization, email="  Dana.Lee@Example-Health.org ", role="admin"
    )

    assert (invitation.email, invitation.role, invitation.status, invitation.invited_by) == (
        DANA,
        "admin",
        "pending",
        admin,
    )
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)


def test_inviting_is_audited(org_a, invite):
    organization, admin, _ = org_a

    invitation = invite(role="admin")

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_type, event.target_id) == (
        "organizations.invitation.created",
        admin,
        "organizations.invitation",
        str(invitation.pk),
    )
    assert event.after == {"email": DANA, "role": "admin", "organization": organization.name}


def test_the_invitation_email_goes_out_after_commit_with_text_html_and_the_accept_link(
    org_a, invite, mailoutbox, django_capture_on_commit_callbacks, settings
):
    organization, admin, _ = org_a

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite()
        assert mailoutbox == []  # nothing leaves before the invitation is committed

    [message] = mailoutbox
    # The signed token carries a timestamp, so the link is read back from the email rather
    # than rebuilt (a rebuilt one differs when a second has passed).
    prefix = settings.SITE_URL + reverse("organizations:invitation_accept", args=["TOKEN"])
    prefix = prefix.removesuffix("TOKEN/")
    [accept_url] = [line for line in message.body.splitlines() if line.startswith(prefix)]
    token = accept_url.removeprefix(prefix).removesuffix("/")
    assert services.invitation_from_token(token) == invitation
    assert message.to == [DANA]
    assert message.subject == (
        f"{admin.display_name} invited you to join {organization.name} on SocialRx"
    )
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    assert f'<a href="{accept_url}">Accept the invitation</a>' in html


def test_the_link_in_the_email_opens_the_invitation(invite):
    invitation = invite()

    assert services.invitation_from_token(services.invitation_token(invitation)) == invitation


@pytest.mark.parametrize("email", ["", "dana", "dana@", "dana lee@example.org", "@example.org"])
def test_an_invalid_email_address_is_refused_and_nothing_is_written(
    invite, email, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        error = refusal(invite, email=email)

    assert (error.field, error.message) == ("email", "Enter a valid email address.")
    assert Invitation.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert mailoutbox == []


def test_an_unknown_role_is_refused(invite):
    error = refusal(invite, role="owner")

    assert (error.field, error.message) == ("role", "Choose a role: admin or member.")
    assert Invitation.objects.count() == 0


def test_a_person_who_already_has_a_seat_cannot_be_invited(org_a, invite):
    organization, _, member = org_a

    error = refusal(invite, email=member.email.upper())

    assert (error.field, error.message) == (
        "email",
        f"{member.email} is already a member of {organization.name}.",
    )
    assert Invitation.objects.count() == 0


def test_a_second_invitation_while_one_is_open_is_refused(
    invite, mailoutbox, django_capture_on_commit_callbacks
):
    invite()

    with django_capture_on_commit_callbacks(execute=True):
        error = refusal(invite, email=DANA.upper())

    assert (error.field, error.message) == (
        "email",
        f"{DANA} already has an open invitation. Resend it from the list below.",
    )
    assert Invitation.objects.count() == 1
    assert mailoutbox == []


def test_an_expired_invitation_gives_way_to_a_new_one(org_a, invite):
    organization, _, _ = org_a
    expired = InvitationFactory(
        organization=organization, email=DANA, expires_at=timezone.now() - timedelta(minutes=1)
    )

    fresh = invite()

    expired.refresh_from_db()
    assert (expired.status, fresh.status) == ("revoked", "pending")
    assert fresh.pk != expired.pk


def test_the_same_person_may_hold_invitations_from_two_organizations(invite, org_b):
    organization_b, admin_b = org_b
    invite()

    services.invite_person(actor=admin_b, organization=organization_b, email=DANA)

    assert Invitation.objects.filter(email=DANA, status="pending").count() == 2


@pytest.mark.parametrize("who", ["member", "other_admin", "coach"])
def test_only_its_admins_may_invite_to_an_organization(
    org_a, org_b, coach, who, mailoutbox, django_capture_on_commit_callbacks
):
    organization, _, member = org_a
    actor = {"member": member, "other_admin": org_b[1], "coach": coach}[who]

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.invite_person(actor=actor, organization=organization, email=DANA)

    assert Invitation.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert mailoutbox == []


def test_center_staff_may_invite_to_any_organization(org_a, staff):
    organization, _, _ = org_a

    invitation = services.invite_person(actor=staff, organization=organization, email=DANA)

    assert invitation.invited_by == staff


# --- resend ---------------------------------------------------------------------------------


def test_resending_makes_a_new_link_and_the_old_one_stops_working(org_a, invite):
    _, admin, _ = org_a
    invitation = invite()
    old_nonce, old_token = invitation.nonce, services.invitation_token(invitation)

    resent = services.resend_invitation(actor=admin, invitation=invitation)

    assert resent.nonce != old_nonce
    error = refusal(services.invitation_from_token, token=old_token)
    assert error.message == "A newer invitation was sent to you. Use the link in the latest email."
    assert services.invitation_from_token(services.invitation_token(resent)) == resent


def test_resending_emails_the_new_link_and_is_audited(
    org_a, invite, mailoutbox, django_capture_on_commit_callbacks
):
    _, admin, _ = org_a
    invitation = invite()

    with django_capture_on_commit_callbacks(execute=True):
        resent = services.resend_invitation(actor=admin, invitation=invitation)

    [message] = mailoutbox
    # The signature carries a timestamp, so the link is compared by what it opens, not by text
    # recomputed a second later.
    prefix = settings.SITE_URL.rstrip("/") + "/organizations/invitations/"
    [link] = [line for line in message.body.splitlines() if line.startswith(prefix)]
    assert services.invitation_from_token(link.removeprefix(prefix).rstrip("/")) == resent
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "organizations.invitation.resent",
        "organizations.invitation.created",
    ]


def test_resending_an_expired_invitation_starts_its_expiry_again(org_a, settings):
    organization, admin, _ = org_a
    invitation = InvitationFactory(
        organization=organization, expires_at=timezone.now() - timedelta(days=1)
    )

    resent = services.resend_invitation(actor=admin, invitation=invitation)

    assert resent.expires_at - resent.sent_at == timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    assert resent.is_open is True


@pytest.mark.parametrize(("status", "label"), [("revoked", "revoked"), ("accepted", "accepted")])
def test_a_closed_invitation_cannot_be_resent(org_a, status, label):
    organization, admin, _ = org_a
    invitation = InvitationFactory(organization=organization, status=status)

    error = refusal(services.resend_invitation, actor=admin, invitation=invitation)

    assert error.message == f"This invitation was {label}."
    assert Invitation.objects.get(pk=invitation.pk).nonce == invitation.nonce
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "other_admin"])
def test_only_its_admins_may_resend_an_invitation(org_a, org_b, invite, who):
    _, _, member = org_a
    actor = {"member": member, "other_admin": org_b[1]}[who]
    invitation = invite()

    with pytest.raises(PermissionDenied):
        services.resend_invitation(actor=actor, invitation=invitation)

    assert Invitation.objects.get(pk=invitation.pk).nonce == invitation.nonce


# --- revoke ---------------------------------------------------------------------------------


def test_a_revoked_invitation_is_audited_and_its_link_says_so(org_a, invite):
    _, admin, _ = org_a
    invitation = invite()
    token = services.invitation_token(invitation)

    services.revoke_invitation(actor=admin, invitation=invitation)

    assert Invitation.objects.get(pk=invitation.pk).status == "revoked"
    event = AuditEvent.objects.get(action="organizations.invitation.revoked")
    assert (event.actor, event.before, event.after) == (
        admin,
        {"status": "pending"},
        {"status": "revoked"},
    )
    error = refusal(services.invitation_from_token, token=token)
    assert error.message == "This invitation was revoked by the organization."


def test_an_invitation_cannot_be_revoked_twice(org_a, invite):
    _, admin, _ = org_a
    invitation = invite()
    services.revoke_invitation(actor=admin, invitation=invitation)

    error = refusal(services.revoke_invitation, actor=admin, invitation=invitation)

    assert error.message == "This invitation was already revoked."
    assert AuditEvent.objects.filter(action="organizations.invitation.revoked").count() == 1


@pytest.mark.parametrize("who", ["member", "other_admin"])
def test_only_its_admins_may_revoke_an_invitation(org_a, org_b, invite, who):
    _, _, member = org_a
    actor = {"member": member, "other_admin": org_b[1]}[who]
    invitation = invite()

    with pytest.raises(PermissionDenied):
        services.revoke_invitation(actor=actor, invitation=invitation)

    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


# --- accept ---------------------------------------------------------------------------------


def test_accepting_gives_the_person_a_seat_with_the_invited_role(org_a, invite):
    organization, _, _ = org_a
    dana = UserFactory(email=DANA)
    invitation = invite(role="admin")

    seat = services.accept_invitation(user=dana, token=services.invitation_token(invitation))

    assert (seat.organization, seat.user, seat.role) == (
        organization,
        dana,
        "admin",
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", dana)
    assert invitation.accepted_at is not None


def test_accepting_is_audited(org_a, invite):
    organization, _, _ = org_a
    dana = UserFactory(email=DANA)

    seat = services.accept_invitation(user=dana, token=services.invitation_token(invite()))

    event = AuditEvent.objects.get(action="organizations.seat.joined")
    assert (event.actor, event.target_type, event.target_id) == (
        dana,
        "organizations.seat",
        str(seat.pk),
    )
    assert event.after == {
        "organization": organization.name,
        "role": "member",
        "via": "invitation",
    }


def test_the_new_member_may_see_the_organization_at_once(org_a, invite):
    organization, _, _ = org_a
    dana = UserFactory(email=DANA)
    assert org_roles(dana) == {}  # cached on the user object before joining

    services.accept_invitation(user=dana, token=services.invitation_token(invite()))

    assert allowed(dana, "organizations.view_profile", organization) is True


def test_the_address_is_compared_without_regard_to_case(invite):
    dana = UserFactory(email="Dana.Lee@Example-Health.org")

    seat = services.accept_invitation(user=dana, token=services.invitation_token(invite()))

    assert seat.user == dana


def test_an_invitation_works_only_once(invite):
    dana = UserFactory(email=DANA)
    token = services.invitation_token(invite())
    services.accept_invitation(user=dana, token=token)

    error = refusal(services.accept_invitation, user=dana, token=token)

    assert error.message == "This invitation has already been used."
    assert Seat.objects.filter(user=dana).count() == 1


def test_an_invitation_past_its_expiry_date_cannot_be_accepted(invite):
    dana = UserFactory(email=DANA)
    invitation = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    error = refusal(
        services.accept_invitation, user=dana, token=services.invitation_token(invitation)
    )

    assert error.message == "This invitation link has expired. Ask for a new one."
    assert Seat.objects.filter(user=dana).count() == 0


def test_a_link_signed_longer_ago_than_the_maximum_age_has_expired(invite, monkeypatch, settings):
    """The signature's own timestamp is checked too, whatever the row says."""
    dana = UserFactory(email=DANA)
    invitation = invite()
    signed_at = int(time.time()) - (settings.INVITATION_MAX_AGE_DAYS + 1) * 24 * 60 * 60
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(signed_at)
    )
    old_token = services.invitation_token(invitation)
    monkeypatch.undo()

    error = refusal(services.accept_invitation, user=dana, token=old_token)

    assert type(error) is DomainError
    assert error.message == "This invitation link has expired. Ask for a new one."
    assert invitation.is_open is True  # the row alone would still have allowed it
    assert Seat.objects.filter(user=dana).count() == 0


def test_a_revoked_invitation_cannot_be_accepted(org_a, invite):
    _, admin, _ = org_a
    dana = UserFactory(email=DANA)
    invitation = invite()
    services.revoke_invitation(actor=admin, invitation=invitation)

    error = refusal(
        services.accept_invitation, user=dana, token=services.invitation_token(invitation)
    )

    assert error.message == "This invitation was revoked by the organization."
    assert Seat.objects.filter(user=dana).count() == 0


def test_an_invitation_cannot_be_accepted_by_someone_with_another_address(invite):
    intruder = UserFactory()
    invitation = invite()

    error = refusal(
        services.accept_invitation, user=intruder, token=services.invitation_token(invitation)
    )

    assert error.message == (
        f"This invitation was sent to {DANA}. Sign in with that address to accept it."
    )
    assert Seat.objects.filter(user=intruder).count() == 0
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_a_person_who_joined_meanwhile_is_told_so(org_a, invite):
    organization, _, _ = org_a
    dana = UserFactory(email=DANA)
    token = services.invitation_token(invite())
    SeatFactory(organization=organization, user=dana)

    error = refusal(services.accept_invitation, user=dana, token=token)

    assert error.message == f"You are already a member of {organization.name}."


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda token: token[:-3] + "abc", id="signature changed"),
        pytest.param(lambda token: "x" + token, id="payload changed"),
        pytest.param(lambda token: "not-a-token", id="garbage"),
        pytest.param(lambda token: "", id="empty"),
    ],
)
def test_a_tampered_link_is_not_found(invite, tamper):
    dana = UserFactory(email=DANA)
    token = tamper(services.invitation_token(invite()))

    with pytest.raises(NotFound) as refused:
        services.accept_invitation(user=dana, token=token)

    assert refused.value.message == "This invitation link is not valid."
    assert Seat.objects.filter(user=dana).count() == 0


def test_a_link_signed_for_another_purpose_is_not_found(invite):
    invitation = invite()
    payload = {"i": str(invitation.public_id), "n": invitation.nonce}

    with pytest.raises(NotFound):
        services.invitation_from_token(signing.dumps(payload, salt="another.purpose"))


def test_a_link_to_a_deleted_invitation_is_not_found(invite):
    invitation = invite()
    token = services.invitation_token(invitation)
    invitation.delete()

    with pytest.raises(NotFound):
        services.invitation_from_token(token)
