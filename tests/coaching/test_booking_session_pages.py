"""A session's pages: the session (times on the viewer's and the coach's clocks, the policy
line, the buttons the viewer may use, the notes they may read), its calendar file, moving it
and cancelling it (what cancelling costs, said before it is done); who may see each."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from socialrx.coaching.models import CoachingSession, HoursUse, NoteVisibility, SessionNote
from socialrx.coaching.selectors.booking import slot_key
from tests.coaching.booking_support import NOW, WED_10, WED_14, booking_world
from tests.coaching.factories import make_session, member_org
from tests.factories import SeatFactory, give_mfa

pytestmark = pytest.mark.integration

TUE_9 = datetime.fromisoformat("2027-01-12T15:00:00+00:00")  # Tue 9:00 AM CST


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db):
    found = booking_world()
    found.member.time_zone = "America/New_York"
    found.member.save(update_fields=["time_zone"])
    give_mfa(found.coach_user)
    return found


@pytest.fixture
def session(world):
    return make_session(world.engagement, booked_by=world.member, starts_at=WED_10)


def _url(name: str, session) -> str:
    return reverse(f"coaching:{name}", args=[session.public_id])


# --- the session page -------------------------------------------------------------------------


def test_the_booker_sees_both_clocks_the_policy_and_the_buttons(world, session, client):
    client.force_login(world.member)

    page = client.get(_url("session", session))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Wed, Jan 13, 2027, 11:00 AM EST (60 minutes)" in html
    assert "Wed, Jan 13, 2027, 10:00 AM CST for the coach" in html
    assert "Free to cancel or move until Tue, Jan 12, 11:00 AM EST." in html
    assert f'href="/coaching/sessions/{session.public_id}/reschedule/">Reschedule</a>' in html
    assert f'href="/coaching/sessions/{session.public_id}/cancel/">Cancel the session</a>' in html
    assert (
        f'href="/coaching/sessions/{session.public_id}/invite.ics" download>Add to calendar' in html
    )
    assert "Review the draft posting calendar." in html


def test_within_24_hours_the_booker_is_told_moving_is_closed(world, client, clock):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)
    clock.move_to(TUE_9 - timedelta(hours=5))
    client.force_login(world.member)

    html = client.get(_url("session", session)).content.decode()

    assert "Less than 24 hours to go: it can no longer be moved from here" in html
    assert ">Reschedule</a>" not in html
    assert ">Cancel the session</a>" in html


def test_a_colleague_reads_it_without_buttons_and_only_shared_notes(world, session, client):
    colleague = SeatFactory(organization=world.organization).user
    SessionNote.objects.create(
        session=session, body="Shared: start with Instagram.", visibility=NoteVisibility.SHARED
    )
    SessionNote.objects.create(
        session=session, body="Private: legal is nervous.", visibility=NoteVisibility.CENTER
    )
    client.force_login(colleague)

    html = client.get(_url("session", session)).content.decode()

    assert ">Reschedule</a>" not in html and ">Cancel the session</a>" not in html
    assert "Shared: start with Instagram." in html
    assert "Private: legal is nervous." not in html


def test_the_coach_reads_the_center_notes(world, session, client):
    SessionNote.objects.create(
        session=session, body="Private: legal is nervous.", visibility=NoteVisibility.CENTER
    )
    client.force_login(world.coach_user)

    html = client.get(_url("session", session)).content.decode()

    assert "Private: legal is nervous." in html
    assert "As the coach or center staff you can move or cancel it at any time" in html


def test_outsiders_get_404_for_every_session_page(world, session, client):
    _, outsider, _ = member_org("Lakeside Family Physicians")
    client.force_login(outsider)

    for name in ("session", "session_ics", "reschedule", "cancel"):
        assert client.get(_url(name, session)).status_code == 404, name
    missing = reverse("coaching:session", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(missing).status_code == 404


def test_the_calendar_file_has_the_sessions_uid(world, session, client):
    client.force_login(world.member)

    response = client.get(_url("session_ics", session))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["method"]) == "PUBLISH"
    assert str(event["uid"]) == f"coaching-session-{session.public_id}@socialrx"
    assert event.decoded("dtstart").isoformat() == "2027-01-13T16:00:00+00:00"


# --- rescheduling -----------------------------------------------------------------------------


def test_the_booker_moves_it_to_another_slot_of_the_same_coach(world, session, client):
    client.force_login(world.member)

    page = client.get(_url("reschedule", session))
    response = client.post(
        _url("reschedule", session), {"slot": slot_key(world.coach_user, WED_14)}
    )

    assert page.status_code == 200
    assert "Times are shown in your time zone, America/New_York (EST)." in page.content.decode()
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (WED_14, 1)


def test_a_late_move_is_explained_and_refused(world, client, clock):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)
    clock.move_to(TUE_9 - timedelta(hours=5))
    client.force_login(world.member)

    page = client.get(_url("reschedule", session))
    refused = client.post(_url("reschedule", session), {"slot": slot_key(world.coach_user, WED_14)})

    assert page.status_code == 200
    assert (
        "Less than 24 hours before the session it can no longer be moved from here."
        in page.content.decode()
    )
    assert "Cancel the session instead" in page.content.decode()
    assert refused.status_code == 400
    session.refresh_from_db()
    assert session.starts_at == TUE_9


def test_a_taken_slot_is_refused_on_the_reschedule_page(world, session, client):
    other = make_session(world.engagement, booked_by=world.admin, starts_at=WED_14)
    client.force_login(world.member)

    page = client.post(
        _url("reschedule", session), {"slot": slot_key(world.coach_user, other.starts_at)}
    )

    assert page.status_code == 400
    assert "That time was just taken" in page.content.decode()
    session.refresh_from_db()
    assert session.starts_at == WED_10


def test_a_colleague_who_did_not_book_it_may_not_move_or_cancel_it(world, session, client):
    colleague = SeatFactory(organization=world.organization).user
    client.force_login(colleague)

    assert client.get(_url("reschedule", session)).status_code == 403
    assert client.post(_url("cancel", session), {"reason": "x"}).status_code == 403
    session.refresh_from_db()
    assert session.status == "booked"


# --- cancelling -------------------------------------------------------------------------------


def test_the_cancel_page_says_it_is_free_then_cancels(world, session, client):
    client.force_login(world.member)

    page = client.get(_url("cancel", session))
    response = client.post(_url("cancel", session), {"reason": "Our launch moved."})

    html = page.content.decode()
    assert "This is 2 days before the session: cancelling now is free." in html
    assert "It stays free until Tue, Jan 12, 2027, 11:00 AM EST" in html
    assert response.status_code == 302
    assert response.url == f"/coaching/sessions/{session.public_id}/"
    session.refresh_from_db()
    assert session.status == "cancelled"


def test_the_cancel_page_says_a_late_cancel_counts_the_hour(world, client, clock):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)
    clock.move_to(TUE_9 - timedelta(hours=5))
    client.force_login(world.member)

    page = client.get(_url("cancel", session))
    client.post(_url("cancel", session), {"reason": ""})

    assert (
        "This is 5 hours before the session: cancelling now counts the hour against your "
        "engagement." in page.content.decode()
    )
    assert "Cancel and count the hour" in page.content.decode()
    session.refresh_from_db()
    assert session.status == "late_cancelled"
    assert HoursUse.objects.get(session=session).minutes == 60


def test_the_coach_must_give_a_reason(world, session, client):
    client.force_login(world.coach_user)

    refused = client.post(_url("cancel", session), {"reason": "  "})

    assert refused.status_code == 400
    assert "Tell the organization why the session is cancelled." in refused.content.decode()
    assert CoachingSession.objects.get(pk=session.pk).status == "booked"


def test_a_cancelled_session_shows_why_and_offers_nothing(world, session, client):
    client.force_login(world.member)
    client.post(_url("cancel", session), {"reason": "Our launch moved."})

    html = client.get(_url("session", session)).content.decode()
    again = client.get(_url("cancel", session))

    assert "“Our launch moved.”" in html
    assert ">Reschedule</a>" not in html and "Add to calendar" not in html
    assert "This session is cancelled: nothing more to change." in again.content.decode()
