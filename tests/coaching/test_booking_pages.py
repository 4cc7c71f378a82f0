"""The book page: a week of slots on the viewer's own clock, the week and length and coach
chosen by query (a bad one is a 400 with its reason), the hours left, booking by POST and
every refusal drawn above the form with nothing saved; who may see it; query counts that do
not grow with coaches or commitments."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from socialrx.coaching.models import CoachingSession
from socialrx.coaching.selectors.booking import slot_key
from socialrx.schedules.services import Slot, commit
from tests.coaching.booking_support import NOW, WED_10, book_at, booking_world
from tests.coaching.factories import make_coach, make_session, member_org
from tests.factories import give_mfa

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db):
    found = booking_world()
    found.member.time_zone = "America/New_York"
    found.member.save(update_fields=["time_zone"])
    return found


def _url(world, **query) -> str:
    path = reverse("coaching:book", args=[world.engagement.public_id])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _post(world, starts_at, *, agenda="Plan the video series launch.", **extra) -> dict:
    return {"slot": slot_key(world.coach_user, starts_at), "agenda": agenda, **extra}


def test_the_week_is_laid_out_by_day_on_the_viewers_clock(world, client):
    client.force_login(world.member)

    page = client.get(_url(world))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Times are shown in your time zone, America/New_York (EST)." in html
    assert 'href="/profile/">Change it in your profile.</a>' in html
    week = page.context["picker"].week
    # Monday's times are all within the 12 hours' notice (it is 9:00 AM in New York);
    # Tuesday to Friday each offer 12 hour-long times: 9-12 and 1-5 in Chicago.
    assert [len(day.slots) for day in week.days] == [0, 12, 12, 12, 12, 0, 0]
    tuesday = week.days[1]
    assert [slot.label for slot in tuesday.slots[:3]] == [
        "10:00 AM EST",
        "10:30 AM EST",
        "11:00 AM EST",
    ]
    assert tuesday.slots[-1].label == "5:00 PM EST"  # 4:00 PM in Chicago, ending at 5
    assert "Week of Monday, January 11" in html
    assert "Left to book: <strong>10 h</strong>" in html
    assert "← Previous week" not in html  # this week is the first
    assert '?week=2027-01-18&amp;minutes=60"' in html


def test_a_later_week_and_30_minute_times(world, client):
    client.force_login(world.member)

    page = client.get(_url(world, week="2027-01-20", minutes="30"))  # a Wednesday: its week

    assert page.status_code == 200
    week = page.context["picker"].week
    assert str(week.monday) == "2027-01-18"
    assert [len(day.slots) for day in week.days] == [14, 14, 14, 14, 14, 0, 0]
    assert "← Previous week" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"week": "2027-13-45"}, "Give the week as a date, YYYY-MM-DD (a Monday)."),
        ({"week": "next"}, "Give the week as a date, YYYY-MM-DD (a Monday)."),
        ({"week": "2027-01-04"}, "That week is over: choose this week or a later one."),
        ({"week": "2028-06-05"}, "Sessions are booked up to a year ahead."),
        ({"minutes": "45"}, "A session lasts 30 or 60 minutes."),
        ({"coach": "not-a-coach"}, "Choose one of this engagement&#x27;s coaches."),
    ],
)
def test_a_bad_query_is_a_400_with_its_reason(world, client, query, message):
    client.force_login(world.member)

    page = client.get(_url(world, **query))

    assert page.status_code == 400
    assert message in page.content.decode()
    assert page.context["picker"].week is None


def test_several_coaches_can_be_filtered_to_one(world, client):
    second = make_coach(full_name="Lee Park", time_zone="America/Los_Angeles")
    world.engagement.coaches.add(second.user)
    client.force_login(world.member)

    both = client.get(_url(world))
    only_lee = client.get(_url(world, coach=second.user.public_id))

    assert both.status_code == only_lee.status_code == 200
    assert {s.coach.full_name for d in both.context["picker"].week.days for s in d.slots} == {
        "Dana Whitfield",
        "Lee Park",
    }
    assert {s.coach.full_name for d in only_lee.context["picker"].week.days for s in d.slots} == {
        "Lee Park"
    }
    assert '<label for="id_coach">Coach</label>' in both.content.decode()


def test_a_booking_that_cannot_fit_warns_and_offers_admins_to_buy(db, client):
    world = booking_world(plan_hours=1)
    book_at(world, WED_10)

    client.force_login(world.admin)
    as_admin = client.get(_url(world)).content.decode()
    client.force_login(world.member)
    as_member = client.get(_url(world)).content.decode()

    assert "A 60-minute session does not fit in the 0 h left." in as_admin
    buy = f'href="/coaching/engagements/{world.engagement.public_id}/hours/">Buy more hours</a>'
    assert buy in as_admin
    assert buy not in as_member
    assert "Your organization's admin can buy more hours." in as_member


def test_booking_by_post_goes_to_the_session_page(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world), _post(world, WED_10))

    session = CoachingSession.objects.get()
    assert response.status_code == 302
    assert response.url == f"/coaching/sessions/{session.public_id}/"
    assert session.agenda == "Plan the video series launch."
    assert len(mailoutbox) == 2


def test_a_time_taken_meanwhile_is_shown_above_the_slots_and_nothing_saved(world, client):
    other_org, _, other_member = member_org("Lakeside Family Physicians")
    from tests.coaching.factories import make_engagement  # noqa: PLC0415

    make_session(
        make_engagement(other_org, [world.coach]), starts_at=WED_10, booked_by=other_member
    )
    client.force_login(world.member)

    page = client.post(_url(world), _post(world, WED_10))

    assert page.status_code == 400
    html = page.content.decode()
    assert "That time was just taken: the coach is no longer free then." in html
    # The week is drawn again: 48 hour-long times less the three overlapping 10-11 AM CST
    # (starting 9:30, 10:00 and 10:30).
    assert page.context["picker"].week.count == 45
    assert CoachingSession.objects.filter(engagement=world.engagement).count() == 0


def test_over_the_allowance_the_admin_gets_the_buy_button(db, client):
    world = booking_world(plan_hours=1)
    book_at(world, WED_10)
    client.force_login(world.admin)

    page = client.post(_url(world), _post(world, WED_10 + timedelta(hours=4)))

    assert page.status_code == 400
    html = page.content.decode()
    assert "This engagement has 0 h left to book" in html
    buy_url = f"/coaching/engagements/{world.engagement.public_id}/hours/"
    assert f'class="button button-secondary" href="{buy_url}">Buy more hours</a>' in html
    assert CoachingSession.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"agenda": ""}, "Write an agenda: what you would like to work on"),
        (
            {"meeting_url": "http://meet.example.org/x"},
            "Give a secure meeting link starting with https://",
        ),
        ({"slot": "garbage"}, "Choose one of the times offered."),
        ({"slot": ""}, "Choose one of the times offered."),
    ],
)
def test_bad_input_is_shown_beside_its_field(world, client, data, message):
    client.force_login(world.member)

    page = client.post(_url(world), {**_post(world, WED_10), **data})

    assert page.status_code == 400
    assert message in page.content.decode()
    assert CoachingSession.objects.count() == 0


def test_too_soon_and_outside_availability_are_refused_above_the_form(world, client):
    client.force_login(world.member)

    too_soon = client.post(_url(world), _post(world, NOW + timedelta(hours=5)))
    lunch = client.post(_url(world), _post(world, WED_10 + timedelta(hours=2)))

    assert (
        "That is too soon: sessions are booked at least 12 hours ahead."
        in too_soon.content.decode()
    )
    assert "outside the coach&#x27;s availability" in lunch.content.decode()
    assert (too_soon.status_code, lunch.status_code) == (400, 400)
    assert CoachingSession.objects.count() == 0


def test_who_may_open_the_page(world, client, staff):
    _, outsider, _ = member_org("Lakeside Family Physicians")
    give_mfa(world.coach_user)
    url = _url(world)

    assert client.get(url).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.coach_user)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(world.admin)
    assert client.get(url).status_code == 200


def test_an_engagement_not_active_says_so(db, client):
    world = booking_world(status="proposed")
    client.force_login(world.member)

    page = client.get(_url(world))

    assert page.status_code == 409
    assert (
        "This engagement is proposed: sessions are booked while it is active."
        in page.content.decode()
    )


def _coaches(world, count: int):
    for number in range(count - 1):
        world.engagement.coaches.add(make_coach(full_name=f"Extra Coach {number}").user)


def _commitments(world, count: int):
    for day in range(count):
        start = WED_10 + timedelta(days=7 + day)
        commit(
            world.coach_user,
            [Slot(start, start + timedelta(minutes=30))],
            source_kind="training.boot_camp_day",
            source_public_id=world.engagement.public_id,
            label="Boot camp",
        )


@pytest.mark.parametrize(("coaches", "commitments"), [(1, 1), (3, 1), (1, 12), (3, 12)])
def test_the_book_page_makes_the_same_queries_whatever_the_coaches_and_commitments(
    world, client, django_assert_num_queries, coaches, commitments
):
    _coaches(world, coaches)
    _commitments(world, commitments)
    client.force_login(world.member)

    # 3 of them read the organization's membership year (the plan hours it still holds).
    with django_assert_num_queries(16):
        page = client.get(_url(world, week="2027-01-18"))

    assert page.status_code == 200
