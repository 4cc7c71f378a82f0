"""The staff's on-site pipeline and request page: proposing (the trainers' time refused by the
database when taken), re-proposing, marking delivered with certificates."""

import uuid
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from socialrx.schedules.models import Commitment
from socialrx.schedules.services import Slot, commit
from socialrx.training.models import Certificate, OnsiteRequest, OnsiteStep
from tests.factories import org_with_admin
from tests.training import onsite_factories as make

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture(autouse=True)
def _february_2031():
    with make.frozen():
        yield


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def proposal(trainer, **changes) -> dict:
    return {
        "date": "2031-03-04",
        "starts_at": "09:00",
        "ends_at": "15:00",
        "trainers": [str(trainer.public_id)],
        "quote": "4,500.00",
        "note": "Lunch is on us.",
        **changes,
    }


# --- the pipeline -----------------------------------------------------------------------------


def test_the_pipeline_lists_requests_by_status_oldest_first(staff_client, org_a, org_b, staff):
    first = make.requested(*org_a[:2])
    with make.frozen(datetime(2031, 2, 6, 15, 0, tzinfo=UTC)):
        make.requested(*org_b)
        make.proposed(org_a[0], org_a[1], staff)
        response = staff_client.get(reverse("training:staff_onsite"))

    text = response.content.decode()
    assert response.status_code == 200
    assert [r.public_id for r in response.context["requests"]][0] == first.public_id
    assert [r.organization.name for r in response.context["requests"]] == [
        "Riverside Regional Medical Center",
        "Lakeside Family Physicians",
    ]
    assert "3 days" in text and "Today" in text
    assert "Crisis response" in text
    assert "Mar 4, Mar 11, Mar 18, 2031" in text
    assert [(t["key"], t["count"]) for t in response.context["tabs"]] == [
        ("requested", 2),
        ("proposed", 1),
        ("accepted", 0),
        ("delivered", 0),
        ("closed", 0),
    ]


def test_the_pipeline_filters_by_status_and_ignores_an_unknown_one(staff_client, org_a, staff):
    make.proposed(org_a[0], org_a[1], staff)

    proposed = staff_client.get(reverse("training:staff_onsite") + "?status=proposed")
    unknown = staff_client.get(reverse("training:staff_onsite") + "?status=%27;drop")

    assert [r.status for r in proposed.context["requests"]] == ["proposed"]
    assert (unknown.status_code, unknown.context["tab"]) == (200, "requested")


@pytest.mark.parametrize("count", [1, 3])
def test_the_pipeline_takes_the_same_queries_for_one_or_three(
    staff_client, count, django_assert_num_queries
):
    for number in range(count):
        organization, admin = org_with_admin(name=f"Clinic {number}")
        make.requested(organization, admin)

    # session, user, the menus' seats, the counts, the requests, their topics
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("training:staff_onsite"))

    assert len(response.context["requests"]) == count


def test_the_back_office_is_staff_only(client, org_a, coach):
    onsite = make.requested(*org_a[:2])
    for person in (org_a[1], coach):
        client.force_login(person)
        assert client.get(reverse("training:staff_onsite")).status_code == 403
        assert (
            client.get(reverse("training:staff_onsite_detail", args=[onsite.public_id])).status_code
            == 403
        )


# --- proposing --------------------------------------------------------------------------------


def test_staff_propose_from_the_request_page(staff_client, org_a):
    onsite = make.requested(*org_a[:2])
    dana = make.trainer()
    page = staff_client.get(reverse("training:staff_onsite_detail", args=[onsite.public_id]))
    assert b"Propose" in page.content and b"Dana Whitfield" in page.content

    response = staff_client.post(
        reverse("training:staff_onsite_propose", args=[onsite.public_id]), proposal(dana)
    )

    assert response.status_code == 302
    onsite.refresh_from_db()
    assert (onsite.status, onsite.starts_at, onsite.ends_at, onsite.quote_cents) == (
        "proposed",
        datetime(2031, 3, 4, 15, 0, tzinfo=UTC),
        datetime(2031, 3, 4, 21, 0, tzinfo=UTC),
        450_000,
    )
    page = staff_client.get(reverse("training:staff_onsite_detail", args=[onsite.public_id]))
    assert b"Revise the proposal" in page.content
    assert page.context["propose_form"].initial["quote"] == 450_000


def test_a_double_booked_trainer_is_refused_with_the_clash_named(staff_client, org_a):
    onsite = make.requested(*org_a[:2])
    dana = make.trainer()
    commit(
        dana,
        [Slot(datetime(2031, 3, 4, 18, 0, tzinfo=UTC), datetime(2031, 3, 4, 23, 0, tzinfo=UTC))],
        source_kind="training.boot_camp_day",
        source_public_id=uuid.UUID("55555555-5555-4555-8555-555555555555"),
        label="Boot camp: Video for hospitals, day 1",
    )

    response = staff_client.post(
        reverse("training:staff_onsite_propose", args=[onsite.public_id]), proposal(dana)
    )

    assert response.status_code == 409
    assert (
        "Dana Whitfield is already booked at that time: Boot camp: Video for hospitals, day 1 "
        "(Mar 4, 2031 12:00 PM CST)."
    ) in response.content.decode()
    assert OnsiteRequest.objects.get().status == "requested"
    assert Commitment.objects.filter(source_kind="training.onsite").count() == 0
    assert OnsiteStep.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2031-01-20"}, "Propose a date and time in the future."),
        ({"ends_at": "08:00"}, "The end time must be after the start time."),
        ({"quote": "0"}, "The quote must be more than $0.00."),
        ({"quote": "-450"}, "no negative amounts"),
        ({"quote": "lots"}, "Enter an amount in dollars"),
        ({"trainers": []}, "Choose at least one trainer."),
        ({"trainers": [str(uuid.uuid4())]}, "Select a valid choice."),
        ({"trainers": ["not-a-uuid"]}, "is not a valid UUID."),
        ({"date": "2031-02-30"}, "Enter a valid date."),
        ({"starts_at": "25:00"}, "Enter a valid time."),
    ],
)
def test_a_bad_proposal_is_400_beside_its_field(staff_client, org_a, changes, message):
    onsite = make.requested(*org_a[:2])

    response = staff_client.post(
        reverse("training:staff_onsite_propose", args=[onsite.public_id]),
        proposal(make.trainer(), **changes),
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert OnsiteRequest.objects.get().status == "requested"
    assert Commitment.objects.count() == 0


def test_proposing_on_a_delivered_request_is_409(staff_client, org_a, staff):
    onsite = make.accepted(org_a[0], org_a[1], staff)
    OnsiteRequest.objects.filter(pk=onsite.pk).update(status="delivered", attendees_count=5)

    response = staff_client.post(
        reverse("training:staff_onsite_propose", args=[onsite.public_id]),
        proposal(make.trainer("Sam Ortiz")),
    )

    assert response.status_code == 409
    assert b"This request is delivered: it cannot be proposed now." in response.content


def test_the_actions_are_post_only_and_unknown_requests_404(staff_client, org_a):
    onsite = make.requested(*org_a[:2])
    for name in ("training:staff_onsite_propose", "training:staff_onsite_deliver"):
        assert staff_client.get(reverse(name, args=[onsite.public_id])).status_code == 405
    assert (
        staff_client.get(reverse("training:staff_onsite_detail", args=[uuid.uuid4()])).status_code
        == 404
    )


# --- delivery ---------------------------------------------------------------------------------


def test_marking_delivered_before_the_session_is_refused(staff_client, org_a, staff):
    onsite = make.accepted(org_a[0], org_a[1], staff)
    page = staff_client.get(reverse("training:staff_onsite_detail", args=[onsite.public_id]))
    assert b"Mark the session delivered once it has taken place." in page.content

    response = staff_client.post(
        reverse("training:staff_onsite_deliver", args=[onsite.public_id]),
        {"attendees_count": "20"},
    )

    assert response.status_code == 409
    assert b"The session is on Mar 4, 2031" in response.content
    assert OnsiteRequest.objects.get().status == "accepted"


def test_marking_delivered_with_certificates(staff_client, org_a, staff):
    organization, admin, member = org_a
    onsite = make.accepted(organization, admin, staff)

    with make.frozen(make.AFTER_SESSION):
        staff_client.force_login(staff)  # a month later: the first session has expired
        page = staff_client.get(reverse("training:staff_onsite_detail", args=[onsite.public_id]))
        response = staff_client.post(
            reverse("training:staff_onsite_deliver", args=[onsite.public_id]),
            {
                "attendees_count": "18",
                "trainer_notes": "Ask for a follow-up on crisis drills.",
                "certify": [str(member.public_id)],
            },
        )

    assert b"Mark delivered" in page.content
    assert response.status_code == 302
    assert OnsiteRequest.objects.get().status == "delivered"
    assert list(Certificate.objects.values_list("person_id", "kind")) == [(member.pk, "onsite")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"attendees_count": "0"}, "greater than or equal to 1"),
        ({"attendees_count": "many"}, "Enter a whole number."),
        ({"attendees_count": "5", "certify": ["not-a-uuid"]}, "is not a valid UUID."),
    ],
)
def test_bad_delivery_records_are_400(staff_client, org_a, staff, data, message):
    onsite = make.accepted(org_a[0], org_a[1], staff)

    with make.frozen(make.AFTER_SESSION):
        staff_client.force_login(staff)  # a month later: the first session has expired
        response = staff_client.post(
            reverse("training:staff_onsite_deliver", args=[onsite.public_id]), data
        )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert OnsiteRequest.objects.get().status == "accepted"


def test_a_certificate_for_someone_outside_the_organization_is_refused(
    staff_client, org_a, org_b, staff
):
    onsite = make.accepted(org_a[0], org_a[1], staff)

    with make.frozen(make.AFTER_SESSION):
        staff_client.force_login(staff)  # a month later: the first session has expired
        response = staff_client.post(
            reverse("training:staff_onsite_deliver", args=[onsite.public_id]),
            {"attendees_count": "5", "certify": [str(org_b[1].public_id)]},
        )

    assert response.status_code == 400
    assert Certificate.objects.count() == 0
