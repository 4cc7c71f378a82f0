"""Keeping a coach's week: windows and date exceptions (each refusal with the field and the
message a person reads, nothing written), who may change whose week, the audit row, and that
booked sessions stand whatever changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.coaching.models import (
    AvailabilityException,
    AvailabilityWindow,
    CoachingSession,
)
from socialrx.coaching.services import availability as services
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import CoachFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MONDAY, TUESDAY, SUNDAY = 0, 1, 6
TODAY = date(2027, 1, 10)  # a Sunday


@pytest.fixture
def coach():
    return make_coach(time_zone="America/Denver", windows=[(TUESDAY, time(9), time(12))])


def add(coach, weekday, starts, ends, actor=None):
    return services.add_window(
        actor=actor or coach.user, coach=coach, weekday=weekday, starts_at=starts, ends_at=ends
    )


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


# --- windows ----------------------------------------------------------------------------------


def test_a_coach_adds_a_window_and_it_is_audited(coach):
    window = add(coach, TUESDAY, time(13), time(17))

    assert (window.weekday, window.starts_at, window.ends_at) == (TUESDAY, time(13), time(17))
    event = AuditEvent.objects.get(action="coaching.availability.changed")
    assert event.actor == coach.user
    assert event.target_id == str(coach.pk)
    assert event.after == {"window_added": "Tuesday 1:00 PM – 5:00 PM"}


def test_an_overlapping_window_is_refused_naming_the_one_already_there(coach):
    error = refusal(lambda: add(coach, TUESDAY, time(11), time(14)))

    assert error.message == (
        "Tuesday already has 9:00 AM – 12:00 PM; windows of one day must not overlap."
    )
    assert error.field == "starts_at"
    assert AvailabilityWindow.objects.filter(coach=coach).count() == 1
    assert not AuditEvent.objects.filter(action="coaching.availability.changed").exists()


def test_a_window_inside_another_is_refused(coach):
    error = refusal(lambda: add(coach, TUESDAY, time(10), time(10, 30)))

    assert error.code == "overlap"


def test_a_touching_window_is_refused_with_the_window_to_make_instead(coach):
    error = refusal(lambda: add(coach, TUESDAY, time(12), time(14)))

    assert error.message == (
        "Tuesday already has 9:00 AM – 12:00 PM, which this window touches; make it one window "
        "(9:00 AM – 2:00 PM) instead."
    )
    assert error.code == "touching"


def test_the_same_hours_on_another_day_are_fine(coach):
    add(coach, MONDAY, time(9), time(12))

    assert AvailabilityWindow.objects.filter(coach=coach).count() == 2


@pytest.mark.parametrize(("starts", "ends"), [(time(12), time(9)), (time(9), time(9))])
def test_a_window_must_end_after_it_starts(coach, starts, ends):
    error = refusal(lambda: add(coach, MONDAY, starts, ends))

    assert error.field == "ends_at"
    assert error.message == f"The window must end after it starts ({starts:%-I:%M %p})."


@pytest.mark.parametrize("weekday", [7, -1, "someday", None])
def test_an_unknown_weekday_is_refused(coach, weekday):
    error = refusal(lambda: add(coach, weekday, time(9), time(12)))

    assert (error.field, error.message) == ("weekday", "Choose a day of the week.")


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        (time(9, 15), time(12), "starts_at"),
        (time(9), time(11, 45), "ends_at"),
        (time(9, 0, 30), time(12), "starts_at"),
        ("09:00", time(12), "starts_at"),
    ],
)
def test_times_off_the_half_hour_are_refused(coach, starts, ends, field):
    error = refusal(lambda: add(coach, MONDAY, starts, ends))

    assert error.field == field
    assert AvailabilityWindow.objects.filter(coach=coach, weekday=MONDAY).count() == 0


def test_a_day_holds_twelve_windows_at_most(coach):
    for hour in range(12):  # 0:00-0:30, 1:00-1:30, ... 11:00-11:30 on Sunday
        add(coach, SUNDAY, time(hour), time(hour, 30))

    error = refusal(lambda: add(coach, SUNDAY, time(20), time(21)))

    assert error.message == "Sunday has 12 windows already, the most a day holds."
    assert AvailabilityWindow.objects.filter(coach=coach, weekday=SUNDAY).count() == 12


def test_removing_a_window_is_audited(coach):
    window = coach.windows.get()

    services.remove_window(actor=coach.user, window=window)

    assert not AvailabilityWindow.objects.filter(pk=window.pk).exists()
    event = AuditEvent.objects.get(action="coaching.availability.changed")
    assert event.before == {"window_removed": "Tuesday 9:00 AM – 12:00 PM"}


def test_removing_a_window_twice_is_not_found(coach):
    window = coach.windows.get()
    services.remove_window(actor=coach.user, window=window)

    with pytest.raises(NotFound):
        services.remove_window(actor=coach.user, window=window)


def test_removing_a_window_keeps_the_sessions_booked_in_it(coach):
    organization, _admin, _member = member_org()
    engagement = make_engagement(organization, [coach])
    # Tuesday January 12, 10:00 MST = 17:00 UTC, inside the window.
    session = make_session(engagement, coach=coach, starts_at=datetime(2027, 1, 12, 17, tzinfo=UTC))

    services.remove_window(actor=coach.user, window=coach.windows.get())

    assert CoachingSession.objects.get(pk=session.pk).status == "booked"
    assert Commitment.objects.filter(source_public_id=session.public_id).count() == 1


# --- who may change whose week ----------------------------------------------------------------


def test_a_person_who_is_not_a_coach_may_not_change_a_week(coach):
    with pytest.raises(PermissionDenied):
        add(coach, MONDAY, time(9), time(12), actor=UserFactory())


def test_a_coach_may_not_change_another_coachs_week(coach):
    with pytest.raises(PermissionDenied):
        add(coach, MONDAY, time(9), time(12), actor=CoachFactory())
    with pytest.raises(PermissionDenied):
        services.remove_window(actor=CoachFactory(), window=coach.windows.get())


def test_a_former_coach_may_not_change_their_own_week(coach):
    coach.user.is_coach = False
    coach.user.save()

    with pytest.raises(PermissionDenied):
        add(coach, MONDAY, time(9), time(12))


def test_staff_change_any_coachs_week_and_the_audit_names_them(coach):
    staff = StaffFactory()

    add(coach, MONDAY, time(9), time(12), actor=staff)
    services.remove_window(actor=staff, window=coach.windows.get(weekday=TUESDAY))

    assert list(coach.windows.values_list("weekday", flat=True)) == [MONDAY]
    assert set(
        AuditEvent.objects.filter(action="coaching.availability.changed").values_list(
            "actor", flat=True
        )
    ) == {staff.pk}


# --- exceptions -------------------------------------------------------------------------------


def except_on(coach, on_date, kind, starts=None, ends=None, note="", actor=None):
    return services.add_exception(
        actor=actor or coach.user,
        coach=coach,
        on_date=on_date,
        kind=kind,
        starts_at=starts,
        ends_at=ends,
        note=note,
        today=TODAY,
    )


def test_the_three_kinds_of_exception(coach):
    off = except_on(coach, date(2027, 1, 12), "off", note="Conference in Denver")
    away = except_on(coach, date(2027, 1, 13), "unavailable", time(10), time(11))
    extra = except_on(coach, date(2027, 1, 16), "extra", time(10), time(12))

    assert (off.whole_day, off.available, off.note) == (True, False, "Conference in Denver")
    assert (away.starts_at, away.ends_at, away.available) == (time(10), time(11), False)
    assert (extra.starts_at, extra.ends_at, extra.available) == (time(10), time(12), True)
    assert [
        event.after["exception_added"]
        for event in AuditEvent.objects.filter(action="coaching.availability.changed").order_by(
            "pk"
        )
    ] == [
        "Jan 12, 2027: whole day off",
        "Jan 13, 2027: unavailable 10:00 AM – 11:00 AM",
        "Jan 16, 2027: extra 10:00 AM – 12:00 PM",
    ]


def test_a_day_off_ignores_times_sent_with_it(coach):
    off = except_on(coach, date(2027, 1, 12), "off", time(10), time(11))

    assert (off.starts_at, off.ends_at) == (None, None)


def test_a_past_date_is_refused_and_today_is_fine(coach):
    error = refusal(lambda: except_on(coach, date(2027, 1, 9), "off"))

    assert (error.field, error.code) == ("on_date", "past")
    assert except_on(coach, TODAY, "off").on_date == TODAY


def test_a_date_more_than_a_year_ahead_is_refused(coach):
    error = refusal(lambda: except_on(coach, date(2028, 1, 11), "off"))

    assert error.message == "Choose a date within a year (by Jan 10, 2028)."
    assert except_on(coach, date(2028, 1, 10), "off").on_date == date(2028, 1, 10)


def test_today_is_the_coachs_today_not_the_servers():
    denver = make_coach(time_zone="America/Denver")
    tokyo = make_coach(time_zone="Asia/Tokyo")

    # 03:00 UTC on January 11 is the evening of January 10 in Denver, the noon of January 11
    # in Tokyo.
    with time_machine.travel(datetime(2027, 1, 11, 3, tzinfo=UTC), tick=False):
        kept = services.add_exception(
            actor=denver.user, coach=denver, on_date=date(2027, 1, 10), kind="off"
        )
        error = refusal(
            lambda: services.add_exception(
                actor=tokyo.user, coach=tokyo, on_date=date(2027, 1, 10), kind="off"
            )
        )

    assert kept.on_date == date(2027, 1, 10)
    assert error.code == "past"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("unavailable", time(10), time(12)), ("extra", time(11), time(13))),
        (("off", None, None), ("unavailable", time(15), time(16))),
        (("extra", time(18), time(20)), ("off", None, None)),
    ],
)
def test_overlapping_exceptions_of_one_date_are_refused(coach, first, second):
    except_on(coach, date(2027, 1, 12), *first)

    error = refusal(lambda: except_on(coach, date(2027, 1, 12), *second))

    assert error.code == "overlap"
    assert error.message.startswith("This date already has an exception (Jan 12, 2027: ")
    assert AvailabilityException.objects.filter(coach=coach).count() == 1


def test_exceptions_of_one_date_that_do_not_overlap_are_fine(coach):
    except_on(coach, date(2027, 1, 12), "unavailable", time(9), time(10))
    except_on(coach, date(2027, 1, 12), "extra", time(18), time(20))
    except_on(coach, date(2027, 1, 13), "off")

    assert AvailabilityException.objects.filter(coach=coach).count() == 3


@pytest.mark.parametrize(
    ("kind", "starts", "ends", "field"),
    [
        ("unavailable", None, None, "starts_at"),
        ("extra", time(10), None, "starts_at"),
        ("extra", time(12), time(10), "ends_at"),
        ("unavailable", time(10, 10), time(11), "starts_at"),
        ("holiday", None, None, "kind"),
    ],
)
def test_a_bad_exception_is_refused_beside_its_field(coach, kind, starts, ends, field):
    error = refusal(lambda: except_on(coach, date(2027, 1, 12), kind, starts, ends))

    assert error.field == field
    assert not AvailabilityException.objects.exists()


def test_a_note_longer_than_200_characters_is_refused(coach):
    error = refusal(lambda: except_on(coach, date(2027, 1, 12), "off", note="x" * 201))

    assert error.field == "note"


def test_removing_an_exception_is_audited_and_another_coach_may_not(coach):
    exception = except_on(coach, date(2027, 1, 12), "off")

    with pytest.raises(PermissionDenied):
        services.remove_exception(actor=CoachFactory(), exception=exception)
    services.remove_exception(actor=coach.user, exception=exception)

    assert not AvailabilityException.objects.exists()
    removed = AuditEvent.objects.filter(action="coaching.availability.changed").order_by("pk")
    assert removed.last().before == {"exception_removed": "Jan 12, 2027: whole day off"}


def test_a_person_who_is_not_a_coach_may_not_add_an_exception(coach):
    with pytest.raises(PermissionDenied):
        except_on(coach, date(2027, 1, 12), "off", actor=UserFactory())
