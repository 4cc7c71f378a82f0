"""A line break in a name never costs an email, and an email that cannot be sent is known.

The probe found that a CR/LF in a profile or organization name made every email whose
subject carried it fail in the worker while the page said it was sent."""

import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from socialrx.accounts.models import User
from socialrx.core.models import FailedEmail
from socialrx.organizations import services
from socialrx.organizations.models import Organization
from socialrx.registry.importing.values import RowRejected, text

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

INJECTED = "Dana Lee\r\nBcc: everyone@example.org"
SINGLE_LINE_ERROR = "Use a single line of text: this contains a line break."


@pytest.mark.parametrize(
    "value, what",
    [
        ("Dana\rLee", "a line break"),
        ("Dana\tLee", "a tab"),
        ("Dana\x07Lee", "the control character U+0007"),
    ],
)
def test_the_profile_refuses_control_characters_in_a_name(client, user, value, what):
    client.force_login(user)
    before = User.objects.get(pk=user.pk).full_name

    response = client.post(reverse("profile"), {"full_name": value, "time_zone": "UTC"})

    assert response.status_code == 400
    assert response.context["form"].errors["full_name"] == [
        f"Use a single line of text: this contains {what}."
    ]
    assert User.objects.get(pk=user.pk).full_name == before


def test_an_organization_name_with_a_line_break_is_refused(client, user):
    client.force_login(user)

    response = client.post(
        reverse("organizations:create"),
        {"org_type": "other", "name": INJECTED, "city": "Duluth", "state": "MN"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [SINGLE_LINE_ERROR]
    assert not Organization.objects.exists()


def test_multi_line_fields_keep_their_line_breaks(client, user):
    from socialrx.registry.forms import CorrectionForm

    form = CorrectionForm(data={"kind": "other", "explanation": "Closed.\r\nMerged in 2024."})

    assert "explanation" not in form.errors


def test_an_imported_name_with_a_control_character_is_refused_by_row():
    assert text("Mercy\r\nGeneral", "Facility name") == "Mercy General"
    with pytest.raises(RowRejected) as refused:
        text("Mercy\x1bGeneral", "Facility name")
    assert refused.value.message == (
        "Facility name contains the control character U+001B; remove it."
    )


def test_a_name_saved_with_a_line_break_before_the_fix_still_gets_its_email_sent(
    org_a, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    User.objects.filter(pk=admin.pk).update(full_name="Dana\nLee")
    admin.refresh_from_db()
    Organization.objects.filter(pk=organization.pk).update(name="Mercy\r\nGeneral Hospital")
    organization.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.invite_person(actor=admin, organization=organization, email="new@example.org")

    [message] = mailoutbox
    assert message.subject == "Dana Lee invited you to join Mercy General Hospital on SocialRx"
    assert not FailedEmail.objects.exists()


@pytest.fixture
def refusing_smtp(monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({self.to[0]: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)


def test_an_email_that_cannot_be_sent_is_recorded_and_its_sender_is_told(
    client, org_a, refusing_smtp, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organizations:invitations", args=[organization.public_id]),
            {"email": "nobody@example.org", "role": "member"},
        )
    next_page = client.get(response["Location"])

    [failed] = FailedEmail.objects.all()
    assert (failed.recipients, failed.triggered_by) == ("nobody@example.org", admin)
    assert failed.reason.startswith("SMTPRecipientsRefused")
    assert failed.template == "organizations/email/invitation"
    assert b"could not be delivered" in next_page.content
    listing = client.get(reverse("failed_emails"))
    assert b"nobody@example.org" in listing.content
    assert b"No such mailbox" in listing.content


def test_acknowledging_clears_the_notice_but_staff_still_see_the_failure(
    client, org_a, refusing_smtp, django_capture_on_commit_callbacks, staff
):
    organization, admin, _ = org_a
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_person(actor=admin, organization=organization, email="nobody@example.org")
    client.force_login(admin)

    acknowledged = client.post(reverse("failed_emails"))
    after = client.get(reverse("dashboard"))

    assert acknowledged.status_code == 302
    assert b"could not be delivered" not in after.content
    assert FailedEmail.objects.get().acknowledged_at is not None
    client.force_login(staff)
    staff_list = client.get("/admin/core/failedemail/")
    assert staff_list.status_code == 200
    assert b"nobody@example.org" in staff_list.content


def test_a_connection_failure_on_the_last_try_is_recorded(monkeypatch, user):
    from socialrx.core.tasks import send_email

    def unreachable(self, fail_silently=False):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", unreachable)

    send_email.apply(
        kwargs={
            "to": ["a@example.org"],
            "subject": "Hello",
            "text_body": "x",
            "html_body": "<p>x</p>",
            "triggered_by_id": user.pk,
        }
    )

    [failed] = FailedEmail.objects.all()
    assert failed.reason == "ConnectionRefusedError: Connection refused"
    assert failed.triggered_by == user


def test_the_failed_emails_page_needs_a_signed_in_person(client):
    response = client.get(reverse("failed_emails"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_nobody_sees_another_persons_failed_emails(
    client, org_a, refusing_smtp, django_capture_on_commit_callbacks
):
    organization, admin, member = org_a
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_person(actor=admin, organization=organization, email="nobody@example.org")
    client.force_login(member)

    response = client.get(reverse("failed_emails"))

    assert b"nobody@example.org" not in response.content
    assert b"Every email you sent has gone out." in response.content


def test_a_temporary_refusal_is_retried_and_a_permanent_one_recorded(monkeypatch, user):
    from socialrx.core.tasks import send_email

    codes = iter([451, 550])
    calls = []

    def refuse(self, fail_silently=False):
        code = next(codes)
        calls.append(code)
        raise smtplib.SMTPRecipientsRefused({self.to[0]: (code, b"Try later")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    retried = []
    monkeypatch.setattr(
        send_email, "retry", lambda **kwargs: retried.append(kwargs) or RuntimeError("retry")
    )
    kwargs = {"to": ["a@example.org"], "subject": "Hi", "text_body": "x", "html_body": "x"}

    with pytest.raises(RuntimeError, match="retry"):  # 451: a retry, and nothing recorded
        send_email.run(**kwargs)
    assert (len(retried), FailedEmail.objects.count()) == (1, 0)
    send_email.run(**kwargs)  # 550: recorded at once
    assert calls == [451, 550]
    assert FailedEmail.objects.get().reason.startswith("SMTPRecipientsRefused")
