"""Pages of one organization: create, profile, edit."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.organizations.forms import OrganizationForm
from socialrx.organizations.models import Organization
from tests.factories import OrganizationFactory, SeatFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

CREATE_URL = reverse("organizations:create")
NEW_HOSPITAL = {
    "org_type": "hospital",
    "name": "Mercy General Hospital",
    "city": "Sacramento",
    "state": "CA",
    "website": "www.mercy-example.org",
    "licensed_beds": "350",
    "cms_certification_number": " 05t017 ",
}


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def field_error_html(field: str, message: str) -> str:
    return f'<span class="field-error" id="id_{field}_error">{message}</span>'


def detail_url(organization) -> str:
    return reverse("organizations:detail", args=[organization.public_id])


def edit_url(organization) -> str:
    return reverse("organizations:edit", args=[organization.public_id])


def form_values(organization, **changes) -> dict:
    initial = OrganizationForm(instance=organization).initial
    values = {name: "" if value is None else value for name, value in initial.items()}
    return {**values, **changes}


# --- create ---------------------------------------------------------------------------------


def test_the_create_page_shows_the_form(client, user):
    client.force_login(user)

    response = client.get(CREATE_URL)

    assert response.status_code == 200
    assert response.context["creating"] is True
    assert b"Add your organization" in response.content


def test_a_visitor_is_sent_to_sign_in_before_creating(client):
    response = client.get(CREATE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={CREATE_URL}"


def test_creating_an_organization_leads_to_its_page_with_a_welcome(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, NEW_HOSPITAL)

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(organization)
    assert messages_of(response) == ["Mercy General Hospital was created. You are its admin."]
    assert (organization.cms_certification_number, organization.website) == (
        "05T017",
        "https://www.mercy-example.org",
    )
    assert list(organization.seats.values_list("user", "role")) == [(user.pk, "admin")]


def test_a_visitor_cannot_create_an_organization(client):
    response = client.post(CREATE_URL, NEW_HOSPITAL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Organization.objects.count() == 0


def test_a_duplicate_name_is_shown_beside_the_name(client, user):
    OrganizationFactory(name="Mercy General Hospital", city="Sacramento", state="CA")
    client.force_login(user)

    response = client.post(CREATE_URL, {**NEW_HOSPITAL, "name": "mercy general hospital"})

    message = (
        "An organization named “mercy general hospital” already exists in Sacramento, CA. "
        "Ask its admin to invite you."
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [message]}
    assert field_error_html("name", message) in response.content.decode()
    assert Organization.objects.count() == 1


BAD_INPUT = {
    "bad ccn": (
        {"cms_certification_number": "24-01"},
        "cms_certification_number",
        "A CMS certification number has 6 characters, for example 240010.",
    ),
    "bad npi check digit": (
        {"org_type": "practice", "cms_certification_number": "", "npi": "1234567890"},
        "npi",
        "An NPI has 10 digits and a valid check digit, for example 1234567893.",
    ),
    "ccn on a practice": (
        {"org_type": "practice"},
        "cms_certification_number",
        "Only a hospital has a CMS certification number.",
    ),
    "npi on a hospital": (
        {"npi": "1234567893"},
        "npi",
        "Only a physician practice has an organization NPI.",
    ),
    "zero beds": (
        {"licensed_beds": "0"},
        "licensed_beds",
        "Enter a whole number of 1 or more.",
    ),
    "unknown state": (
        {"state": "ZZ"},
        "state",
        "Select a valid choice. ZZ is not one of the available choices.",
    ),
    "no name": ({"name": ""}, "name", "This field is required."),
}


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_shown_beside_its_field_and_nothing_is_created(
    client, user, changes, field, message
):
    client.force_login(user)

    response = client.post(CREATE_URL, {**NEW_HOSPITAL, **changes})

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert field_error_html(field, message) in response.content.decode()
    assert Organization.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_negative_bed_count_is_refused_beside_the_field(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, {**NEW_HOSPITAL, "licensed_beds": "-5"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "licensed_beds": ["Enter a whole number of 1 or more."]
    }
    assert Organization.objects.count() == 0


# --- profile --------------------------------------------------------------------------------


def test_a_member_sees_the_profile_and_the_people(client, org_a):
    organization, admin, member = org_a
    client.force_login(member)

    response = client.get(detail_url(organization))

    assert response.status_code == 200
    assert response.context["organization"] == organization
    assert {seat.user for seat in response.context["people"]} == {admin, member}
    assert (response.context["can_edit"], response.context["can_manage"]) == (False, False)
    assert b"350" in response.content
    assert edit_url(organization).encode() not in response.content


def test_an_admin_sees_the_edit_and_invite_links_on_the_profile(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.get(detail_url(organization))

    assert (response.context["can_edit"], response.context["can_manage"]) == (True, True)
    assert edit_url(organization).encode() in response.content


def test_the_profile_makes_as_many_queries_for_five_people_as_for_one(client, org_a):
    organization, admin, member = org_a
    organization.seats.get(user=member).delete()
    client.force_login(admin)
    client.get(detail_url(organization))  # warm the per-process caches

    with CaptureQueriesContext(connection) as with_one:
        assert client.get(detail_url(organization)).status_code == 200
    SeatFactory.create_batch(4, organization=organization)
    with CaptureQueriesContext(connection) as with_five:
        response = client.get(detail_url(organization))

    assert len(response.context["people"]) == 5
    assert len(with_five) == len(with_one)


def test_someone_outside_the_organization_gets_not_found_for_its_profile(client, org_a, org_b):
    organization, _, _ = org_a
    client.force_login(org_b[1])

    response = client.get(detail_url(organization))

    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_center_staff_see_any_profile(client, org_a, staff):
    organization, _, _ = org_a
    client.force_login(staff)

    assert client.get(detail_url(organization)).status_code == 200


def test_a_malformed_organization_address_is_not_found(client, user):
    client.force_login(user)

    assert client.get("/organizations/not-a-uuid/").status_code == 404


# --- edit -----------------------------------------------------------------------------------


def test_an_admin_opens_the_edit_form_filled_in(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.get(edit_url(organization))

    assert response.status_code == 200
    assert response.context["form"].initial["name"] == "Riverside Regional Medical Center"
    assert response.context["creating"] is False


def test_an_admin_saves_the_profile_and_the_change_is_audited(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.post(
        edit_url(organization),
        form_values(organization, name="Riverside Health", licensed_beds="410"),
    )

    assert response.status_code == 302
    assert response["Location"] == detail_url(organization)
    assert messages_of(response) == ["The organization's profile was saved."]
    organization.refresh_from_db()
    assert (organization.name, organization.licensed_beds) == ("Riverside Health", 410)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == ("organizations.organization.updated", admin)
    assert event.changes == [
        ("licensed_beds", 350, 410),
        ("name", "Riverside Regional Medical Center", "Riverside Health"),
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_cannot_edit_the_profile(client, org_a, method):
    organization, _, member = org_a
    client.force_login(member)

    response = getattr(client, method)(
        edit_url(organization), form_values(organization, name="Hijacked")
    )

    assert response.status_code == 404
    organization.refresh_from_db()
    assert organization.name == "Riverside Regional Medical Center"
    assert AuditEvent.objects.count() == 0


def test_an_admin_of_another_organization_cannot_edit_the_profile(client, org_a, org_b):
    organization, _, _ = org_a
    client.force_login(org_b[1])

    response = client.post(edit_url(organization), form_values(organization, name="Hijacked"))

    assert response.status_code == 404
    assert Organization.objects.get(pk=organization.pk).name == "Riverside Regional Medical Center"


def test_center_staff_may_edit_any_profile(client, org_a, staff):
    organization, _, _ = org_a
    client.force_login(staff)

    response = client.post(edit_url(organization), form_values(organization, city="Winona"))

    assert response.status_code == 302
    assert Organization.objects.get(pk=organization.pk).city == "Winona"


def test_a_refused_edit_is_shown_beside_the_field_and_changes_nothing(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.post(
        edit_url(organization), form_values(organization, name="Renamed", npi="1234567893")
    )

    message = "Only a physician practice has an organization NPI."
    assert response.status_code == 200
    assert response.context["form"].errors == {"npi": [message]}
    assert field_error_html("npi", message) in response.content.decode()
    assert response.context["organization"].name == "Riverside Regional Medical Center"
    assert Organization.objects.get(pk=organization.pk).name == "Riverside Regional Medical Center"
    assert AuditEvent.objects.count() == 0


def test_renaming_onto_a_neighbour_is_refused_beside_the_name(client, org_a):
    organization, admin, _ = org_a
    OrganizationFactory(name="Saint Marys Hospital", city="Rochester", state="MN")
    client.force_login(admin)

    response = client.post(
        edit_url(organization), form_values(organization, name="Saint Marys Hospital")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert Organization.objects.get(pk=organization.pk).name == "Riverside Regional Medical Center"
