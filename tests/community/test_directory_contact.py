"""Contacting a person through the directory: the email goes to them with the sender's name,
organization and address as Reply-To; the recipient's address appears in no page or response
the sender gets; the row kept holds the subject, never the body; ten messages a day per sender;
control characters, oversized fields, people who refuse messages, unlisted people and oneself
are refused with a reason, with nothing written and nothing sent."""

from __future__ import annotations

import uuid
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from socialrx.community.models import DirectoryMessage
from socialrx.community.selectors.directory import start_of_today
from socialrx.community.services import directory as services
from socialrx.core.errors import Conflict, NotFound
from socialrx.core.models import AuditEvent
from tests.community.directory_factories import make_org, make_person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

RITA = "rita.private@lakeview-example.org"
SAM = "sam@riverbend-example.org"
GOOD = {"subject": "Your flu video", "message": "How long did it take?\nWe have two weeks."}


@pytest.fixture
def world():
    riverbend = make_org("Riverbend Hospital")
    lakeview = make_org("Lakeview Clinic", org_type="practice")
    sender = make_person(riverbend, "Sam Sender", email=SAM)
    recipient = make_person(lakeview, "Rita Recipient", email=RITA)
    return {"sender": sender.user, "recipient": recipient, "lakeview": lakeview}


def _contact(world, who="recipient") -> str:
    return reverse("community:contact_person", args=[world[who].user.public_id])


def _post(client, world, data, capture):
    client.force_login(world["sender"])
    with capture(execute=True):
        return client.post(_contact(world), data)


def test_the_email_goes_to_the_person_with_the_sender_as_reply_to(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    response = _post(client, world, GOOD, django_capture_on_commit_callbacks)

    person_page = reverse("community:person", args=[world["recipient"].user.public_id])
    assert response.status_code == 302
    assert response["Location"] == person_page
    [mail] = mailoutbox
    assert mail.to == [RITA]
    assert mail.reply_to == [f"Sam Sender <{SAM}>"]
    assert mail.subject == (
        "Your flu video (from Sam Sender through the SocialRx member directory)"
    )
    assert (
        "Sam Sender, Communications manager, Riverbend Hospital sent you this message" in mail.body
    )
    assert "How long did it take?\nWe have two weeks." in mail.body
    assert "<p>How long did it take?<br>We have two weeks.</p>" in mail.alternatives[0][0]
    [row] = DirectoryMessage.objects.all()
    assert (row.sender, row.recipient, row.subject) == (
        world["sender"],
        world["recipient"].user,
        "Your flu video",
    )
    assert "message" not in {field.name for field in DirectoryMessage._meta.get_fields()}
    assert AuditEvent.objects.filter(action="community.directory_message.sent").count() == 1


def test_the_recipients_address_is_in_no_response(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["sender"])
    person_page = reverse("community:person", args=[world["recipient"].user.public_id])
    bodies = [
        client.get(reverse("community:directory")).content,
        client.get(person_page).content,
        client.get(_contact(world)).content,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(_contact(world), GOOD, follow=True)
    bodies.append(sent.content)
    bodies.append(client.post(_contact(world), {"subject": "", "message": ""}).content)

    assert "Your message was sent to Rita Recipient." in sent.content.decode()
    assert len(mailoutbox) == 1
    for body in bodies:
        assert RITA.encode() not in body
        assert b"rita.private" not in body


def test_a_name_with_accents_is_encoded_in_reply_to(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world["sender"].full_name = "Zoë Müller"
    world["sender"].save(update_fields=["full_name"])

    _post(client, world, GOOD, django_capture_on_commit_callbacks)

    header = mailoutbox[0].message()["Reply-To"]
    assert str(make_header(decode_header(header))) == f"Zoë Müller <{SAM}>"


def _sent_earlier(world, count: int, *, when) -> None:
    for number in range(count):
        row = DirectoryMessage.objects.create(
            sender=world["sender"], recipient=world["recipient"].user, subject=f"Earlier {number}"
        )
        DirectoryMessage.objects.filter(pk=row.pk).update(created_at=when)


def test_the_eleventh_message_of_the_day_is_refused(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    _sent_earlier(world, 10, when=start_of_today() + timedelta(minutes=1))

    response = _post(client, world, GOOD, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert "You have sent 10 messages today; the limit resets at midnight." in (
        response.content.decode()
    )
    assert DirectoryMessage.objects.count() == 10
    assert mailoutbox == []
    page = client.get(_contact(world)).content.decode()
    assert "You have sent 10 messages today; the limit resets at midnight." in page


def test_yesterdays_messages_do_not_count(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    _sent_earlier(world, 10, when=start_of_today() - timedelta(minutes=1))
    _sent_earlier(world, 9, when=start_of_today() + timedelta(minutes=1))

    response = _post(client, world, GOOD, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (GOOD | {"subject": "Hello\nBcc: everyone"}, "Use a single line of text"),
        (GOOD | {"subject": "Bell\x07"}, "Use a single line of text"),
        (GOOD | {"message": "Escape \x1b[31m"}, "the control character U+001B"),
        (GOOD | {"subject": "s" * 151}, "at most 150 characters"),
        (GOOD | {"message": "m" * 5_001}, "at most 5000 characters"),
        ({"subject": "", "message": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_nothing_written_or_sent(
    client, world, mailoutbox, django_capture_on_commit_callbacks, data, error
):
    response = _post(client, world, data, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert DirectoryMessage.objects.count() == 0
    assert mailoutbox == []


def test_a_person_who_refuses_messages_cannot_be_contacted(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world["recipient"].accepts_messages = False
    world["recipient"].save(update_fields=["accepts_messages"])

    response = _post(client, world, GOOD, django_capture_on_commit_callbacks)

    assert response.status_code == 409
    assert "Rita Recipient does not accept messages through the directory." in (
        response.content.decode()
    )
    assert DirectoryMessage.objects.count() == 0
    assert mailoutbox == []
    public_id = world["recipient"].user.public_id
    person = client.get(reverse("community:person", args=[public_id]))
    assert reverse("community:contact_person", args=[public_id]) not in person.content.decode()


def test_an_unlisted_person_is_not_found(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world["recipient"].is_listed = False
    world["recipient"].save(update_fields=["is_listed"])
    client.force_login(world["sender"])

    assert client.get(_contact(world)).status_code == 404
    assert _post(client, world, GOOD, django_capture_on_commit_callbacks).status_code == 404
    assert mailoutbox == []


def test_nobody_writes_to_themself(client, world, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(world["recipient"].user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_contact(world), GOOD)

    assert response.status_code == 400
    assert "This is your own entry" in response.content.decode()
    assert mailoutbox == []


# --- the service ----------------------------------------------------------------------------


def test_send_message_service_refuses_what_the_page_refuses(world):
    recipient = world["recipient"]
    with pytest.raises(NotFound):
        services.send_message(sender=world["sender"], recipient_public_id=uuid.uuid4(), **GOOD)
    recipient.accepts_messages = False
    recipient.save(update_fields=["accepts_messages"])
    with pytest.raises(Conflict):
        services.send_message(
            sender=world["sender"], recipient_public_id=recipient.user.public_id, **GOOD
        )
    assert DirectoryMessage.objects.count() == 0


def test_the_sender_is_named_by_a_member_organization_without_an_entry(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world["sender"].directory_profile.delete()

    _post(client, world, GOOD, django_capture_on_commit_callbacks)

    assert "Sam Sender, Communications manager, Riverbend Hospital sent you" in (mailoutbox[0].body)
