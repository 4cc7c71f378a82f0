"""The invitation emails and their calendar files: the .ics parsed back with `icalendar`
(METHOD, UID, SEQUENCE, UTC times, organizer and attendees), each person's email written on
their own clock, and a task made stale by a later change sending nothing."""

from datetime import timedelta

import pytest
import time_machine
from icalendar import Calendar

from socialrx.coaching import feeds
from socialrx.coaching.calendars import invitation, session_uid
from socialrx.coaching.services.booking import cancel, reschedule
from socialrx.coaching.services.invitations import invitation_message
from tests.coaching.booking_support import NOW, WED_11, WED_14, book_at, booking_world

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://socialrx.example"
    settings.DEFAULT_FROM_EMAIL = "SocialRx <no-reply@socialrx.example>"


@pytest.fixture
def world(db):
    """The coach reads their mail in Denver, the booker in New York."""
    found = booking_world()
    found.coach_user.time_zone = "America/Denver"
    found.coach_user.save(update_fields=["time_zone"])
    found.member.time_zone = "America/New_York"
    found.member.save(update_fields=["time_zone"])
    return found


@pytest.fixture
def booked(world, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        return book_at(world, WED_11, agenda="Review the draft posting calendar.")


def _mail_to(mailoutbox, address):
    (mail,) = [m for m in mailoutbox if m.to == [address]]
    return mail


def test_the_invitation_parses_back_with_everything_a_calendar_needs(world, booked, mailoutbox):
    mail = _mail_to(mailoutbox, "maria@riverside.example")
    (part,) = [p for p in mail.attachments if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")

    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"coaching-session-{booked.public_id}@socialrx"
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstart").isoformat() == "2027-01-13T17:00:00+00:00"
    assert event.decoded("dtend").isoformat() == "2027-01-13T18:00:00+00:00"
    assert str(event["summary"]) == (
        "Coaching: Launching the physician video series (Riverside Regional Medical Center)"
    )
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["location"]) == str(event["url"]) == "https://meet.example.org/riverside"
    description = str(event["description"])
    assert "Review the draft posting calendar." in description
    assert f"https://socialrx.example/coaching/sessions/{booked.public_id}/" in description
    assert "free until 24 hours before the start" in description
    organizer = event["organizer"]
    assert (str(organizer), str(organizer.params["CN"])) == (
        "mailto:no-reply@socialrx.example",
        "SocialRx Center",
    )
    attendees = {
        str(a): (a.params["CN"], a.params["ROLE"], a.params["PARTSTAT"], a.params["RSVP"])
        for a in event["attendee"]
    }
    assert attendees == {
        "mailto:dana@socialrx.example": (
            "Dana Whitfield",
            "REQ-PARTICIPANT",
            "NEEDS-ACTION",
            "FALSE",
        ),
        "mailto:maria@riverside.example": (
            "Maria Lopez",
            "REQ-PARTICIPANT",
            "NEEDS-ACTION",
            "FALSE",
        ),
    }


def test_each_side_reads_the_time_on_their_own_clock(booked, mailoutbox):
    to_coach = _mail_to(mailoutbox, "dana@socialrx.example")
    to_booker = _mail_to(mailoutbox, "maria@riverside.example")

    assert (
        to_coach.subject == "Coaching session booked: Wed, Jan 13, 2027, 10:00 AM MST (60 minutes)"
    )
    assert (
        to_booker.subject == "Coaching session booked: Wed, Jan 13, 2027, 12:00 PM EST (60 minutes)"
    )
    assert (
        "When: Wed, Jan 13, 2027, 10:00 AM MST (60 minutes) (your time zone, America/Denver)"
        in to_coach.body
    )
    assert (
        "When: Wed, Jan 13, 2027, 12:00 PM EST (60 minutes) (your time zone, America/New_York)"
        in to_booker.body
    )
    coach_html = to_coach.alternatives[0][0]
    assert "<strong>Wed, Jan 13, 2027, 10:00 AM MST (60 minutes)</strong>" in coach_html
    # The booker is told until when the policy is free, on their clock: 24 h before.
    assert "Free to cancel or move until Tue, Jan 12, 2027, 12:00 PM EST." in to_booker.body
    assert (
        "Maria Lopez of Riverside Regional Medical Center booked a coaching session with you."
        in to_coach.body
    )
    assert "Booked by: Maria Lopez <maria@riverside.example>" in to_coach.body
    assert "Coach: Dana Whitfield" in to_booker.body


def test_the_moved_email_says_from_when(
    world, booked, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reschedule(actor=world.member, session=booked, starts_at=WED_14)

    to_booker = _mail_to(mailoutbox, "maria@riverside.example")
    assert "When: Wed, Jan 13, 2027, 3:00 PM EST (60 minutes)" in to_booker.body
    assert "Was: Wed, Jan 13, 2027, 12:00 PM EST" in to_booker.body


def test_a_task_overtaken_by_a_later_change_sends_nothing(world, booked):
    reschedule(actor=world.member, session=booked, starts_at=WED_14)  # sequence 1

    stale = invitation_message(
        session_id=booked.pk, person_id=world.member.pk, kind="booked", method="REQUEST", sequence=0
    )
    current = invitation_message(
        session_id=booked.pk,
        person_id=world.member.pk,
        kind="rescheduled",
        method="REQUEST",
        sequence=1,
    )

    assert stale is None
    assert current is not None and current.to == ["maria@riverside.example"]


def test_a_task_for_someone_not_of_the_session_or_a_mismatched_method_sends_nothing(world, booked):
    assert (
        invitation_message(
            session_id=booked.pk,
            person_id=world.admin.pk,
            kind="booked",
            method="REQUEST",
            sequence=0,
        )
        is None
    )
    assert (
        invitation_message(
            session_id=booked.pk,
            person_id=world.member.pk,
            kind="booked",
            method="CANCEL",
            sequence=0,
        )
        is None
    )
    assert (
        invitation_message(
            session_id=10**9, person_id=world.member.pk, kind="booked", method="REQUEST", sequence=0
        )
        is None
    )


def _described(event) -> dict:
    names = ("UID", "SEQUENCE", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "TRANSP")
    return {name: str(event[name]) for name in names} | {
        "DTSTART": event.decoded("DTSTART").isoformat(),
        "DTEND": event.decoded("DTEND").isoformat(),
    }


def _feed_event(session):
    (event,) = Calendar.from_ical(feeds.coach_calendar([session])).walk("VEVENT")
    return event


def test_the_invitation_and_the_coachs_feed_describe_the_session_identically(booked):
    page = f"https://socialrx.example/coaching/sessions/{booked.public_id}/"
    expected = {
        "UID": f"coaching-session-{booked.public_id}@socialrx",
        "SEQUENCE": "0",
        "SUMMARY": (
            "Coaching: Launching the physician video series (Riverside Regional Medical Center)"
        ),
        "DESCRIPTION": (
            "Agenda:\nReview the draft posting calendar.\n\n"
            f"Session page: {page}\n\n"
            "Meeting link: https://meet.example.org/riverside\n\n"
            "Cancelling or moving is free until 24 hours before the start; a later "
            "cancellation counts the hour against the engagement."
        ),
        "LOCATION": "https://meet.example.org/riverside",
        "URL": "https://meet.example.org/riverside",
        "STATUS": "CONFIRMED",
        "TRANSP": "OPAQUE",
        "DTSTART": "2027-01-13T17:00:00+00:00",
        "DTEND": "2027-01-13T18:00:00+00:00",
    }
    invited = Calendar.from_ical(invitation(booked, method="REQUEST"))
    feed = Calendar.from_ical(feeds.coach_calendar([booked]))

    assert _described(invited.walk("VEVENT")[0]) == expected
    assert _described(_feed_event(booked)) == expected
    assert str(invited["PRODID"]) == str(feed["PRODID"]) == "-//SocialRx//Coaching//EN"
    assert session_uid(booked) == expected["UID"]


def test_a_cancelled_session_is_cancelled_and_free_time_in_both(world, booked):
    cancel(actor=world.member, session=booked, reason="The launch moved to March.")
    booked.refresh_from_db()
    page = f"https://socialrx.example/coaching/sessions/{booked.public_id}/"

    for event in (
        Calendar.from_ical(invitation(booked, method="CANCEL")).walk("VEVENT")[0],
        _feed_event(booked),
    ):
        assert (str(event["STATUS"]), str(event["TRANSP"]), int(event["SEQUENCE"])) == (
            "CANCELLED",
            "TRANSPARENT",
            1,
        )
        assert str(event["DESCRIPTION"]) == (
            "Agenda:\nReview the draft posting calendar.\n\n"
            f"Session page: {page}\n\n"
            "Meeting link: https://meet.example.org/riverside\n\n"
            "Reason for cancelling: The launch moved to March.\n\n"
            "Cancelling or moving is free until 24 hours before the start; a later "
            "cancellation counts the hour against the engagement."
        )


def test_one_attendee_when_the_booker_is_the_coach_too(world, booked):
    booked.booked_by = booked.coach

    event = Calendar.from_ical(invitation(booked, method="REQUEST")).walk("VEVENT")[0]

    attendee = event["attendee"]
    assert str(attendee if not isinstance(attendee, list) else attendee[0]) == (
        "mailto:dana@socialrx.example"
    )
    assert not isinstance(attendee, list)


def test_times_cross_a_day_on_another_clock(world, django_capture_on_commit_callbacks, mailoutbox):
    """Friday 4:00 PM in Chicago is Saturday 9:00 AM in Sydney (summer there, +11)."""
    world.member.time_zone = "Australia/Sydney"
    world.member.save(update_fields=["time_zone"])
    friday_4pm = WED_11 + timedelta(days=2, hours=5)

    with django_capture_on_commit_callbacks(execute=True):
        book_at(world, friday_4pm)

    assert _mail_to(mailoutbox, "maria@riverside.example").subject == (
        "Coaching session booked: Sat, Jan 16, 2027, 9:00 AM AEDT (60 minutes)"
    )
