"""Invitations: admins send, resend and revoke them; the invited person accepts, signed in or
signing up through the link."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.accounts.models import User
from socialrx.core.models import AuditEvent
from socialrx.organizations import services
from socialrx.organizations.models import Invitation, Seat
from tests.factories import InvitationFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

DANA = "dana.lee@example-health.org"
NEW_PASSWORD = "Riverside-Clinic-2026!"


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def invitations_url(organization) -> str:
    return reverse("organizations:invitations", args=[organization.public_id])


def resend_url(invitation) -> str:
    return reverse(
        "organizations:resend_invitation",
        args=[invitation.organization.public_id, invitation.public_id],
    )


def revoke_url(invitation) -> str:
    return reverse(
        "organizations:revoke_invitation",
        args=[invitation.organization.public_id, invitation.public_id],
    )


def accept_url(invitation) -> str:
    return reverse("organizations:invitation_accept", args=[services.invitation_token(invitation)])


@pytest.fixture
def invitation(org_a):
    organization, admin, _ = org_a
    return services.invite_person(actor=admin, organization=organization, email=DANA)


# --- the invitations page -------------------------------------------------------------------


def test_an_admin_sees_an_empty_invitations_page_with_the_form(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.get(invitations_url(organization))

    assert response.status_code == 200
    assert response.context["invitations"] == []
    assert b"No invitations yet" in response.content
    assert b"Send invitation" in response.content


def test_an_admin_sees_the_invitations_with_their_state(client, org_a, invitation):
    organization, admin, _ = org_a
    InvitationFactory(
        organization=organization,
        email="old@example-health.org",
        sent_at=timezone.now() - timedelta(days=15),
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(admin)

    response = client.get(invitations_url(organization))

    assert [(i.email, i.state_label) for i in response.context["invitations"]] == [
        (DANA, "Pending"),
        ("old@example-health.org", "Expired"),
    ]
    assert resend_url(invitation).encode() in response.content


def test_a_member_cannot_see_the_invitations(client, org_a, invitation):
    organization, _, member = org_a
    client.force_login(member)

    assert client.get(invitations_url(organization)).status_code == 404


def test_a_visitor_is_sent_to_sign_in_for_the_invitations(client, org_a):
    organization, _, _ = org_a

    response = client.get(invitations_url(organization))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_invitations_page_makes_as_many_queries_for_five_invitations_as_for_one(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)
    InvitationFactory(organization=organization, invited_by=UserFactory())
    client.get(invitations_url(organization))  # warm the per-process caches

    with CaptureQueriesContext(connection) as with_one:
        assert client.get(invitations_url(organization)).status_code == 200
    InvitationFactory.create_batch(4, organization=organization, invited_by=UserFactory())
    with CaptureQueriesContext(connection) as with_five:
        response = client.get(invitations_url(organization))

    assert len(response.context["invitations"]) == 5
    assert len(with_five) == len(with_one)


# --- sending --------------------------------------------------------------------------------


def test_an_admin_invites_a_colleague_who_gets_the_email(
    client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invitations_url(organization), {"email": DANA, "role": "admin"})

    assert response.status_code == 302
    assert response["Location"] == invitations_url(organization)
    assert messages_of(response) == [f"An invitation was emailed to {DANA}."]
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (DANA, "admin", admin)
    assert [message.to for message in mailoutbox] == [[DANA]]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "dana@", "role": "member"}, "email", "Enter a valid email address."),
        ({"email": "", "role": "member"}, "email", "This field is required."),
        (
            {"email": DANA, "role": "owner"},
            "role",
            "Select a valid choice. owner is not one of the available choices.",
        ),
    ],
    ids=["invalid email", "no email", "unknown role"],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_sent(
    client, org_a, data, field, message, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invitations_url(organization), data)

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert f'<span class="field-error" id="id_{field}_error">{message}</span>' in (
        response.content.decode()
    )
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_inviting_someone_already_in_the_organization_is_refused_beside_the_email(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)

    response = client.post(invitations_url(organization), {"email": member.email, "role": "member"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "email": [f"{member.email} is already a member of {organization.name}."]
    }
    assert Invitation.objects.count() == 0


def test_inviting_someone_with_an_open_invitation_is_refused_beside_the_email(
    client, org_a, invitation
):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.post(invitations_url(organization), {"email": DANA, "role": "member"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "email": [f"{DANA} already has an open invitation. Resend it from the list below."]
    }
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "other_admin"])
def test_only_admins_may_send_invitations(
    client, org_a, org_b, who, mailoutbox, django_capture_on_commit_callbacks
):
    organization, _, member = org_a
    client.force_login({"member": member, "other_admin": org_b[1]}[who])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invitations_url(organization), {"email": DANA, "role": "member"})

    assert response.status_code == 404
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


# --- resend and revoke ----------------------------------------------------------------------


def test_an_admin_resends_an_invitation_with_a_new_link(
    client, org_a, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url(invitation))

    assert response.status_code == 302
    assert response["Location"] == invitations_url(organization)
    assert messages_of(response) == [
        f"A new invitation link was emailed to {DANA}; the earlier link no longer works."
    ]
    resent = Invitation.objects.get()
    assert resent.nonce != invitation.nonce
    assert [message.to for message in mailoutbox] == [[DANA]]


def test_a_member_cannot_resend_an_invitation(client, org_a, invitation):
    _, _, member = org_a
    client.force_login(member)

    response = client.post(resend_url(invitation))

    assert response.status_code == 404
    assert Invitation.objects.get().nonce == invitation.nonce


def test_resending_a_revoked_invitation_is_refused_with_a_message(client, org_a, invitation):
    _, admin, _ = org_a
    services.revoke_invitation(actor=admin, invitation=invitation)
    client.force_login(admin)

    response = client.post(resend_url(invitation))

    assert response.status_code == 302
    assert messages_of(response) == ["This invitation was revoked."]
    assert Invitation.objects.get().nonce == invitation.nonce


def test_an_admin_revokes_an_invitation(client, org_a, invitation):
    _, admin, _ = org_a
    client.force_login(admin)

    response = client.post(revoke_url(invitation))

    assert response.status_code == 302
    assert messages_of(response) == [f"The invitation to {DANA} was revoked."]
    assert Invitation.objects.get().status == "revoked"
    assert AuditEvent.objects.filter(action="organizations.invitation.revoked").count() == 1


def test_a_member_cannot_revoke_an_invitation(client, org_a, invitation):
    _, _, member = org_a
    client.force_login(member)

    response = client.post(revoke_url(invitation))

    assert response.status_code == 404
    assert Invitation.objects.get().status == "pending"


def test_an_invitation_cannot_be_revoked_through_another_organizations_address(
    client, org_b, invitation
):
    organization_b, admin_b = org_b
    client.force_login(admin_b)
    url = reverse(
        "organizations:revoke_invitation", args=[organization_b.public_id, invitation.public_id]
    )

    response = client.post(url)

    assert response.status_code == 404
    assert Invitation.objects.get().status == "pending"


def test_revoking_needs_a_post(client, org_a, invitation):
    _, admin, _ = org_a
    client.force_login(admin)

    assert client.get(revoke_url(invitation)).status_code == 405
    assert Invitation.objects.get().status == "pending"


# --- accepting: visitors --------------------------------------------------------------------


def test_a_visitor_sees_who_invites_them_and_where_to_sign_up(client, org_a, invitation):
    organization, admin, _ = org_a
    url = accept_url(invitation)

    response = client.get(url)

    assert response.status_code == 200
    assert response.context["invitation"] == invitation
    assert response.context["next"] == url
    content = response.content.decode()
    assert f"Join {organization.name}" in content
    assert f"{admin.display_name} invited" in content
    signup = f"/accounts/signup/?email=dana.lee%40example-health.org&amp;next={quote(url)}"
    assert f'href="{signup}"' in content


def test_opening_the_link_vouches_for_the_address(client, invitation):
    client.get(accept_url(invitation))

    assert client.session["account_verified_email"] == DANA


def test_signing_up_with_the_invited_address_needs_no_verification_email(
    client, org_a, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    organization, _, _ = org_a
    url = accept_url(invitation)
    client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/signup/?next={url}",
            {"email": DANA, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )

    assert response.status_code == 302
    assert response["Location"] == url
    dana = User.objects.get(email=DANA)
    assert list(EmailAddress.objects.filter(user=dana).values_list("email", "verified")) == [
        (DANA, True)
    ]
    assert mailoutbox == []
    assert client.get(url).context["user"] == dana  # signed in

    joined = client.post(url)

    assert joined.status_code == 302
    assert joined["Location"] == reverse("organizations:detail", args=[organization.public_id])
    assert Seat.objects.get(user=dana).organization == organization


def test_signing_up_with_another_address_gives_the_account_the_invited_address(
    client, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    """Allauth's stash: the link vouches for the invited address only; the typed address is
    kept, unverified, beside it."""
    url = accept_url(invitation)
    client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/signup/?next={url}",
            {
                "email": "someone.else@example-health.org",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

    assert response.status_code == 302
    assert response["Location"] == url
    person = User.objects.get(email=DANA)
    assert sorted(person.emailaddress_set.values_list("email", "verified", "primary")) == [
        (DANA, True, True),
        ("someone.else@example-health.org", False, False),
    ]
    assert mailoutbox == []


# --- accepting: signed-in people ------------------------------------------------------------


def test_the_invited_person_accepts_and_lands_on_the_organization(client, org_a, invitation):
    organization, _, _ = org_a
    dana = UserFactory(email=DANA)
    client.force_login(dana)
    url = accept_url(invitation)

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert b"Accept and join" in page.content
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", args=[organization.public_id])
    assert messages_of(response) == [f"Welcome to {organization.name}."]
    assert Seat.objects.get(user=dana).role == "member"
    assert Invitation.objects.get().status == "accepted"


def test_someone_signed_in_with_another_address_is_told_and_does_not_join(
    client, org_a, invitation
):
    intruder = UserFactory()
    client.force_login(intruder)

    response = client.post(accept_url(invitation))

    message = f"This invitation was sent to {DANA}. Sign in with that address to accept it."
    assert response.status_code == 400
    assert response.context["error_message"] == message
    assert message.encode() in response.content
    assert Seat.objects.filter(user=intruder).count() == 0
    assert Invitation.objects.get().status == "pending"


# --- accepting: unusable links --------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_invalid_link_is_not_found(client, invitation, signed_in):
    if signed_in:
        client.force_login(UserFactory(email=DANA))

    response = client.get(accept_url(invitation)[:-4] + "abc/")

    assert response.status_code == 404
    assert response.context["reason"] == "This invitation link is not valid."
    assert "account_verified_email" not in client.session


def test_a_used_link_is_gone(client, invitation):
    dana = UserFactory(email=DANA)
    url = accept_url(invitation)
    client.force_login(dana)
    client.post(url)

    response = client.post(url)

    assert response.status_code == 410
    assert response.context["reason"] == "This invitation has already been used."
    assert Seat.objects.filter(user=dana).count() == 1


def test_a_revoked_link_is_gone_even_for_a_visitor(client, org_a, invitation):
    _, admin, _ = org_a
    services.revoke_invitation(actor=admin, invitation=invitation)

    response = client.get(accept_url(invitation))

    assert response.status_code == 410
    assert response.context["reason"] == "This invitation was revoked by the organization."
    assert b"This invitation cannot be used" in response.content
    assert "account_verified_email" not in client.session


def test_an_expired_link_is_gone(client, invitation):
    url = accept_url(invitation)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(url)

    assert response.status_code == 410
    assert response.context["reason"] == "This invitation link has expired. Ask for a new one."


def test_the_link_of_a_resent_invitation_is_gone(client, org_a, invitation):
    _, admin, _ = org_a
    old_url = accept_url(invitation)
    services.resend_invitation(actor=admin, invitation=invitation)

    response = client.get(old_url)

    assert response.status_code == 410
    assert response.context["reason"] == (
        "A newer invitation was sent to you. Use the link in the latest email."
    )
