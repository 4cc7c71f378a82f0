"""Staff run cohorts: create and edit (capacity rules), the days on the center's clock, trainers
booked through schedules (a double booking refuses everything), publish, and cancel (every
booking voided or refunded through billing, everyone told)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.billing.models import Refund
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from socialrx.schedules.services import Slot, commit
from socialrx.training.models import BootCamp, BootCampDay, WaitlistEntry
from socialrx.training.services.boot_camp_registration import book
from socialrx.training.services.boot_camps import (
    DaySpec,
    cancel_boot_camp,
    create_boot_camp,
    publish,
    save_days,
    update_boot_camp,
)
from socialrx.training.services.waitlist import join_waitlist
from tests.factories import CoachFactory, UserFactory
from tests.training.boot_camp_support import check_out, pay_by_check
from tests.training.factories import make_boot_camp

pytestmark = pytest.mark.integration
CHICAGO = ZoneInfo("America/Chicago")


def _data(**changes) -> dict:
    now = timezone.now()
    data = {
        "title": "Crisis communication boot camp",
        "slug": "crisis-communication",
        "summary": "Two days of drills.",
        "description": "**Bring** a laptop.",
        "level": "intermediate",
        "location": "SocialRx Center, Springfield",
        "capacity": 12,
        "price_cents": 150_000,
        "registration_deadline": now + timedelta(days=20),
        "cancellation_deadline": now + timedelta(days=10),
        "ce_hours": Decimal("12.0"),
        "topics": [],
        "platforms": [],
        "trainers": [],
    }
    return {**data, **changes}


def _days_from_now(number: int) -> date:
    return (timezone.now() + timedelta(days=number)).astimezone(CHICAGO).date()


def test_staff_create_a_draft_and_nobody_else_may(db, staff, user):
    camp = create_boot_camp(actor=staff, data=_data())
    assert (camp.status, camp.capacity, camp.price_cents) == ("draft", 12, 150_000)
    assert AuditEvent.objects.filter(action="training.boot_camp.created").count() == 1
    with pytest.raises(PermissionDenied):
        create_boot_camp(actor=user, data=_data(slug="other"))


@pytest.mark.parametrize("capacity", [0, -3])
def test_zero_or_negative_capacity_is_refused(db, staff, capacity):
    with pytest.raises(DomainError, match="Capacity must be at least 1 seat"):
        create_boot_camp(actor=staff, data=_data(capacity=capacity))
    assert BootCamp.objects.count() == 0


def test_capacity_cannot_go_below_the_seats_taken(db, staff):
    camp = make_boot_camp(capacity=5)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        book(person, camp, [person])
    data = _data(
        slug=camp.slug,
        capacity=2,
        registration_deadline=camp.registration_deadline,
        cancellation_deadline=camp.cancellation_deadline,
    )
    with pytest.raises(DomainError, match="3 seats are taken: the capacity cannot be lower than 3"):
        update_boot_camp(actor=staff, boot_camp=camp, data=data)
    camp.refresh_from_db()
    assert camp.capacity == 5


def test_trainers_must_be_coaches_or_staff(db, staff):
    with pytest.raises(DomainError, match="is not a coach or center staff"):
        create_boot_camp(actor=staff, data=_data(trainers=[UserFactory()]))


def test_days_are_entered_on_the_center_clock_and_book_the_trainers(db, staff):
    coach = CoachFactory(full_name="Casey Coach")
    camp = create_boot_camp(actor=staff, data=_data(trainers=[coach]))
    first = _days_from_now(30)

    save_days(
        actor=staff,
        boot_camp=camp,
        days=[
            DaySpec(first, time(9), time(17), "Room 210", "Strategy"),
            DaySpec(first + timedelta(days=1), time(9), time(16), "Room 210", "Crisis drills"),
        ],
    )

    days = list(camp.days.order_by("starts_at"))
    assert [d.starts_at for d in days] == [
        datetime.combine(first, time(9), tzinfo=CHICAGO),
        datetime.combine(first + timedelta(days=1), time(9), tzinfo=CHICAGO),
    ]
    commitments = Commitment.objects.filter(person=coach).order_by("starts_at")
    assert [(c.starts_at, c.ends_at) for c in commitments] == [
        (d.starts_at, d.ends_at) for d in days
    ]
    assert {c.source_kind for c in commitments} == {"training.boot_camp"}


def test_a_trainer_double_booked_refuses_the_change_and_saves_nothing(db, staff):
    coach = CoachFactory(full_name="Casey Coach")
    first = _days_from_now(30)
    other = make_boot_camp(title="Other camp", days=0, trainers=[coach])
    save_days(actor=staff, boot_camp=other, days=[DaySpec(first, time(8), time(12))])
    camp = create_boot_camp(actor=staff, data=_data(trainers=[coach]))

    with pytest.raises(DomainError, match="Casey Coach is already booked at that time: Boot camp"):
        save_days(actor=staff, boot_camp=camp, days=[DaySpec(first, time(11), time(17))])

    assert camp.days.count() == 0
    assert Commitment.objects.filter(person=coach).count() == 1
    # Adding the trainer to a camp whose days clash is refused the same way.
    second = make_boot_camp(title="Second camp", days=0)
    save_days(actor=staff, boot_camp=second, days=[DaySpec(first, time(10), time(11))])
    data = _data(slug=second.slug, title=second.title, trainers=[coach])
    with pytest.raises(DomainError, match="Casey Coach is already booked"):
        update_boot_camp(actor=staff, boot_camp=second, data=data)
    assert list(second.trainers.all()) == []


def test_a_trainer_busy_on_site_is_double_booked_too(db, staff):
    coach = CoachFactory(full_name="Casey Coach")
    first = _days_from_now(30)
    import uuid

    commit(
        coach,
        [
            Slot(
                datetime.combine(first, time(13), tzinfo=CHICAGO),
                datetime.combine(first, time(15), tzinfo=CHICAGO),
            )
        ],
        source_kind="training.onsite",
        source_public_id=uuid.uuid4(),
        label="On-site: Lakeside Family Physicians",
    )
    camp = create_boot_camp(actor=staff, data=_data(trainers=[coach]))
    with pytest.raises(DomainError, match="On-site: Lakeside Family Physicians"):
        save_days(actor=staff, boot_camp=camp, days=[DaySpec(first, time(9), time(17))])


def test_bad_days_are_refused(db, staff):
    camp = create_boot_camp(actor=staff, data=_data())
    first = _days_from_now(30)
    with pytest.raises(DomainError, match="the day must end after it starts"):
        save_days(actor=staff, boot_camp=camp, days=[DaySpec(first, time(17), time(9))])
    with pytest.raises(DomainError, match="overlaps another day"):
        save_days(
            actor=staff,
            boot_camp=camp,
            days=[DaySpec(first, time(9), time(17)), DaySpec(first, time(16), time(18))],
        )
    with pytest.raises(DomainError, match="registration deadline must be no later than"):
        save_days(actor=staff, boot_camp=camp, days=[DaySpec(_days_from_now(5), time(9), time(17))])
    with pytest.raises(DomainError, match="reload the page"):
        save_days(actor=staff, boot_camp=camp, days=[DaySpec(first, time(9), time(17), id=987654)])
    assert BootCampDay.objects.filter(boot_camp=camp).count() == 0


def test_publish_needs_a_day(db, staff):
    camp = create_boot_camp(actor=staff, data=_data())
    with pytest.raises(DomainError, match="Add at least one day"):
        publish(actor=staff, boot_camp=camp)
    save_days(actor=staff, boot_camp=camp, days=[DaySpec(_days_from_now(30), time(9), time(17))])
    publish(actor=staff, boot_camp=camp)
    camp.refresh_from_db()
    assert camp.status == "published"
    with pytest.raises(DomainError, match="already open for registration"):
        publish(actor=staff, boot_camp=camp)


def test_cancelling_voids_refunds_withdraws_and_emails(
    db, staff, mailoutbox, django_capture_on_commit_callbacks
):
    coach = CoachFactory()
    camp = make_boot_camp(capacity=2, trainers=[coach], days=0)
    save_days(actor=staff, boot_camp=camp, days=[DaySpec(_days_from_now(30), time(9), time(17))])
    payer, debtor, waiting = UserFactory(), UserFactory(), UserFactory()
    paid = book(payer, camp, [payer])
    pay_by_check(staff, check_out(payer, paid))
    unpaid = book(debtor, camp, [debtor])
    open_invoice = check_out(debtor, unpaid)
    join_waitlist(waiting, camp)

    with django_capture_on_commit_callbacks(execute=True):
        seats = cancel_boot_camp(actor=staff, boot_camp=camp, reason="The trainer is unwell.")

    assert seats == 2
    open_invoice.refresh_from_db()
    assert open_invoice.status == "void"
    assert Refund.objects.get().amount_cents == 120_000
    assert WaitlistEntry.objects.get().status == "withdrawn"
    assert Commitment.objects.filter(person=coach).count() == 0
    cancelled = {tuple(m.to) for m in mailoutbox if m.subject.startswith("Cancelled:")}
    assert cancelled == {(payer.email,), (debtor.email,)}
    with pytest.raises(DomainError, match="Say why"):
        cancel_boot_camp(actor=staff, boot_camp=make_boot_camp(title="x"), reason=" ")
