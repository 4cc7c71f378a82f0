"""The organization's on-site training pages: the list, a new request, a request with its
proposal, answers and timeline. Bad input is a clear message or a 4xx, never a 500."""

import uuid
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from socialrx.billing.models import Invoice
from socialrx.organizations.models import Seat
from socialrx.taxonomy.models import Topic
from socialrx.training.models import OnsiteRequest
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


def signed_in(client, person):
    client.force_login(person)
    return client


def new_request_data(organization, **changes) -> dict:
    crisis = Topic.objects.get(slug="crisis-response")
    return {
        "organization": str(organization.public_id),
        "topics": [str(crisis.pk)],
        "audience": "Nurse managers",
        "expected_attendees": "30",
        "preferred_date_1": "2031-03-04",
        "preferred_date_2": "2031-03-11",
        "preferred_date_3": "2031-03-18",
        "address": "1200 Second Street SW\nRochester, MN 55902",
        "needs": "",
        **changes,
    }


# --- the list ---------------------------------------------------------------------------------


def test_someone_administering_no_organization_is_told_how_to_get_one(client, user):
    response = signed_in(client, user).get(reverse("training:onsite_list"))

    assert response.status_code == 200
    assert b"On-site training is requested by an organization" in response.content
    assert b'href="/organizations/start/"' in response.content


def test_the_list_shows_each_request_with_its_status_and_next_step(client, org_a, staff):
    organization, admin, _ = org_a
    make.requested(organization, admin)
    make.proposed(organization, admin, staff)

    response = signed_in(client, admin).get(reverse("training:onsite_list"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Waiting for the center&#x27;s proposal" in text
    assert "Answer the proposal" in text
    assert "Preferred: Mar 4, Mar 11, Mar 18, 2031" in text
    assert "Proposal sent" in text


def test_the_list_shows_no_other_organizations_requests(client, org_a, org_b):
    make.requested(*org_a[:2])

    response = signed_in(client, org_b[1]).get(reverse("training:onsite_list"))

    assert b"No requests yet" in response.content
    assert b"Riverside" not in response.content


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_takes_the_same_queries_for_one_or_three_requests(
    client, org_a, count, django_assert_num_queries
):
    organization, admin, _ = org_a
    for _ in range(count):
        make.requested(organization, admin)
    signed_in(client, admin)

    # session, user, organizations, requests, their topics; the menus' seats and membership
    with django_assert_num_queries(7):
        response = client.get(reverse("training:onsite_list"))

    assert response.status_code == 200


# --- a new request ----------------------------------------------------------------------------


def test_the_form_preselects_the_organization_and_prefills_its_address(client, org_a):
    organization, admin, _ = org_a
    other, _ = org_with_admin(name="Lakeside Clinic", street_address="5 Lake Road")
    Seat.objects.create(organization=other, user=admin, role="admin")

    response = signed_in(client, admin).get(
        reverse("training:onsite_new") + f"?organization={other.public_id}"
    )

    assert response.status_code == 200
    assert response.context["form"].initial["address"] == "5 Lake Road\nRochester, MN"
    assert response.context["chosen"] == other


def test_a_malformed_organization_in_the_address_is_ignored(client, org_a):
    response = signed_in(client, org_a[1]).get(reverse("training:onsite_new") + "?organization=x")

    assert response.status_code == 200


def test_an_admin_sends_a_request(client, org_a):
    organization, admin, _ = org_a

    response = signed_in(client, admin).post(
        reverse("training:onsite_new"), new_request_data(organization)
    )

    onsite = OnsiteRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("training:onsite_detail", args=[onsite.public_id])
    assert (onsite.organization, onsite.expected_attendees) == (organization, 30)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"preferred_date_2": "2030-12-01"}, "Choose a date in the future."),
        ({"preferred_date_3": "2031-03-04"}, "The three preferred dates must be different days."),
        ({"preferred_date_1": "2033-01-01"}, "Choose a date within 18 months"),
        ({"preferred_date_1": "not a date"}, "Enter a valid date."),
        ({"topics": []}, "Choose at least one topic."),
        ({"topics": ["99999"]}, "Select a valid choice."),
        ({"expected_attendees": "0"}, "greater than or equal to 1"),
        ({"expected_attendees": "-4"}, "greater than or equal to 1"),
        ({"expected_attendees": "lots"}, "Enter a whole number."),
        ({"address": ""}, "This field is required."),
    ],
)
def test_bad_requests_are_answered_400_beside_the_field(client, org_a, changes, message):
    organization, admin, _ = org_a

    response = signed_in(client, admin).post(
        reverse("training:onsite_new"), new_request_data(organization, **changes)
    )

    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert OnsiteRequest.objects.count() == 0


def test_an_admin_cannot_request_for_someone_elses_organization(client, org_a, org_b):
    response = signed_in(client, org_b[1]).post(
        reverse("training:onsite_new"), new_request_data(org_a[0])
    )

    assert response.status_code == 400
    assert OnsiteRequest.objects.count() == 0


def test_someone_without_an_organization_cannot_post_a_request(client, org_a):
    organization, _, member = org_a

    response = signed_in(client, member).post(
        reverse("training:onsite_new"), new_request_data(organization)
    )

    assert response.status_code == 403
    assert OnsiteRequest.objects.count() == 0


# --- one request ------------------------------------------------------------------------------


def test_the_admin_sees_the_proposal_in_the_centers_zone_and_the_timeline(client, org_a, staff):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    response = signed_in(client, admin).get(
        reverse("training:onsite_detail", args=[onsite.public_id])
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Tuesday, March 4, 2031" in text
    assert "9:00 AM – 3:00 PM CST" in text
    assert "Dana Whitfield" in text
    assert "$4,500.00" in text
    assert reverse("training:onsite_accept", args=[onsite.public_id]) in text
    assert reverse("training:onsite_decline", args=[onsite.public_id]) in text
    assert text.count('class="onsite-step ') == 2
    assert "Revised proposal sent" not in text


def test_staff_see_the_request_without_the_answer_buttons(client, org_a, staff):
    onsite = make.proposed(org_a[0], org_a[1], staff)

    response = signed_in(client, staff).get(
        reverse("training:onsite_detail", args=[onsite.public_id])
    )

    assert response.status_code == 200
    assert reverse("training:onsite_accept", args=[onsite.public_id]) not in (
        response.content.decode()
    )


@pytest.mark.parametrize("who", ["member", "other admin"])
def test_others_get_404(client, org_a, org_b, staff, who):
    onsite = make.requested(*org_a[:2])
    person = org_a[2] if who == "member" else org_b[1]

    response = signed_in(client, person).get(
        reverse("training:onsite_detail", args=[onsite.public_id])
    )

    assert response.status_code == 404


def test_an_unknown_request_is_404(client, org_a):
    response = signed_in(client, org_a[1]).get(
        reverse("training:onsite_detail", args=[uuid.uuid4()])
    )

    assert response.status_code == 404


def test_accepting_invoices_and_redirects(client, org_a, staff):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    response = signed_in(client, admin).post(
        reverse("training:onsite_accept", args=[onsite.public_id]), follow=True
    )

    assert response.status_code == 200
    assert b"Accepted. Invoice INV-2031-00001 is on its way" in response.content
    assert OnsiteRequest.objects.get().status == "accepted"


def test_accepting_something_not_proposed_is_409_with_a_message(client, org_a):
    onsite = make.requested(*org_a[:2])

    response = signed_in(client, org_a[1]).post(
        reverse("training:onsite_accept", args=[onsite.public_id])
    )

    assert response.status_code == 409
    assert b"This request is requested: it cannot be accepted now." in response.content
    assert Invoice.objects.count() == 0


def test_staff_cannot_accept_for_the_organization(client, org_a, staff):
    onsite = make.proposed(org_a[0], org_a[1], staff)

    response = signed_in(client, staff).post(
        reverse("training:onsite_accept", args=[onsite.public_id])
    )

    assert response.status_code == 403
    assert Invoice.objects.count() == 0


def test_declining_without_a_reason_is_400_beside_the_field(client, org_a, staff):
    onsite = make.proposed(org_a[0], org_a[1], staff)

    response = signed_in(client, org_a[1]).post(
        reverse("training:onsite_decline", args=[onsite.public_id]), {"reason": " "}
    )

    assert response.status_code == 400
    assert b"Give the center a reason for declining." in response.content
    assert OnsiteRequest.objects.get().status == "proposed"


def test_declining_twice_is_409(client, org_a, staff):
    onsite = make.proposed(org_a[0], org_a[1], staff)
    signed_in(client, org_a[1])
    url = reverse("training:onsite_decline", args=[onsite.public_id])

    first = client.post(url, {"reason": "Too expensive."})
    second = client.post(url, {"reason": "Really too expensive."})

    assert (first.status_code, second.status_code) == (302, 409)
    assert b"This request is declined: it cannot be declined now." in second.content
    assert OnsiteRequest.objects.get().decline_reason == "Too expensive."


def test_withdrawing_a_request(client, org_a):
    onsite = make.requested(*org_a[:2])

    response = signed_in(client, org_a[1]).post(
        reverse("training:onsite_withdraw", args=[onsite.public_id]), {"reason": ""}
    )

    assert response.status_code == 302
    assert OnsiteRequest.objects.get().status == "withdrawn"


def test_the_answers_are_post_only(client, org_a, staff):
    onsite = make.proposed(org_a[0], org_a[1], staff)
    signed_in(client, org_a[1])
    for name in ("training:onsite_accept", "training:onsite_decline", "training:onsite_withdraw"):
        assert client.get(reverse(name, args=[onsite.public_id])).status_code == 405


def test_a_proposal_made_for_a_past_moment_is_not_accepted(client, org_a, staff):
    onsite = make.proposed(org_a[0], org_a[1], staff)

    with make.frozen(datetime(2031, 3, 4, 16, 0, tzinfo=UTC)):
        response = signed_in(client, org_a[1]).post(
            reverse("training:onsite_accept", args=[onsite.public_id])
        )

    assert response.status_code == 409
    assert b"The proposed date has passed" in response.content
