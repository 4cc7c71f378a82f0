"""The site's own pages: About, Privacy and Terms with the center's text (from the data
migration; the starting text when a page is missing), staff's edit page (Markdown sanitised,
audited with the text before and after), the contact form (stored and emailed to staff; a
honeypot and a rate limit; bad input beside the field, never a 500) and staff's list of
messages (mark handled, and waiting again)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from socialrx.core.models import AuditEvent
from socialrx.library.models import ContactMessage, SitePage
from socialrx.library.panels_site import contact_queue
from tests.factories import StaffFactory
from tests.membership.factories import PlanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

CONTACT = "/contact/"
MESSAGES = "/staff/site/messages/"
FORM = {
    "name": "Dana Whitfield",
    "email": "dana@lakeside-health.org",
    "organization": "Lakeside Health",
    "topic": "membership",
    "message": "How is a health system of six hospitals priced?\nThank you.",
    "website": "",
}


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CONTACT, data)

    return post


@pytest.mark.parametrize(
    ("path", "title", "text"),
    [
        ("/about/", "About SocialRx", "we never write or post our members' content"),
        ("/privacy/", "Privacy notice", "We never sell or rent personal information."),
        ("/terms/", "Membership terms", "Never post patient information."),
    ],
)
def test_the_center_pages_show_their_text(client, path, title, text):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 id="page-title">{title}</h1>' in html
    assert text in html
    assert "edit this page" not in html


def test_the_terms_say_what_the_application_checkbox_agrees_to(client):
    html = client.get("/terms/").content.decode()

    for heading in (
        "1. Who these terms are between",
        "2. Term",
        "3. Fees",
        "4. Seats and access",
        "5. Renewal",
        "6. Cancellation",
        "7. Acceptable use",
        "8. Your contributions",
        "9. Confidentiality of peer discussions",
        "11. The center's role and responsibility",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "<em>Effective November 1, 2026." in html
    assert '<a href="/pricing/"' in html


def test_a_missing_page_shows_its_starting_text(client):
    SitePage.objects.filter(key="about").delete()

    response = client.get("/about/")

    assert response.status_code == 200
    assert "Center for Social Media in Health Care" in response.content.decode()


def test_staff_edit_a_page_and_the_change_is_audited(client, staff):
    client.force_login(staff)
    before = SitePage.objects.get(key="privacy").body

    response = client.post(
        "/staff/site/privacy/",
        {"title": "Privacy", "body": "## Short\n\nWe keep little. <script>alert(1)</script>"},
    )

    assert response.status_code == 302
    page = SitePage.objects.get(key="privacy")
    assert page.title == "Privacy"
    assert page.body_html == (
        "<h2>Short</h2>\n<p>We keep little. &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )
    assert page.updated_by == staff
    event = AuditEvent.objects.get(action="library.site_page.updated")
    assert event.before == {"title": "Privacy notice", "body": before}
    assert event.after["title"] == "Privacy"
    assert "<h2>Short</h2>" in client.get("/privacy/").content.decode()


def test_staff_see_the_counsel_warning_on_the_terms(client, staff):
    client.force_login(staff)

    html = client.get("/staff/site/terms/").content.decode()

    assert "Have counsel review a change before you save it" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "body": "Text"}, "title", "This field is required."),
        (
            {"title": "About\tus", "body": "Text"},
            "title",
            "Use a single line of text: this contains a tab.",
        ),
        ({"title": "About", "body": ""}, "body", "This field is required."),
    ],
)
def test_bad_page_input_is_answered_beside_the_field(client, staff, data, field, message):
    client.force_login(staff)

    response = client.post("/staff/site/about/", data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert SitePage.objects.get(key="about").title == "About SocialRx"


def test_an_unknown_page_key_is_not_found(client, staff):
    client.force_login(staff)

    assert client.get("/staff/site/careers/").status_code == 404


# --- the contact form -------------------------------------------------------------------


def test_a_message_is_stored_and_emailed_to_staff(client, send, mailoutbox, settings):
    settings.SITE_URL = "https://socialrx.example.org"
    StaffFactory(email="ops@socialrx.example.org")
    StaffFactory(email="amy@socialrx.example.org")
    StaffFactory(email="gone@socialrx.example.org", is_active=False)

    response = send(FORM)

    assert response.status_code == 302 and response["Location"] == CONTACT
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.organization, message.topic) == (
        "Dana Whitfield",
        "dana@lakeside-health.org",
        "Lakeside Health",
        "membership",
    )
    assert message.message == "How is a health system of six hospitals priced?\nThank you."
    assert message.sender is None and message.handled_at is None
    [mail] = mailoutbox
    assert mail.to == ["amy@socialrx.example.org", "ops@socialrx.example.org"]
    assert mail.subject == "Contact form: Membership and pricing — Dana Whitfield, Lakeside Health"
    assert "How is a health system of six hospitals priced?" in mail.body
    assert (
        "http://testserver/staff/site/messages/" in mail.body
        or "/staff/site/messages/" in mail.body
    )
    assert "your message reached the center" in client.get(CONTACT).content.decode()


def test_the_configured_staff_address_receives_the_messages(send, mailoutbox, settings):
    settings.CENTER_STAFF_EMAIL = "hello@socialrx.example.org, office@socialrx.example.org"
    StaffFactory(email="amy@socialrx.example.org")

    send(FORM)

    assert mailoutbox[0].to == ["hello@socialrx.example.org", "office@socialrx.example.org"]


def test_a_signed_in_person_is_recorded_as_the_sender(client, send, org_a):
    _, admin, _ = org_a
    client.force_login(admin)

    assert client.get(CONTACT).context["form"].initial["email"] == admin.email
    send(FORM)

    assert ContactMessage.objects.get().sender == admin


def test_the_honeypot_keeps_robots_out_quietly(send, mailoutbox):
    response = send(FORM | {"website": "https://cheap-pills.example"})

    assert response.status_code == 302
    assert not ContactMessage.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"name": "Dana\r\nBcc: all@example.org"},
            "name",
            "Use a single line of text: this contains a line break.",
        ),
        (
            {"organization": "Lake\x00side"},
            "organization",
            "Null characters are not allowed.",
        ),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        (
            {"topic": "lottery"},
            "topic",
            "Select a valid choice. lottery is not one of the available choices.",
        ),
        ({"message": ""}, "message", "This field is required."),
        (
            {"message": "x" * 5001},
            "message",
            "Ensure this value has at most 5000 characters (it has 5001).",
        ),
    ],
)
def test_bad_input_is_answered_beside_the_field(send, mailoutbox, changes, field, message):
    response = send(FORM | changes)

    assert response.status_code == 400
    assert response.context["form"].errors[field][0] == message
    assert not ContactMessage.objects.exists()
    assert mailoutbox == []


def test_too_many_messages_from_one_address_are_refused(send, settings):
    settings.LIBRARY_CONTACT_MESSAGES_PER_HOUR = 2
    send(FORM)
    send(FORM)

    response = send(FORM)

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "We have received 2 messages from this connection in the last hour, the most we "
        "accept. Please try again in an hour."
    ]
    assert ContactMessage.objects.count() == 2


# --- staff's messages -------------------------------------------------------------------


def test_staff_mark_a_message_handled_and_waiting_again(client, staff):
    first = ContactMessage.objects.create(
        name="Ann", email="ann@example.org", topic="press", message="An interview?"
    )
    ContactMessage.objects.create(name="Bo", email="bo@example.org", topic="other", message="Hello")
    client.force_login(staff)
    assert [m.name for m in client.get(MESSAGES).context["page"].object_list] == ["Bo", "Ann"]

    response = client.post(MESSAGES, {"message": first.pk, "action": "handle"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.handled_by == staff and first.handled_at is not None
    assert [m.name for m in client.get(MESSAGES).context["page"].object_list] == ["Bo"]
    assert [m.name for m in client.get(MESSAGES + "?show=handled").context["page"].object_list] == [
        "Ann"
    ]
    client.post(MESSAGES, {"message": first.pk, "action": "reopen"})
    first.refresh_from_db()
    assert first.handled_at is None and first.handled_by is None
    assert list(
        AuditEvent.objects.filter(action__startswith="library.contact_message")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["library.contact_message.handled", "library.contact_message.reopened"]


def test_marking_an_unknown_message_is_not_found(client, staff):
    client.force_login(staff)

    assert client.post(MESSAGES, {"message": "999999", "action": "handle"}).status_code == 404
    assert client.post(MESSAGES, {"message": "abc", "action": "handle"}).status_code == 404


def test_the_membership_application_links_to_the_terms(client, org_a):
    organization, admin, _ = org_a
    PlanFactory(name="Any hospital")
    client.force_login(admin)

    response = client.get(f"/organizations/{organization.public_id}/membership/apply/")

    assert response.status_code == 200
    assert (
        '<a href="/terms/" target="_blank" rel="noopener">Read the membership terms</a> '
        "(opens in a new tab)." in response.content.decode()
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_staff_panel_counts_waiting_messages(rf, staff, django_assert_num_queries, count):
    for number in range(count):
        ContactMessage.objects.create(
            name=f"Sender {number}", email="s@example.org", topic="other", message="Hi"
        )
    ContactMessage.objects.filter(name="Sender 0").update(handled_at="2026-01-01T00:00Z")
    request = rf.get("/")
    request.user = staff

    with django_assert_num_queries(1):
        context = contact_queue(request)

    assert context == {"waiting": count - 1}
    html = render_to_string("library/panels/contact_queue.html", context)
    assert f'<span class="queue-count{" queue-count-waiting" if count > 1 else ""}">' in html
