"""Allauth's sign-up and sign-in as SocialRx configures them: verification email, lockout."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from socialrx.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

LOGIN_URL = reverse("account_login")
SIGNUP_URL = reverse("account_signup")
NEW_PASSWORD = "Riverside-Clinic-2026!"
LOCKED_OUT = "Too many failed login attempts. Try again later."
WRONG_PASSWORD = "The email address and/or password you specified are not correct."


def sign_in(client, email, password):
    return client.post(LOGIN_URL, {"login": email, "password": password})


# --- sign-in and lockout --------------------------------------------------------------------


def test_a_verified_person_signs_in_and_lands_on_the_dashboard(client, user):
    response = sign_in(client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_a_wrong_password_is_refused_with_a_message(client, user):
    response = sign_in(client, user.email, "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG_PASSWORD]


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_message(client, user):
    for _ in range(5):
        assert sign_in(client, user.email, "not-the-password").status_code == 200

    response = sign_in(client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [LOCKED_OUT]
    assert LOCKED_OUT.encode() in response.content
    assert client.get("/dashboard/").status_code == 302  # still signed out


def test_the_lockout_is_per_account(client, user):
    for _ in range(5):
        sign_in(client, user.email, "not-the-password")
    colleague = UserFactory()

    response = sign_in(client, colleague.email, DEFAULT_PASSWORD)

    assert response.status_code == 302


def test_four_failures_do_not_lock_the_account(client, user):
    for _ in range(4):
        sign_in(client, user.email, "not-the-password")

    assert sign_in(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_an_unverified_person_is_asked_to_verify_before_signing_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(verified_email=False)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, person.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert [message.to for message in mailoutbox] == [[person.email]]
    assert client.get("/dashboard/").status_code == 302


def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(client, settings, user):
    """TRUSTED_PROXY_COUNT alone configures every per-client limit, allauth's lockout too."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    colleague = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    for number in range(20):  # a different address each time: only the per-IP rule counts
        client.post(LOGIN_URL, {"login": f"guess{number}@example.org", "password": "x"}, **attacker)

    blocked = client.post(
        LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD}, **attacker
    )
    allowed = client.post(
        LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD}, **colleague
    )

    assert blocked.status_code == 200
    assert LOCKED_OUT.encode() in blocked.content
    assert allowed.status_code == 302
    assert allowed["Location"] == "/dashboard/"


# --- sign-up --------------------------------------------------------------------------------


@pytest.mark.parametrize("email", ["dana", "dana@", "dana lee@example.org", ""])
def test_signing_up_with_an_invalid_email_shows_an_error_and_creates_nobody(client, email):
    response = client.post(
        SIGNUP_URL, {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert User.objects.count() == 0


def test_signing_up_with_a_taken_email_creates_nobody_and_tells_only_the_owner(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    """Allauth does not reveal which addresses have accounts: the page looks the same as a
    real sign-up, and the mailbox's owner is told instead."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SIGNUP_URL,
            {"email": user.email.upper(), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.count() == 1
    [message] = mailoutbox
    assert (message.to, message.subject) == ([user.email], "[SocialRx] Account Already Exists")


def test_a_weak_password_is_refused(client):
    response = client.post(
        SIGNUP_URL,
        {"email": "dana@example-health.org", "password1": "password", "password2": "password"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password1"]
    assert User.objects.count() == 0


def test_signing_up_sends_a_verification_email_with_text_and_html(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SIGNUP_URL,
            {
                "email": "dana@example-health.org",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    person = User.objects.get()
    assert (person.email, person.emailaddress_set.get().verified) == (
        "dana@example-health.org",
        False,
    )
    [message] = mailoutbox
    assert message.to == ["dana@example-health.org"]
    assert message.subject == "[SocialRx] Please Confirm Your Email Address"
    assert message.body.startswith("Hello from SocialRx!")
    assert "http://testserver/accounts/confirm-email/" in message.body
    [(_, mime_type)] = message.alternatives
    assert mime_type == "text/html"


def test_following_the_verification_link_signs_the_person_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            SIGNUP_URL,
            {
                "email": "dana@example-health.org",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
    [link] = [line for line in mailoutbox[0].body.split() if line.startswith("http://testserver/")]

    response = client.post(link.removeprefix("http://testserver"))

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="dana@example-health.org").verified is True
    assert client.get("/dashboard/").status_code == 200
