"""The renewal calendar on frozen clocks: leap days, missed runs, weekend grace, time zones.

Every expected date is written out by hand from the rules (a year ends the day before its
anniversary; the renewal invoice and the first reminder 60 days before the end, then 30 and
7; invoices due net 30; 30 days of grace; lapse at the first run after grace), never computed
by the code under test. The daily run is called as Celery beat calls it, without a date."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from socialrx.billing.payment_providers import PaymentEvent
from socialrx.billing.services import payments
from socialrx.core.models import AuditEvent
from socialrx.membership import selectors
from socialrx.membership.models import Membership, MembershipStatus, RenewalReminder
from socialrx.membership.services import applications, lifecycle
from tests.membership.factories import charge_of, invoice_of_kind, invoices_of_kind  # noqa: F401

from .test_rules import apply

pytestmark = pytest.mark.integration
CHICAGO = ZoneInfo("America/Chicago")  # the center's zone (settings.TIME_ZONE)
TOKYO = ZoneInfo("Asia/Tokyo")
NOTHING = {"reminders": 0, "invoices": 0, "grace": 0, "lapsed": 0}


def at(day: date, hour: int = 10, minute: int = 0):
    """Freeze the clock on `day` at `hour`:`minute` in Chicago."""
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHICAGO)
    return time_machine.travel(moment, tick=False)


def pay(invoice, staff, *, received_on: date):
    payments.record_manual_payment(
        actor=staff, invoice=invoice, amount_cents=invoice.total_cents, method="check",
        reference=f"Check for {invoice.number}", received_on=received_on,
    )  # fmt: skip


def join(org_a, staff, *, paid_on: date) -> Membership:
    """Org A (350 licensed beds: Medical Center, $18,000 a year) is approved a week before
    `paid_on` and pays its first invoice by check on `paid_on`."""
    organization, admin, _ = org_a
    with at(paid_on - timedelta(days=7)):
        _, invoice = applications.approve_application(
            actor=staff, application=apply(organization, admin)
        )
    with at(paid_on):
        pay(invoice, staff, received_on=paid_on)
    return Membership.objects.get(organization=organization)


def run_on(day: date, hour: int = 0, minute: int = 5) -> dict[str, int]:
    """The daily run as beat starts it, a few minutes after midnight in Chicago."""
    with at(day, hour, minute):
        return lifecycle.run_renewals()


def run_every_day(first: date, last: date) -> dict[date, dict[str, int]]:
    """The daily run from `first` to `last`: the days it did something, and what."""
    done = {}
    day = first
    while day <= last:
        counts = {name: count for name, count in run_on(day).items() if count}
        if counts:
            done[day] = counts
        day += timedelta(days=1)
    return done


def periods(membership) -> list[tuple[date, date]]:
    return list(membership.periods.order_by("starts_on").values_list("starts_on", "ends_on"))


def reminder_subjects(mailoutbox) -> list[str]:
    return [m.subject for m in mailoutbox if "renews in" in m.subject]


# --- a year starting on 29 February ------------------------------------------------------------


def test_a_year_paid_on_29_february_2028_ends_on_28_february_2029(plans, org_a, staff):
    membership = join(org_a, staff, paid_on=date(2028, 2, 29))

    period = membership.periods.get()
    assert (period.starts_on, period.ends_on, period.price_cents) == (
        date(2028, 2, 29),
        date(2029, 2, 28),
        1_800_000,
    )
    assert (membership.covered_from, membership.covered_until) == (
        date(2028, 2, 29),
        date(2029, 2, 28),
    )
    assert membership.grace_ends() == date(2029, 3, 30)


def test_the_daily_runs_of_a_29_february_year_invoice_remind_grace_and_lapse_on_these_days(
    plans, org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    join(org_a, staff, paid_on=date(2028, 2, 29))

    with django_capture_on_commit_callbacks(execute=True):
        calendar = run_every_day(date(2028, 12, 1), date(2029, 4, 5))

    assert calendar == {
        date(2028, 12, 30): {"invoices": 1, "reminders": 1},  # 60 days before 28 February
        date(2029, 1, 29): {"reminders": 1},
        date(2029, 2, 21): {"reminders": 1},
        date(2029, 3, 1): {"grace": 1},
        date(2029, 3, 31): {"lapsed": 1},  # the day after the 30th day of grace
    }
    assert reminder_subjects(mailoutbox) == [
        "Riverside Regional Medical Center: your SocialRx membership renews in 60 days",
        "Riverside Regional Medical Center: your SocialRx membership renews in 30 days",
        "Riverside Regional Medical Center: your SocialRx membership renews in 7 days",
    ]


def test_the_renewal_invoice_of_a_29_february_year_is_for_1_march_2029_to_28_february_2030(
    plans, org_a, staff
):
    join(org_a, staff, paid_on=date(2028, 2, 29))

    run_on(date(2028, 12, 30))

    renewal = invoice_of_kind("renewal")
    assert (renewal.number, renewal.issued_on, renewal.due_on, renewal.total_cents) == (
        "INV-2028-00002",
        date(2028, 12, 30),
        date(2029, 1, 29),
        1_800_000,
    )
    assert (charge_of(renewal).period_starts_on, charge_of(renewal).period_ends_on) == (
        date(2029, 3, 1),
        date(2030, 2, 28),
    )
    assert renewal.lines.get().description == (
        "SocialRx membership renewal, Medical Center (300–499 licensed beds), "
        "Mar 1, 2029 to Feb 28, 2030"
    )


def test_paying_the_renewal_of_a_29_february_year_continues_it_on_1_march_2029(plans, org_a, staff):
    membership = join(org_a, staff, paid_on=date(2028, 2, 29))
    run_on(date(2028, 12, 30))

    with at(date(2029, 1, 15)):
        pay(invoice_of_kind("renewal"), staff, received_on=date(2029, 1, 15))

    membership.refresh_from_db()
    assert periods(membership) == [
        (date(2028, 2, 29), date(2029, 2, 28)),
        (date(2029, 3, 1), date(2030, 2, 28)),
    ]
    assert (membership.covered_from, membership.covered_until) == (
        date(2028, 2, 29),
        date(2030, 2, 28),
    )


# --- a daily run missed for days ---------------------------------------------------------------


def test_after_nine_days_down_the_run_sends_the_late_invoice_and_one_reminder_naming_it(
    plans, org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    join(org_a, staff, paid_on=date(2027, 6, 1))  # the year ends on 31 May 2028

    with django_capture_on_commit_callbacks(execute=True):
        before = run_every_day(date(2028, 3, 20), date(2028, 3, 27))
        # The worker is down from 28 March to 5 April, over the 60-day mark (1 April).
        resumed = run_on(date(2028, 4, 6))
        again = run_on(date(2028, 4, 6), hour=15)

    assert (before, resumed, again) == ({}, {**NOTHING, "invoices": 1, "reminders": 1}, NOTHING)
    renewal = invoice_of_kind("renewal")
    assert (renewal.number, renewal.issued_on, renewal.due_on) == (
        "INV-2028-00001",
        date(2028, 4, 6),
        date(2028, 5, 6),
    )
    [reminder] = [m for m in mailoutbox if "renews in" in m.subject]
    assert reminder.subject.endswith("renews in 55 days")
    assert reminder.body.splitlines()[2] == (
        "The SocialRx membership of Riverside Regional Medical Center runs until May 31, 2028. "
        "Renewal invoice INV-2028-00001 for $18,000.00 is due on May 6, 2028."
    )


def test_after_a_month_down_the_run_sends_the_7_day_reminder_only_and_files_the_30_day_one(
    plans, org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    join(org_a, staff, paid_on=date(2027, 6, 1))
    run_on(date(2028, 4, 1))  # the renewal invoice and the 60-day reminder

    with django_capture_on_commit_callbacks(execute=True):
        # Down from 28 April to 26 May, over the 30-day (1 May) and 7-day (24 May) marks.
        resumed = run_on(date(2028, 5, 27))
        next_day = run_on(date(2028, 5, 28))

    assert (resumed, next_day) == ({**NOTHING, "reminders": 1}, NOTHING)
    assert reminder_subjects(mailoutbox) == [
        "Riverside Regional Medical Center: your SocialRx membership renews in 4 days"
    ]
    sent = RenewalReminder.objects.order_by("-days_before").values_list("days_before", "sent_at")
    assert list(sent) == [
        (60, datetime(2028, 4, 1, 5, 5, tzinfo=UTC)),  # 00:05 in Chicago (CDT, UTC-5)
        (30, datetime(2028, 5, 27, 5, 5, tzinfo=UTC)),
        (7, datetime(2028, 5, 27, 5, 5, tzinfo=UTC)),
    ]


def test_a_run_resuming_in_grace_issues_the_renewal_due_by_the_last_day_of_grace(
    plans, org_a, staff
):
    join(org_a, staff, paid_on=date(2027, 6, 1))  # grace runs 1 to 30 June 2028
    run_on(date(2028, 3, 31))

    # Down from 1 April to 4 June 2028.
    counts = run_on(date(2028, 6, 5))

    renewal = invoice_of_kind("renewal")
    assert counts == {**NOTHING, "grace": 1, "invoices": 1}
    assert (renewal.issued_on, renewal.due_on, charge_of(renewal).period_starts_on) == (
        date(2028, 6, 5),
        date(2028, 6, 30),
        date(2028, 6, 1),
    )


# --- grace ending on a weekend -----------------------------------------------------------------


def test_grace_ending_on_saturday_30_september_2028_lapses_at_the_sunday_run(plans, org_a, staff):
    join(org_a, staff, paid_on=date(2027, 9, 1))  # the year ends on Thursday 31 August 2028

    calendar = run_every_day(date(2028, 7, 2), date(2028, 10, 2))

    assert calendar == {
        date(2028, 7, 2): {"invoices": 1, "reminders": 1},
        date(2028, 8, 1): {"reminders": 1},
        date(2028, 8, 24): {"reminders": 1},
        date(2028, 9, 1): {"grace": 1},
        date(2028, 10, 1): {"lapsed": 1},
    }
    lapse = AuditEvent.objects.get(action="membership.membership.lapsed")
    assert lapse.created_at == datetime(2028, 10, 1, 5, 5, tzinfo=UTC)  # Sunday 00:05 CDT


def test_benefits_last_until_saturday_night_the_last_day_of_grace(plans, org_a, staff):
    join(org_a, staff, paid_on=date(2027, 9, 1))
    organization = org_a[0]
    run_on(date(2028, 9, 1))

    with at(date(2028, 9, 30), hour=23, minute=59):
        saturday_night = selectors.is_member(organization)
    run_on(date(2028, 10, 1), hour=0, minute=0)
    with at(date(2028, 10, 1), hour=0, minute=1):
        sunday = selectors.is_member(organization)

    assert (saturday_night, sunday) == (True, False)


def test_a_payment_recorded_on_the_last_day_of_grace_keeps_the_membership_active(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 9, 1))
    run_on(date(2028, 7, 2))
    run_on(date(2028, 9, 1))

    with at(date(2028, 9, 30), hour=17):
        pay(invoice_of_kind("renewal"), staff, received_on=date(2028, 9, 30))
    sunday = run_on(date(2028, 10, 1))

    membership.refresh_from_db()
    assert (sunday, membership.status) == (NOTHING, MembershipStatus.ACTIVE)
    assert periods(membership) == [
        (date(2027, 9, 1), date(2028, 8, 31)),
        (date(2028, 9, 1), date(2029, 8, 31)),
    ]
    assert (membership.covered_from, membership.covered_until) == (
        date(2027, 9, 1),
        date(2029, 8, 31),
    )


def test_a_check_received_on_saturday_and_recorded_on_monday_renews_without_a_break(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 9, 1))
    run_on(date(2028, 7, 2))
    run_on(date(2028, 9, 1))
    run_on(date(2028, 10, 1))  # Sunday: lapsed, nobody at the center to record the check

    with at(date(2028, 10, 2)):
        pay(invoice_of_kind("renewal"), staff, received_on=date(2028, 9, 30))

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert periods(membership) == [
        (date(2027, 9, 1), date(2028, 8, 31)),
        (date(2028, 9, 1), date(2029, 8, 31)),
    ]
    assert membership.covered_from == date(2027, 9, 1)


def test_a_check_received_after_grace_starts_a_new_year_on_the_day_it_is_recorded(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 9, 1))
    run_on(date(2028, 7, 2))
    run_on(date(2028, 10, 1))

    with at(date(2028, 10, 3)):
        pay(invoice_of_kind("renewal"), staff, received_on=date(2028, 10, 2))

    membership.refresh_from_db()
    assert periods(membership) == [
        (date(2027, 9, 1), date(2028, 8, 31)),
        (date(2028, 10, 3), date(2029, 10, 2)),
    ]
    assert (membership.status, membership.covered_from) == (
        MembershipStatus.ACTIVE,
        date(2028, 10, 3),
    )


# --- time zones: the calendar is the center's (America/Chicago) --------------------------------


def test_the_daily_run_goes_by_the_date_in_chicago_not_in_utc(plans, org_a, staff):
    join(org_a, staff, paid_on=date(2027, 9, 1))
    run_on(date(2028, 9, 1))

    with time_machine.travel(datetime(2028, 10, 1, 4, 59, tzinfo=UTC), tick=False):
        saturday_2359 = lifecycle.run_renewals()
    with time_machine.travel(datetime(2028, 10, 1, 5, 0, tzinfo=UTC), tick=False):
        sunday_0000 = lifecycle.run_renewals()

    assert (saturday_2359, sunday_0000) == (NOTHING, {**NOTHING, "lapsed": 1})


def test_a_card_payment_at_23_30_in_chicago_on_the_last_day_of_grace_renews_without_a_break(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 9, 1))
    run_on(date(2028, 7, 2))
    run_on(date(2028, 9, 1))
    renewal = invoice_of_kind("renewal")
    event = PaymentEvent(
        event_id="evt_saturday_night", event_type="checkout.session.completed",
        invoice_public_id=str(renewal.public_id), amount_cents=1_800_000, currency="USD",
        paid=True,
    )  # fmt: skip

    with time_machine.travel(datetime(2028, 10, 1, 4, 30, tzinfo=UTC), tick=False):
        outcome = payments.handle_provider_event(event, provider_name="stripe")
    sunday = run_on(date(2028, 10, 1))

    membership.refresh_from_db()
    assert (outcome, renewal.payments.get().received_on) == ("recorded", date(2028, 9, 30))
    assert (sunday, membership.status, membership.covered_until) == (
        NOTHING,
        MembershipStatus.ACTIVE,
        date(2029, 8, 31),
    )


def test_staff_set_to_tokyo_start_a_first_year_on_the_date_in_chicago(plans, org_a, staff):
    organization, admin, _ = org_a
    with at(date(2028, 2, 22)):
        _, invoice = applications.approve_application(
            actor=staff, application=apply(organization, admin)
        )

    # 20:00 on 29 February in Chicago is 11:00 on 1 March in Tokyo; the middleware activates
    # the zone the staff member chose.
    with (
        time_machine.travel(datetime(2028, 3, 1, 2, 0, tzinfo=UTC), tick=False),
        timezone.override(TOKYO),
    ):
        pay(invoice, staff, received_on=date(2028, 2, 29))

    period = Membership.objects.get(organization=organization).periods.get()
    assert (period.starts_on, period.ends_on) == (date(2028, 2, 29), date(2029, 2, 28))


def test_a_member_set_to_tokyo_keeps_benefits_until_the_last_day_of_grace_ends_in_chicago(
    plans, org_a, staff
):
    join(org_a, staff, paid_on=date(2027, 9, 1))
    run_on(date(2028, 9, 1))

    # Saturday 20:00 in Chicago, Sunday 10:00 in Tokyo.
    with (
        time_machine.travel(datetime(2028, 10, 1, 1, 0, tzinfo=UTC), tick=False),
        timezone.override(TOKYO),
    ):
        assert selectors.is_member(org_a[0]) is True
