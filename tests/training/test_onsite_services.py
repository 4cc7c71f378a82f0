"""On-site training services: request, propose (trainers' time committed in the database),
decline, withdraw; every step on the timeline, audited, emailed to the other side; bad input
refused with nothing half-written."""

import uuid
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from socialrx.schedules.services import DoubleBooked, Slot, commit
from socialrx.training.models import OnsiteRequest, OnsiteStatus, OnsiteStep
from socialrx.training.services import onsite as services
from tests.factories import StaffFactory, UserFactory
from tests.training import onsite_factories as make

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _february_2031():
    with make.frozen():
        yield


def steps(onsite) -> list[tuple]:
    return list(
        OnsiteStep.objects.filter(request=onsite).values_list("event", "status", "actor__email")
    )


def actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="training.onsite.")
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- requesting -------------------------------------------------------------------------------


def test_an_admin_requests_on_site_training_and_staff_are_emailed(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    StaffFactory(email="retired@socialrx.example", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        onsite = make.requested(organization, admin)

    onsite.refresh_from_db()
    assert onsite.status == OnsiteStatus.REQUESTED
    assert sorted(onsite.topics.values_list("slug", flat=True)) == [
        "crisis-response",
        "hipaa-privacy",
    ]
    assert (onsite.preferred_date_1, onsite.preferred_date_2, onsite.preferred_date_3) == (
        date(2031, 3, 4),
        date(2031, 3, 11),
        date(2031, 3, 18),
    )
    assert onsite.requested_by == admin
    assert steps(onsite) == [("requested", "requested", admin.email)]
    assert OnsiteStep.objects.get().note == (
        "25 attendees expected: Marketing team and nurse managers"
    )
    assert actions() == ["training.onsite.requested"]
    [message] = mailoutbox
    assert message.to == [staff.email]
    assert message.subject == "On-site training at Riverside Regional Medical Center: requested"
    assert f"http://127.0.0.1:8000/staff/training/onsite/{onsite.public_id}/" in message.body
    assert "Preferred dates: Mar 4, 2031; Mar 11, 2031; Mar 18, 2031" in message.body
    assert "Specific needs: A projector and a wheelchair-accessible room." in message.body
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    assert f"/staff/training/onsite/{onsite.public_id}/" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"topics": []}, "topics", "Choose at least one topic."),
        ({"expected_attendees": 0}, "expected_attendees", "Expect between 1 and 10,000 attendees."),
        (
            {"expected_attendees": -5},
            "expected_attendees",
            "Expect between 1 and 10,000 attendees.",
        ),
        (
            {"preferred_dates": [date(2031, 2, 3), date(2031, 3, 11), date(2031, 3, 18)]},
            "preferred_date_1",
            "Choose a date in the future.",
        ),
        (
            {"preferred_dates": [date(2031, 3, 4), date(2030, 12, 1), date(2031, 3, 18)]},
            "preferred_date_2",
            "Choose a date in the future.",
        ),
        (
            {"preferred_dates": [date(2031, 3, 4), date(2031, 3, 11), date(2032, 8, 4)]},
            "preferred_date_3",
            "Choose a date within 18 months (by Aug 3, 2032).",
        ),
        (
            {"preferred_dates": [date(2031, 3, 4), date(2031, 3, 11), date(2031, 3, 4)]},
            "preferred_date_3",
            "The three preferred dates must be different days.",
        ),
        ({"address": "   "}, "address", "Enter the address."),
        ({"audience": ""}, "audience", "Enter who the audience is."),
    ],
)
def test_a_bad_request_is_refused_beside_its_field_and_nothing_is_written(
    org_a, changes, field, message
):
    organization, admin, _ = org_a

    with pytest.raises(DomainError) as refused:
        make.requested(organization, admin, **changes)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert (OnsiteRequest.objects.count(), OnsiteStep.objects.count(), actions()) == (0, 0, [])


def test_the_last_day_of_the_eighteen_months_is_allowed(org_a):
    organization, admin, _ = org_a

    onsite = make.requested(
        organization,
        admin,
        preferred_dates=[date(2031, 2, 4), date(2031, 3, 11), date(2032, 8, 3)],
    )

    assert onsite.preferred_date_3 == date(2032, 8, 3)


def test_only_an_admin_of_the_organization_may_request(org_a, org_b, staff):
    organization, _, member = org_a
    for person in (member, org_b[1], staff):
        with pytest.raises(PermissionDenied):
            make.requested(organization, person)
    assert OnsiteRequest.objects.count() == 0


# --- proposing --------------------------------------------------------------------------------


def test_staff_propose_and_the_organizations_admins_are_emailed(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, member = org_a
    onsite = make.requested(organization, admin)
    dana = make.trainer()

    with django_capture_on_commit_callbacks(execute=True):
        services.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=make.STARTS,
            ends_at=make.ENDS,
            trainers=[dana],
            quote_cents=450_000,
            note="Lunch is on us.",
        )

    onsite.refresh_from_db()
    assert (onsite.status, onsite.starts_at, onsite.ends_at, onsite.quote_cents) == (
        "proposed",
        make.STARTS,
        make.ENDS,
        450_000,
    )
    assert list(onsite.trainers.all()) == [dana]
    assert list(
        Commitment.objects.values_list("person_id", "starts_at", "ends_at", "source_kind", "label")
    ) == [
        (
            dana.pk,
            make.STARTS,
            make.ENDS,
            "training.onsite",
            "On-site training at Riverside Regional Medical Center",
        )
    ]
    assert steps(onsite)[-1] == ("proposed", "proposed", staff.email)
    assert OnsiteStep.objects.last().note == (
        "Tuesday, March 4, 2031, 9:00 AM – 3:00 PM CST; Dana Whitfield; $4,500.00. Lunch is on us."
    )
    assert actions() == ["training.onsite.requested", "training.onsite.proposed"]
    [message] = mailoutbox
    assert message.to == [admin.email]  # the admins, not the member
    assert member.email not in message.to
    assert "When: Tuesday, March 4, 2031, 9:00 AM – 3:00 PM CST" in message.body
    assert "Quote: $4,500.00" in message.body
    assert f"http://127.0.0.1:8000/training/onsite/{onsite.public_id}/" in message.body


def test_proposing_again_replaces_the_proposal_and_moves_the_trainers_time(org_a, staff):
    organization, admin, _ = org_a
    dana, sam = make.trainer(), make.trainer("Sam Ortiz")
    onsite = make.proposed(organization, admin, staff, [dana])

    services.propose_onsite(
        actor=staff,
        onsite=onsite,
        starts_at=datetime(2031, 3, 11, 14, 0, tzinfo=UTC),
        ends_at=datetime(2031, 3, 11, 18, 0, tzinfo=UTC),
        trainers=[sam],
        quote_cents=300_000,
    )

    onsite.refresh_from_db()
    assert (onsite.quote_cents, list(onsite.trainers.all())) == (300_000, [sam])
    assert list(Commitment.objects.values_list("person_id", "starts_at")) == [
        (sam.pk, datetime(2031, 3, 11, 14, 0, tzinfo=UTC))
    ]
    assert [event for event, _, _ in steps(onsite)] == ["requested", "proposed", "reproposed"]


def test_a_trainer_teaching_a_boot_camp_day_then_is_refused_and_nothing_is_saved(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    dana = make.trainer()
    onsite = make.requested(organization, admin)
    commit(
        dana,
        [Slot(datetime(2031, 3, 4, 14, 0, tzinfo=UTC), datetime(2031, 3, 4, 16, 0, tzinfo=UTC))],
        source_kind="training.boot_camp_day",
        source_public_id=uuid.UUID("44444444-4444-4444-8444-444444444444"),
        label="Boot camp: Crisis communication, day 2",
    )

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DoubleBooked) as refused:
        services.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=make.STARTS,
            ends_at=make.ENDS,
            trainers=[dana],
            quote_cents=450_000,
        )

    assert refused.value.message == (
        "Dana Whitfield is already booked at that time: Boot camp: Crisis communication, "
        "day 2 (Mar 4, 2031 8:00 AM CST)."
    )
    onsite.refresh_from_db()
    assert (onsite.status, onsite.starts_at, onsite.quote_cents) == ("requested", None, None)
    assert list(onsite.trainers.all()) == []
    assert Commitment.objects.filter(source_kind="training.onsite").count() == 0
    assert [event for event, _, _ in steps(onsite)] == ["requested"]
    assert actions() == ["training.onsite.requested"]
    assert mailoutbox == []


def test_one_trainer_cannot_be_proposed_for_two_overlapping_on_site_sessions(org_a, org_b, staff):
    dana = make.trainer()
    make.proposed(org_a[0], org_a[1], staff, [dana])
    other = make.requested(*org_b)

    with pytest.raises(DoubleBooked, match="On-site training at Riverside Regional Medical"):
        services.propose_onsite(
            actor=staff,
            onsite=other,
            starts_at=datetime(2031, 3, 4, 20, 0, tzinfo=UTC),
            ends_at=datetime(2031, 3, 4, 22, 0, tzinfo=UTC),
            trainers=[make.trainer("Sam Ortiz"), dana],
            quote_cents=100_000,
        )

    assert Commitment.objects.filter(source_public_id=other.public_id).count() == 0
    assert OnsiteRequest.objects.get(pk=other.pk).status == "requested"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at": datetime(2031, 2, 3, 14, 0, tzinfo=UTC)},
            "date",
            "Propose a date and time in the future.",
        ),
        (
            {"ends_at": datetime(2031, 3, 4, 15, 0, tzinfo=UTC)},
            "ends_at",
            "The end time must be after the start time.",
        ),
        ({"quote_cents": 0}, "quote", "The quote must be more than $0.00."),
        ({"quote_cents": -100}, "quote", "The quote must be more than $0.00."),
        ({"trainers": []}, "trainers", "Choose at least one trainer."),
    ],
)
def test_a_bad_proposal_is_refused_and_nothing_is_saved(org_a, staff, changes, field, message):
    organization, admin, _ = org_a
    onsite = make.requested(organization, admin)
    fields = {
        "starts_at": make.STARTS,
        "ends_at": make.ENDS,
        "trainers": [make.trainer()],
        "quote_cents": 450_000,
        **changes,
    }

    with pytest.raises(DomainError) as refused:
        services.propose_onsite(actor=staff, onsite=onsite, **fields)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert OnsiteRequest.objects.get().status == "requested"
    assert Commitment.objects.count() == 0


def test_someone_who_is_neither_coach_nor_staff_is_not_a_trainer(org_a, staff):
    onsite = make.requested(org_a[0], org_a[1])

    with pytest.raises(DomainError, match="is not a coach or center staff"):
        services.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=make.STARTS,
            ends_at=make.ENDS,
            trainers=[UserFactory(full_name="Pat Lee")],
            quote_cents=1,
        )

    assert Commitment.objects.count() == 0


def test_only_staff_propose(org_a, coach):
    onsite = make.requested(org_a[0], org_a[1])
    for person in (org_a[1], coach):
        with pytest.raises(PermissionDenied):
            services.propose_onsite(
                actor=person,
                onsite=onsite,
                starts_at=make.STARTS,
                ends_at=make.ENDS,
                trainers=[coach],
                quote_cents=1,
            )
