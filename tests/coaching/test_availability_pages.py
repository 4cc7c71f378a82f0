"""The availability page: the week as a table on the coach's clock, adding and removing
windows and exceptions (refusals beside the field, never a 500), the next bookable slots, the
calendar link, and who opens whose page."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from socialrx.coaching.models import AvailabilityException, AvailabilityWindow
from tests.coaching.factories import make_coach
from tests.factories import CoachFactory, StaffFactory, UserFactory, give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = "/coaching/coach/availability/"
TUESDAY = 1
# Sunday January 10, 2027, 17:00 MST: the page's clock in these tests.
NOW = datetime(2027, 1, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coach():
    profile = make_coach(
        full_name="Morgan Reyes",
        time_zone="America/Denver",
        windows=[(TUESDAY, time(9), time(12)), (TUESDAY, time(13), time(17))],
    )
    give_mfa(profile.user)
    return profile


@pytest.fixture
def as_coach(client, coach):
    client.force_login(coach.user)
    return client


@pytest.fixture
def staff(client):
    person = StaffFactory(full_name="Sam Staff")
    give_mfa(person)
    client.force_login(person)
    return person


def text(response) -> str:
    return response.content.decode()


def field_error(response, field_id: str) -> str:
    """The error text the page shows beside a field (the span its input points to)."""
    page = text(response)
    start = page.index(f'id="{field_id}_error"')
    return html.unescape(page[page.index(">", start) + 1 : page.index("</span>", start)])


def window_post(weekday="2", starts="09:00", ends="12:00"):
    return {
        "form": "window",
        "window-weekday": weekday,
        "window-starts_at": starts,
        "window-ends_at": ends,
    }


def exception_post(on_date="2027-01-12", kind="off", starts="", ends="", note=""):
    return {
        "form": "exception",
        "exception-on_date": on_date,
        "exception-kind": kind,
        "exception-starts_at": starts,
        "exception-ends_at": ends,
        "exception-note": note,
    }


# --- the page ---------------------------------------------------------------------------------


def test_the_week_reads_as_a_table_on_the_coachs_clock(as_coach):
    response = as_coach.get(PAGE)

    assert response.status_code == 200
    page = text(response)
    assert "Your availability" in page
    assert "America/Denver (MST/MDT)" in page
    assert "never cancels a booked session" in page
    assert '<th scope="row">Tuesday</th>' in page
    assert "9:00 AM – 12:00 PM" in page
    assert "1:00 PM – 5:00 PM" in page
    assert "7 h" in page
    assert page.count("Not available") == 6  # every other day


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("America/Denver", "America/Denver (MST/MDT)"),
        ("Europe/London", "Europe/London (GMT/BST)"),
        ("America/Phoenix", "America/Phoenix (MST)"),  # no daylight saving
        ("Australia/Sydney", "Australia/Sydney (AEDT/AEST)"),  # summer in January
    ],
)
def test_the_page_names_the_coachs_clock_with_both_abbreviations(client, zone, label):
    profile = make_coach(time_zone=zone)
    give_mfa(profile.user)
    client.force_login(profile.user)

    assert f"<strong>{label}</strong>" in text(client.get(PAGE))


def test_the_next_bookable_slots_are_shown_on_the_coachs_clock(as_coach):
    page = text(as_coach.get(PAGE))

    # Now is Sunday 17:00 MST; 12 hours' notice; Tuesday's windows give these hours first.
    assert "Tuesday, January 12" in page
    assert "9:00 AM – 10:00 AM MST" in page
    assert "3:00 PM – 4:00 PM MST" in page
    # Ten slots at most: 9:00, 9:30, 10:00, 10:30, 11:00, then 13:00 ... 15:00 (five).
    assert "3:30 PM – 4:30 PM MST" not in page


def test_a_coach_without_a_profile_is_told_to_set_one_up(client):
    person = CoachFactory()
    give_mfa(person)
    client.force_login(person)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert "Set up your coach profile first" in text(response)
    assert f'href="{reverse("coaching:coach_profile")}"' in text(response)


def test_people_who_are_not_coaches_are_refused(client):
    client.force_login(UserFactory())

    assert client.get(PAGE).status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- windows ----------------------------------------------------------------------------------


def test_adding_a_window(as_coach, coach):
    response = as_coach.post(PAGE, window_post(weekday="2", starts="09:00", ends="12:00"))

    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert coach.windows.filter(weekday=2, starts_at=time(9), ends_at=time(12)).exists()
    assert "Added Wednesday 9:00 AM – 12:00 PM." in text(as_coach.get(PAGE))


def test_an_overlapping_window_is_shown_beside_the_field(as_coach, coach):
    response = as_coach.post(PAGE, window_post(weekday="1", starts="11:00", ends="14:00"))

    assert response.status_code == 200
    assert field_error(response, "id_window-starts_at") == (
        "Tuesday already has 9:00 AM – 12:00 PM; windows of one day must not overlap."
    )
    assert coach.windows.count() == 2


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (window_post(ends="08:00"), "id_window-ends_at", "The window must end after it starts"),
        (window_post(starts="09:15"), "id_window-starts_at", "on the hour or the half hour"),
        (window_post(weekday="9"), "id_window-weekday", "Choose a day of the week."),
        (window_post(weekday="Tuesday"), "id_window-weekday", "Choose a day of the week."),
        (window_post(starts=""), "id_window-starts_at", "This field is required."),
        (window_post(ends="25:00"), "id_window-ends_at", "on the hour or the half hour"),
    ],
)
def test_bad_windows_are_shown_beside_the_field(as_coach, coach, posted, field, message):
    response = as_coach.post(PAGE, posted)

    assert response.status_code == 200
    assert message in field_error(response, field)
    assert coach.windows.count() == 2


def test_an_unknown_form_is_a_bad_request(as_coach):
    assert as_coach.post(PAGE, {"form": "other"}).status_code == 400


def test_removing_a_window(as_coach, coach):
    window = coach.windows.get(starts_at=time(9))

    response = as_coach.post(reverse("coaching:window_delete", args=[window.pk]))

    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert not AvailabilityWindow.objects.filter(pk=window.pk).exists()


def test_another_coachs_window_is_not_found(as_coach):
    other = make_coach().windows.first()

    response = as_coach.post(reverse("coaching:window_delete", args=[other.pk]))

    assert response.status_code == 404
    assert AvailabilityWindow.objects.filter(pk=other.pk).exists()


def test_removing_takes_a_post(as_coach, coach):
    window = coach.windows.first()

    assert as_coach.get(reverse("coaching:window_delete", args=[window.pk])).status_code == 405


# --- exceptions -------------------------------------------------------------------------------


def test_adding_and_listing_exceptions(as_coach, coach):
    as_coach.post(PAGE, exception_post(on_date="2027-01-12", kind="off", note="Conference"))
    as_coach.post(
        PAGE, exception_post(on_date="2027-01-16", kind="extra", starts="10:00", ends="12:00")
    )

    page = text(as_coach.get(PAGE))

    assert list(coach.exceptions.values_list("on_date", "available")) == [
        (date(2027, 1, 12), False),
        (date(2027, 1, 16), True),
    ]
    assert "Tue, Jan 12, 2027" in page
    assert "Whole day off" in page
    assert "Conference" in page
    assert "Extra 10:00 AM – 12:00 PM" in page
    # Tuesday is off: the first bookable slots move to... nowhere this week but Saturday.
    assert "Saturday, January 16" in page


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (exception_post(on_date="2027-01-09"), "id_exception-on_date", "today or a later date"),
        (exception_post(on_date="2028-02-01"), "id_exception-on_date", "within a year"),
        (exception_post(on_date="2027-02-30"), "id_exception-on_date", "Enter a valid date."),
        (
            exception_post(kind="unavailable"),
            "id_exception-starts_at",
            "Give the span's start and end.",
        ),
        (
            exception_post(kind="extra", starts="10:00", ends="09:00"),
            "id_exception-ends_at",
            "The span must end after it starts",
        ),
        (exception_post(kind="holiday"), "id_exception-kind", "Select a valid choice."),
    ],
)
def test_bad_exceptions_are_shown_beside_the_field(as_coach, coach, posted, field, message):
    response = as_coach.post(PAGE, posted)

    assert response.status_code == 200
    assert message in field_error(response, field)
    assert not coach.exceptions.exists()


def test_removing_an_exception(as_coach, coach):
    exception = AvailabilityException.objects.create(coach=coach, on_date=date(2027, 1, 12))

    response = as_coach.post(reverse("coaching:exception_delete", args=[exception.pk]))

    assert response.status_code == 302
    assert not coach.exceptions.exists()


def test_another_coachs_exception_is_not_found(as_coach):
    other = AvailabilityException.objects.create(coach=make_coach(), on_date=date(2027, 1, 12))

    response = as_coach.post(reverse("coaching:exception_delete", args=[other.pk]))

    assert response.status_code == 404


# --- staff and other coaches ------------------------------------------------------------------


def test_staff_keep_a_coachs_week_through_the_coach_parameter(client, staff, coach):
    page = f"{PAGE}?coach={coach.public_id}"

    shown = client.get(page)
    added = client.post(page, window_post(weekday="4", starts="08:00", ends="10:00"))

    assert shown.status_code == 200
    assert "Availability of Morgan Reyes" in text(shown)
    assert added.status_code == 302
    assert added["Location"] == page
    assert coach.windows.filter(weekday=4).exists()


def test_staff_without_a_profile_choose_a_coach(client, staff, coach):
    response = client.get(PAGE)

    assert response.status_code == 200
    assert "Whose availability?" in text(response)
    assert f'<option value="{coach.public_id}">Morgan Reyes</option>' in text(response)


@pytest.mark.parametrize("named", ["other", "not-a-uuid"])
def test_a_coach_naming_another_coach_is_not_found(as_coach, named):
    other = make_coach()
    value = other.public_id if named == "other" else named

    assert as_coach.get(f"{PAGE}?coach={value}").status_code == 404


def test_a_coach_naming_themself_sees_their_own_page(as_coach, coach):
    response = as_coach.get(f"{PAGE}?coach={coach.public_id}")

    assert response.status_code == 200
    assert "Your availability" in text(response)


# --- the calendar link ------------------------------------------------------------------------


def test_creating_then_replacing_the_calendar_link(as_coach, coach, settings):
    settings.SITE_URL = "https://socialrx.example.org"
    assert "Create my calendar link" in text(as_coach.get(PAGE))

    first = as_coach.post(reverse("coaching:feed_reset"))
    coach.refresh_from_db()
    token = coach.feed_token
    page = text(as_coach.get(PAGE))
    as_coach.post(reverse("coaching:feed_reset"))
    coach.refresh_from_db()

    assert first.status_code == 302
    assert first["Location"] == f"{PAGE}#feed"
    assert len(token) == 43
    assert f'value="https://socialrx.example.org/coaching/feeds/{token}.ics"' in page
    assert f'href="webcal://socialrx.example.org/coaching/feeds/{token}.ics"' in page
    assert "Google Calendar" in page
    assert coach.feed_token != token


def test_staff_replace_a_coachs_calendar_link(client, staff, coach):
    response = client.post(reverse("coaching:feed_reset"), {"coach": str(coach.public_id)})

    coach.refresh_from_db()
    assert response["Location"] == f"{PAGE}?coach={coach.public_id}#feed"
    assert len(coach.feed_token) == 43


# --- queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 10])
def test_the_page_takes_the_same_queries_however_full_the_week(
    as_coach, coach, extra, django_assert_num_queries
):
    for hour in range(extra):
        AvailabilityWindow.objects.create(
            coach=coach, weekday=3 + hour % 3, starts_at=time(hour), ends_at=time(hour, 30)
        )
        AvailabilityException.objects.create(coach=coach, on_date=date(2027, 2, 1 + hour))

    # Session, user and MFA check (3); the profile, the week, the exceptions, the preview's
    # windows, exceptions and commitments (6); the menus' organization roles (1).
    with django_assert_num_queries(10):
        response = as_coach.get(PAGE)

    assert response.status_code == 200
