"""The organization form filled in by the page that sent the person there (the registry's
"find your hospital or practice"), and the page it goes on to after creating."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from socialrx.organizations.models import Organization
from socialrx.organizations.selectors import organization_finder_url, organization_start_url

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

CREATE_URL = reverse("organizations:create")
FROM_LISTING = {
    "org_type": "hospital",
    "name": "Mayo Clinic Hospital Rochester",
    "street_address": "1216 Second Street SW",
    "city": "Rochester",
    "state": "MN",
    "postal_code": "55902",
    "phone": "(507) 255-5123",
    "website": "https://www.mayoclinic.org",
    "cms_certification_number": "240010",
}
CLAIM_STEP = "/organizations/start/hospitals/240010/claim/"


def test_the_form_is_filled_in_from_the_query_string(client, user, django_assert_num_queries):
    client.force_login(user)

    # The session, the person and their org roles (the header's menu asks); the form page
    # reads nothing else.
    with django_assert_num_queries(3):
        response = client.get(f"{CREATE_URL}?{urlencode({**FROM_LISTING, 'next': CLAIM_STEP})}")

    assert response.status_code == 200
    form = response.context["form"]
    assert {name: form[name].value() for name in FROM_LISTING} == FROM_LISTING
    page = response.content.decode()
    assert 'value="(507) 255-5123"' in page
    assert "We filled this in from the listing you chose" in page
    assert f'<input type="hidden" name="next" value="{CLAIM_STEP}">' in page


def test_an_unknown_parameter_fills_in_nothing(client, user):
    client.force_login(user)

    response = client.get(f"{CREATE_URL}?is_staff=1&seats=9")

    assert response.context["prefilled"] is False
    assert "is_staff" not in response.context["form"].initial


def test_without_a_listing_the_form_offers_to_find_one(client, user):
    client.force_login(user)

    response = client.get(CREATE_URL)

    assert response.context["prefilled"] is False
    assert '<a href="/organizations/start/">Find your organization\'s listing instead</a>' in (
        response.content.decode()
    )


def test_the_finder_is_the_one_an_app_declares():
    # The registry declares it (RegistryConfig.organization_finder = "onboarding:find").
    assert organization_finder_url() == "/organizations/start/"
    assert organization_start_url() == "/organizations/start/"


def test_after_creating_it_goes_on_to_next_naming_the_new_organization(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, {**FROM_LISTING, "next": CLAIM_STEP})

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{CLAIM_STEP}?organization={organization.public_id}"
    assert organization.phone == "(507) 255-5123"
    assert organization.seats.get().user == user


def test_next_with_its_own_query_gets_the_organization_appended(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, {**FROM_LISTING, "next": "/somewhere/?step=3"})

    organization = Organization.objects.get()
    assert response["Location"] == f"/somewhere/?step=3&organization={organization.public_id}"


@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/claim/", "//evil.example/claim/", "claim/", "/\\evil.example/"],
)
def test_next_off_this_site_is_ignored(client, user, elsewhere):
    client.force_login(user)

    response = client.post(CREATE_URL, {**FROM_LISTING, "next": elsewhere})

    organization = Organization.objects.get()
    assert response["Location"] == reverse("organizations:detail", args=[organization.public_id])


def test_a_refused_creation_keeps_next_for_the_second_try(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, {**FROM_LISTING, "state": "", "next": CLAIM_STEP})

    assert response.status_code == 200
    assert Organization.objects.count() == 0
    assert f'<input type="hidden" name="next" value="{CLAIM_STEP}">' in response.content.decode()
