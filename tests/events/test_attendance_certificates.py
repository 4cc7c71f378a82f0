"""After the event: the attendance report (registered against checked in by ticket type and by
organization, the no-shows, the sessions' recordings and slides) and certificates of attendance
issued through training's mechanism: once per person, only after the event has ended, never
for a cancelled or draft event, emailed to each new holder, audited, and verifiable on
training's public page.

The conference ran Apr 20–21, 2031 in Chicago and ended Apr 22 02:30 UTC, which is still
Apr 21 (21:30 CDT) there: the certificates say "attended until April 21, 2031"."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import CheckIn
from socialrx.events.services.certificates import issue_attendance_certificates
from socialrx.training.models import Certificate
from tests.events.factories import make_attendee, make_event, make_session, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.integration

STARTS = datetime(2031, 4, 20, 14, 0, tzinfo=UTC)  # 09:00 CDT
ENDS = datetime(2031, 4, 22, 2, 30, tzinfo=UTC)  # Apr 21, 21:30 CDT
DURING = datetime(2031, 4, 21, 18, 0, tzinfo=UTC)
AFTER = datetime(2031, 4, 25, 15, 0, tzinfo=UTC)
TITLE = "Social Media in Health Care Summit 2031"


@pytest.fixture
def clock():
    with time_machine.travel(AFTER, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff_client(client, staff, clock):
    client.force_login(staff)
    return client


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _event(**fields):
    values = {
        "title": TITLE,
        "starts_at": STARTS,
        "ends_at": ENDS,
        "attendance_hours": Decimal("12.0"),
        "ce_hours": Decimal("10.5"),
    }
    values.update(fields)
    return make_event(**values)


def _check_in(attendee):
    return CheckIn.objects.create(attendee=attendee, event=attendee.event, method="search")


@pytest.fixture
def summit(db, clock):
    """Ravi and Sam came and have accounts; Uma came without an account; Nia and Omar did not
    come; Lee cancelled (and yet was checked in by mistake: no certificate for a cancelled
    ticket)."""
    event = _event()
    general = make_ticket_type(event, name="Non-member")
    student = make_ticket_type(event, name="Student", kind="student", price_cents=15_000)
    people = {
        "ravi": make_attendee(
            event,
            general,
            person=UserFactory(full_name="Ravi Patel", email="ravi@riverside.example"),
            organization_name="Riverside Regional",
        ),
        "sam": make_attendee(
            event,
            student,
            person=UserFactory(full_name="Sam Ortiz", email="sam@lakeside.example"),
            organization_name="Lakeside Clinic",
        ),
        "uma": make_attendee(
            event,
            general,
            full_name="Uma Iyer",
            email="uma@riverside.example",
            organization_name="riverside regional",
        ),
        "nia": make_attendee(
            event,
            general,
            full_name="Nia Brown",
            email="nia@riverside.example",
            organization_name="Riverside Regional",
        ),
        "omar": make_attendee(event, student, full_name="Omar Haddad", email="omar@x.example"),
        "lee": make_attendee(
            event,
            general,
            person=UserFactory(full_name="Lee Park"),
            status="cancelled",
        ),
    }
    for name in ("ravi", "sam", "uma", "lee"):
        _check_in(people[name])
    return event, people


# --- the service ------------------------------------------------------------------------------


def test_certificates_go_to_checked_in_attendees_with_an_account(summit, staff, commit, mailoutbox):
    event, people = summit

    with commit():
        run = issue_attendance_certificates(actor=staff, event=event)

    assert [a.full_name for a in run.issued] == ["Ravi Patel", "Sam Ortiz"]
    assert run.already == []
    assert [a.full_name for a in run.skipped] == ["Uma Iyer"]
    assert run.summary == (
        "2 certificates of attendance issued; 0 attendees already had one; 1 attendee has "
        "checked in without an account (invite them, then issue again)."
    )
    certificates = Certificate.objects.filter(source_public_id=event.public_id).order_by(
        "recipient_name"
    )
    assert [
        (c.recipient_name, c.kind, c.title, c.hours, c.ce_hours, c.completed_on)
        for c in certificates
    ] == [
        ("Ravi Patel", "event", TITLE, Decimal("12.0"), Decimal("10.5"), date(2031, 4, 21)),
        ("Sam Ortiz", "event", TITLE, Decimal("12.0"), Decimal("10.5"), date(2031, 4, 21)),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["ravi@riverside.example", "sam@lakeside.example"]
    mail = next(m for m in mailoutbox if m.to == ["ravi@riverside.example"])
    ravi_code = certificates[0].code
    assert mail.subject == f"Your certificate of attendance: {TITLE}"
    assert ravi_code in mail.body
    assert f"/certificates/{ravi_code}/" in mail.body
    assert "Attended until: April 21, 2031" in mail.body
    audit = AuditEvent.objects.get(action="events.certificates.issued")
    assert audit.after == {
        "issued": 2,
        "already_held": 0,
        "without_account": 1,
        "hours": "12.0",
        "ce_hours": "10.5",
        "completed_on": "2031-04-21",
    }


def test_issuing_again_gives_none_twice_and_emails_nobody(summit, staff, commit, mailoutbox):
    event, people = summit
    with commit():
        issue_attendance_certificates(actor=staff, event=event)
    mailoutbox.clear()

    with commit():
        run = issue_attendance_certificates(actor=staff, event=event)

    assert run.issued == []
    assert [a.full_name for a in run.already] == ["Ravi Patel", "Sam Ortiz"]
    assert [a.full_name for a in run.skipped] == ["Uma Iyer"]
    assert Certificate.objects.filter(source_public_id=event.public_id).count() == 2
    assert mailoutbox == []
    assert AuditEvent.objects.filter(action="events.certificates.issued").count() == 2


def test_someone_checked_in_late_gets_theirs_on_the_next_run(summit, staff, commit, mailoutbox):
    event, people = summit
    issue_attendance_certificates(actor=staff, event=event)
    nia = people["nia"]
    nia.person = UserFactory(full_name="Nia Brown", email="nia@riverside.example")
    nia.save(update_fields=["person"])
    _check_in(nia)

    with commit():
        run = issue_attendance_certificates(actor=staff, event=event)

    assert [a.full_name for a in run.issued] == ["Nia Brown"]
    assert len(run.already) == 2
    assert [m.to for m in mailoutbox] == [["nia@riverside.example"]]


def test_certificates_are_refused_before_the_event_ends(summit, staff, clock):
    event, _ = summit
    clock.move_to(DURING)

    with pytest.raises(DomainError) as refused:
        issue_attendance_certificates(actor=staff, event=event)

    assert refused.value.message == (
        "The event ends Apr 21, 2031 at 9:30 PM CDT: issue certificates of attendance once "
        "it has ended."
    )
    assert not Certificate.objects.exists()
    assert not AuditEvent.objects.filter(action="events.certificates.issued").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"status": "cancelled"},
            "This event was cancelled: no certificates of attendance are issued for it.",
        ),
        (
            {"status": "draft"},
            "This event is a draft: publish and hold it before issuing certificates.",
        ),
        (
            {"attendance_hours": Decimal("0")},
            "Set the event's attendance hours before issuing certificates of attendance.",
        ),
    ],
)
def test_certificates_are_refused_for_an_event_that_cannot_have_them(
    db, clock, staff, fields, message
):
    event = _event(**fields)
    _check_in(make_attendee(event, person=UserFactory()))

    with pytest.raises(DomainError) as refused:
        issue_attendance_certificates(actor=staff, event=event)

    assert refused.value.message == message
    assert not Certificate.objects.exists()


def test_only_staff_issue_certificates(summit, user):
    event, _ = summit

    with pytest.raises(PermissionDenied):
        issue_attendance_certificates(actor=user, event=event)
    assert not Certificate.objects.exists()


def test_training_s_verification_page_shows_an_event_certificate(summit, staff, client):
    event, _ = summit
    issue_attendance_certificates(actor=staff, event=event)
    certificate = Certificate.objects.get(recipient_name="Ravi Patel")

    response = client.get(reverse("training:certificate_verify", args=[certificate.code]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "VALID" in html
    assert "Ravi Patel" in html
    assert TITLE in html
    assert "Conference or webinar attendance" in html
    assert "April 21, 2031" in html


# --- the pages --------------------------------------------------------------------------------


def test_the_attendance_report(staff_client, summit):
    event, _ = summit
    make_session(event, title="Opening keynote", recording_url="https://videos.example/1")
    make_session(
        event,
        title="Panel",
        starts_at=STARTS.replace(hour=15),
        recording_url="https://videos.example/2",
        slides_url="https://slides.example/2",
    )
    make_session(event, title="Workshop", starts_at=STARTS.replace(hour=16))
    make_session(event, title="Lunch", kind="break", starts_at=STARTS.replace(hour=17))

    response = staff_client.get(reverse("events:staff_attendance", args=[event.slug]))
    html = response.content.decode()

    assert response.status_code == 200
    report = response.context["attendance"]
    # label, registered, checked in, no-shows, rate
    lines = lambda group: [  # noqa: E731
        (g.label, g.registered, g.checked_in, g.no_shows, g.rate_percent) for g in group
    ]
    assert lines(report.by_ticket_type) == [
        ("Student", 2, 1, 1, 50),
        ("Non-member", 3, 2, 1, 67),
    ]
    assert lines(report.by_organization) == [
        ("Riverside Regional", 3, 2, 1, 67),
        ("Lakeside Clinic", 1, 1, 0, 100),
        ("No organization given", 1, 0, 1, 0),
    ]
    assert lines([report.total]) == [("All ticket types", 5, 3, 2, 60)]
    assert [a.full_name for a in report.no_shows] == ["Nia Brown", "Omar Haddad"]
    state = response.context["certificates"]
    assert (state.checked_in, state.with_account, state.issued, state.to_issue) == (3, 2, 0, 2)
    assert [a.full_name for a in state.without_account] == ["Uma Iyer"]
    recordings = response.context["recordings"]
    assert (
        recordings.sessions,
        recordings.with_recording,
        recordings.with_slides,
        recordings.with_neither,
    ) == (3, 2, 1, 1)
    assert "Issue certificates of attendance (2)" in html
    assert "uma@riverside.example" in html
    assert 'aria-current="page">Attendance</a>' in html


def test_the_page_issues_certificates_and_says_what_it_did(staff_client, summit, mailoutbox):
    event, _ = summit
    url = reverse("events:staff_certificates", args=[event.slug])

    response = staff_client.post(url, follow=True)
    again = staff_client.post(url, follow=True)

    assert response.redirect_chain == [(reverse("events:staff_attendance", args=[event.slug]), 302)]
    assert "2 certificates of attendance issued; 0 attendees already had one" in (
        response.content.decode()
    )
    assert "0 certificates of attendance issued; 2 attendees already had one" in (
        again.content.decode()
    )
    assert Certificate.objects.count() == 2


def test_before_the_end_the_page_offers_no_button_and_a_post_is_refused(
    staff_client, summit, clock
):
    event, _ = summit
    clock.move_to(DURING)
    page = reverse("events:staff_attendance", args=[event.slug])

    html = staff_client.get(page).content.decode()
    refused = staff_client.post(
        reverse("events:staff_certificates", args=[event.slug]), follow=True
    )

    assert "Certificates can be issued once the event has ended." in html
    assert "Issue certificates of attendance" not in html
    assert "issue certificates of attendance once it has ended" in refused.content.decode()
    assert not Certificate.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_attendance_page_takes_the_same_queries_for_two_or_eight_attendees(
    staff_client, clock, django_assert_num_queries
):
    events = []
    for size in (2, 8):
        event = _event(title=f"Summit of {size}")
        ticket_type = make_ticket_type(event, name="Non-member")
        for n in range(size):
            attendee = make_attendee(
                event,
                ticket_type,
                person=UserFactory() if n % 2 else None,
                organization_name=f"Org {n % 3}",
            )
            if n % 4 != 3:
                _check_in(attendee)
        events.append(event)
    small, large = (reverse("events:staff_attendance", args=[e.slug]) for e in events)

    count = _queries(staff_client, small)
    with django_assert_num_queries(count):
        response = staff_client.get(large)

    assert len(response.context["attendance"].no_shows) == 2
    assert count == 11  # pinned: a query per attendee would change it
