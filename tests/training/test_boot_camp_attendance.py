"""Attendance per day and completing a boot camp: certificates of attendance for the hours of
the days attended, continuing-education hours only for those present every day."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.training.models import Attendance, Certificate
from socialrx.training.services.attendance import complete_boot_camp, record_attendance
from socialrx.training.services.boot_camp_registration import book
from tests.factories import CoachFactory, UserFactory
from tests.training.boot_camp_support import check_out, pay_by_check
from tests.training.factories import make_boot_camp

pytestmark = pytest.mark.integration


@pytest.fixture
def cohort(db, staff):
    """A two-day camp (9:00–17:00: 8 hours a day) with three confirmed attendees and one who
    never paid."""
    camp = make_boot_camp(capacity=5)
    people = [UserFactory(full_name=name) for name in ("Ana Every", "Ben Once", "Cal Never")]
    for person in people:
        pay_by_check(staff, check_out(person, book(person, camp, [person])))
    pending = UserFactory(full_name="Dee Pending")
    book(pending, camp, [pending])
    camp.people = people
    return camp


def _registration(camp, person):
    return camp.registrations.get(person=person)


def test_attendance_saves_the_whole_sheet_and_can_be_corrected(cohort, staff):
    ana, ben, cal = cohort.people
    day1, day2 = cohort.days.order_by("starts_at")
    ids = {p: _registration(cohort, p).pk for p in cohort.people}
    with time_machine.travel(day1.starts_at + timedelta(hours=1)):
        summary = record_attendance(actor=staff, day=day1, present_ids={ids[ana], ids[ben]})
        assert (summary["present"], summary["absent"]) == (2, 1)
        record_attendance(actor=staff, day=day1, present_ids={ids[ana], ids[ben], ids[cal]})
        record_attendance(actor=staff, day=day1, present_ids={ids[ana], ids[ben]})
    assert Attendance.objects.filter(day=day1, present=True).count() == 2
    assert Attendance.objects.filter(day=day1).count() == 3
    with time_machine.travel(day1.starts_at + timedelta(hours=1)):
        with pytest.raises(DomainError, match="can be taken from that day on"):
            record_attendance(actor=staff, day=day2, present_ids={ids[ana]})
        with pytest.raises(DomainError, match="reload the page"):
            record_attendance(actor=staff, day=day1, present_ids={999999})


def test_only_staff_and_the_boot_camps_trainers_keep_the_roster(cohort):
    day1 = cohort.days.order_by("starts_at").first()
    trainer, other_coach = CoachFactory(), CoachFactory()
    cohort.trainers.add(trainer)
    with time_machine.travel(day1.starts_at + timedelta(hours=1)):
        record_attendance(actor=trainer, day=day1, present_ids=set())
        with pytest.raises(PermissionDenied):
            record_attendance(actor=other_coach, day=day1, present_ids=set())


def test_completing_issues_certificates_by_the_rule(cohort, staff):
    ana, ben, cal = cohort.people
    day1, day2 = cohort.days.order_by("starts_at")
    ids = {p: _registration(cohort, p).pk for p in cohort.people}
    with time_machine.travel(day1.starts_at + timedelta(hours=1)):
        with pytest.raises(DomainError, match="complete it after its last day"):
            complete_boot_camp(actor=staff, boot_camp=cohort)
        record_attendance(actor=staff, day=day1, present_ids={ids[ana], ids[ben]})
    with time_machine.travel(day2.starts_at + timedelta(hours=1)):
        record_attendance(actor=staff, day=day2, present_ids={ids[ana]})
    with time_machine.travel(day2.ends_at + timedelta(hours=1)):
        assert complete_boot_camp(actor=staff, boot_camp=cohort) == 2
        with pytest.raises(DomainError, match="completed"):
            complete_boot_camp(actor=staff, boot_camp=cohort)
        with pytest.raises(DomainError, match="attendance is final"):
            record_attendance(actor=staff, day=day2, present_ids=set())

    certificates = {
        c.person_id: (c.kind, c.hours, c.ce_hours, c.title) for c in Certificate.objects.all()
    }
    title = "Social media boot camp for hospital communicators"
    assert certificates == {
        ana.pk: ("boot_camp", Decimal("16.0"), Decimal("12.0"), title),
        ben.pk: ("boot_camp", Decimal("8.0"), Decimal("0.0"), title),
    }
    cohort.refresh_from_db()
    assert cohort.status == "completed"
