"""Faculty time: the database itself refuses two overlapping commitments of one person (a
trigger on SQLite, an exclusion constraint on PostgreSQL); the services turn the refusal into
a clear DoubleBooked, free time on release and swap commitments all or nothing."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from socialrx.schedules.models import Commitment
from socialrx.schedules.selectors import busy_people, commitments_of
from socialrx.schedules.services import DoubleBooked, Slot, commit, release, replace
from tests.factories import CoachFactory

pytestmark = pytest.mark.integration

BOOT_CAMP = uuid.UUID("11111111-1111-4111-8111-111111111111")
ONSITE = uuid.UUID("22222222-2222-4222-8222-222222222222")
OTHER_ONSITE = uuid.UUID("33333333-3333-4333-8333-333333333333")


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    """A moment on March <day>, 2031 (UTC); 15:00 UTC is 10:00 AM in Chicago (CDT)."""
    return datetime(2031, 3, day, hour, minute, tzinfo=UTC)


def book(person, starts, ends, *, source=BOOT_CAMP, kind="training.boot_camp_day", label=None):
    return commit(
        person,
        [Slot(starts, ends)],
        source_kind=kind,
        source_public_id=source,
        label=label or "Boot camp: Social media for hospitals, day 1",
    )


@pytest.fixture
def trainer(db):
    return CoachFactory(full_name="Dana Whitfield")


def test_the_database_refuses_an_overlapping_row_written_without_the_service(trainer):
    Commitment.objects.create(
        person=trainer,
        starts_at=at(15),
        ends_at=at(17),
        source_kind="training.boot_camp_day",
        source_public_id=BOOT_CAMP,
        label="Day 1",
    )

    with (
        pytest.raises(IntegrityError, match="schedules_commitment_no_overlap"),
        transaction.atomic(),
    ):
        Commitment.objects.create(
            person=trainer,
            starts_at=at(16),
            ends_at=at(18),
            source_kind="training.onsite",
            source_public_id=ONSITE,
            label="On-site",
        )

    assert Commitment.objects.count() == 1


def test_the_database_refuses_moving_a_row_onto_another(trainer):
    book(trainer, at(15), at(17))
    [later] = book(trainer, at(18), at(19), source=ONSITE, kind="training.onsite")

    with (
        pytest.raises(IntegrityError, match="schedules_commitment_no_overlap"),
        transaction.atomic(),
    ):
        Commitment.objects.filter(pk=later.pk).update(starts_at=at(16, 30))

    later.refresh_from_db()
    assert later.starts_at == at(18)


def test_an_overlap_is_refused_with_a_message_naming_the_clash_in_the_center_zone(trainer):
    book(trainer, at(15), at(17))

    with pytest.raises(DoubleBooked) as refused:
        book(trainer, at(16), at(20), source=ONSITE, kind="training.onsite", label="On-site")

    assert refused.value.message == (
        "Dana Whitfield is already booked at that time: Boot camp: Social media for "
        "hospitals, day 1 (Mar 10, 2031 10:00 AM CDT)."
    )
    assert (refused.value.status_code, refused.value.field) == (409, "trainers")
    assert Commitment.objects.filter(person=trainer).count() == 1


def test_a_slot_inside_another_and_one_covering_another_are_both_refused(trainer):
    book(trainer, at(15), at(17))

    with pytest.raises(DoubleBooked):
        book(trainer, at(15, 30), at(16, 30), source=ONSITE, kind="training.onsite")
    with pytest.raises(DoubleBooked):
        book(trainer, at(14), at(18), source=ONSITE, kind="training.onsite")

    assert Commitment.objects.count() == 1


def test_touching_intervals_nine_to_ten_and_ten_to_eleven_are_allowed(trainer):
    book(trainer, at(9), at(10))
    book(trainer, at(10), at(11), source=ONSITE, kind="training.onsite")
    book(trainer, at(8), at(9), source=OTHER_ONSITE, kind="training.onsite")

    assert list(Commitment.objects.filter(person=trainer).values_list("starts_at", "ends_at")) == [
        (at(8), at(9)),
        (at(9), at(10)),
        (at(10), at(11)),
    ]


def test_two_people_may_be_booked_at_the_same_time(trainer):
    other = CoachFactory()
    book(trainer, at(15), at(17))
    book(other, at(15), at(17))

    assert busy_people([trainer.pk, other.pk], starts_at=at(16), ends_at=at(16, 30)) == {
        trainer.pk,
        other.pk,
    }
    assert busy_people([trainer.pk], starts_at=at(17), ends_at=at(18)) == set()


def test_a_refused_commit_leaves_the_callers_transaction_usable(trainer):
    book(trainer, at(15), at(17))

    with transaction.atomic():
        with pytest.raises(DoubleBooked):
            book(trainer, at(16), at(18), source=ONSITE, kind="training.onsite")
        book(trainer, at(17), at(18), source=ONSITE, kind="training.onsite")

    assert Commitment.objects.filter(source_public_id=ONSITE).count() == 1


def test_release_frees_the_time_for_someone_else(trainer):
    book(trainer, at(15), at(17), source=ONSITE, kind="training.onsite")

    assert release(source_kind="training.onsite", source_public_id=ONSITE) == 1
    book(trainer, at(15), at(17), source=BOOT_CAMP)

    assert list(Commitment.objects.values_list("source_public_id", flat=True)) == [BOOT_CAMP]


def test_release_of_one_person_keeps_the_others(trainer):
    other = CoachFactory()
    replace(
        [trainer, other],
        [Slot(at(15), at(17))],
        source_kind="training.onsite",
        source_public_id=ONSITE,
        label="On-site",
    )

    assert release(source_kind="training.onsite", source_public_id=ONSITE, person=trainer) == 1

    assert list(Commitment.objects.values_list("person_id", flat=True)) == [other.pk]


def test_release_leaves_other_sources_alone(trainer):
    book(trainer, at(9), at(10), source=BOOT_CAMP)
    book(trainer, at(11), at(12), source=ONSITE, kind="training.onsite")

    release(source_kind="training.onsite", source_public_id=ONSITE)

    assert list(Commitment.objects.values_list("source_public_id", flat=True)) == [BOOT_CAMP]


def test_replace_moves_a_things_time_even_onto_its_own_old_slot(trainer):
    book(trainer, at(15), at(17), source=ONSITE, kind="training.onsite")

    replace(
        [trainer],
        [Slot(at(16), at(18))],
        source_kind="training.onsite",
        source_public_id=ONSITE,
        label="On-site, moved",
    )

    assert list(
        commitments_of(trainer, since=at(0), until=at(23)).values_list("label", "starts_at")
    ) == [("On-site, moved", at(16))]


def test_replace_is_all_or_nothing_when_one_person_is_double_booked(trainer):
    busy = CoachFactory(full_name="Sam Ortiz")
    replace(
        [trainer],
        [Slot(at(15), at(17))],
        source_kind="training.onsite",
        source_public_id=ONSITE,
        label="On-site at Riverside",
    )
    book(busy, at(19), at(20), label="Boot camp day 2")

    with pytest.raises(
        DoubleBooked, match="Sam Ortiz is already booked at that time: Boot camp day 2"
    ):
        replace(
            [trainer, busy],
            [Slot(at(19), at(21))],
            source_kind="training.onsite",
            source_public_id=ONSITE,
            label="On-site at Riverside, moved",
        )

    # The old slot is still booked, the new one for nobody.
    assert sorted(Commitment.objects.values_list("person__full_name", "label", "starts_at")) == [
        ("Dana Whitfield", "On-site at Riverside", at(15)),
        ("Sam Ortiz", "Boot camp day 2", at(19)),
    ]


def test_the_rule_is_the_databases_own(db):
    """A trigger on SQLite, an exclusion constraint on PostgreSQL: named in the schema."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT contype FROM pg_constraint "
                "WHERE conname = 'schedules_commitment_no_overlap'"
            )
            assert cursor.fetchall() == [("x",)]  # x: an exclusion constraint
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'schedules_commitment' ORDER BY name"
            )
            assert cursor.fetchall() == [
                ("schedules_commitment_no_overlap_INSERT",),
                ("schedules_commitment_no_overlap_UPDATE",),
            ]
