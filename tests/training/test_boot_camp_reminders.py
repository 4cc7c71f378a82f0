"""Reminders a week and a day before day 1, once each, to confirmed attendees only; and the
periodic tasks as beat runs them."""

from datetime import timedelta

import pytest
import time_machine

from socialrx.training.models import Booking
from socialrx.training.services.boot_camp_registration import book
from socialrx.training.tasks import release_expired_bookings, send_boot_camp_reminders
from tests.factories import UserFactory
from tests.training.boot_camp_support import check_out, pay_by_check
from tests.training.factories import make_boot_camp

pytestmark = pytest.mark.integration


def _subjects(mailoutbox, person) -> list[str]:
    return [m.subject for m in mailoutbox if person.email in m.to and "Social media" in m.subject]


def test_a_week_and_a_day_before_once_each(
    db, staff, mailoutbox, django_capture_on_commit_callbacks
):
    camp = make_boot_camp(starts_in_days=20)
    confirmed, pending = UserFactory(), UserFactory()
    pay_by_check(staff, check_out(confirmed, book(confirmed, camp, [confirmed])))
    book(pending, camp, [pending])
    first = camp.days.order_by("starts_at").first().starts_at
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(first - timedelta(days=8)):
            assert send_boot_camp_reminders.delay().get() == 0
        with time_machine.travel(first - timedelta(days=6, hours=23)):
            assert send_boot_camp_reminders.delay().get() == 1
            assert send_boot_camp_reminders.delay().get() == 0
        with time_machine.travel(first - timedelta(hours=20)):
            assert send_boot_camp_reminders.delay().get() == 1
            assert send_boot_camp_reminders.delay().get() == 0

    assert _subjects(mailoutbox, confirmed) == [
        "In a week: Social media boot camp for hospital communicators",
        "Tomorrow: Social media boot camp for hospital communicators",
    ]
    assert _subjects(mailoutbox, pending) == []


def test_registered_late_gets_only_the_day_before(
    db, staff, mailoutbox, django_capture_on_commit_callbacks
):
    camp = make_boot_camp(starts_in_days=20)
    person = UserFactory()
    pay_by_check(staff, check_out(person, book(person, camp, [person])))
    first = camp.days.order_by("starts_at").first().starts_at
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(first - timedelta(hours=10)):
            assert send_boot_camp_reminders.delay().get() == 1
        with time_machine.travel(first - timedelta(hours=5)):
            assert send_boot_camp_reminders.delay().get() == 0
    assert _subjects(mailoutbox, person) == [
        "Tomorrow: Social media boot camp for hospital communicators"
    ]


def test_the_release_task_cancels_unpaid_expired_bookings(db, user):
    camp = make_boot_camp()
    booking = book(user, camp, [user])
    with time_machine.travel(booking.hold_expires_at + timedelta(minutes=1)):
        assert release_expired_bookings.delay().get() == 1
    assert Booking.objects.get().status == "cancelled"
