"""Adding an organization from its registry listing: find it (name, city, CCN or NPI), go on to
the organization form filled in from it, then claim the listing for the new organization in
one click; staff approve the claim as any other."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.urls import reverse

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.registry.models import Claim, EntityKind, OrganizationCategory
from socialrx.registry.selectors.onboarding import identifier_kind, organization_prefill
from socialrx.registry.services.claims import approve_claim
from socialrx.registry.services.onboarding import claim_listing_for_organization
from tests.factories import UserFactory
from tests.registry.factories import ClaimFactory, EntityFactory, PhysicianFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

FIND_URL = reverse("onboarding:find")


def cms_hospital(**fields):
    """A hospital as the CMS import leaves it: names and addresses in capitals."""
    values = {
        "name": "NORTHFIELD COMMUNITY HOSPITAL",
        "ccn": "990101",
        "street_address": "2000 NORTH AVENUE NE",
        "city": "NORTHFIELD",
        "state": "MN",
        "postal_code": "55057",
        "phone": "(507) 646-1000",
        "website": "https://www.northfieldhospital.example",
        **fields,
    }
    return EntityFactory(**values)


def start_url(entity) -> str:
    return reverse("onboarding:listing", args=[entity.kind_slug, entity.key])


def claim_url(entity, organization) -> str:
    url = reverse("onboarding:claim", args=[entity.kind_slug, entity.key])
    return f"{url}?organization={organization.public_id}"


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


# --- what a listing fills in ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_cms_hospital_fills_in_a_hospital_in_readable_case():
    hospital = cms_hospital(bed_count=120)

    assert organization_prefill(hospital) == {
        "org_type": "hospital",
        "name": "Northfield Community Hospital",
        "street_address": "2000 North Avenue NE",
        "city": "Northfield",
        "state": "MN",
        "postal_code": "55057",
        "phone": "(507) 646-1000",
        "website": "https://www.northfieldhospital.example",
        "cms_certification_number": "990101",
        "licensed_beds": "120",
    }


@pytest.mark.django_db
def test_a_generated_bed_count_is_never_offered_as_the_real_one():
    hospital = cms_hospital(bed_count=25, bed_count_is_generated=True)

    assert "licensed_beds" not in organization_prefill(hospital)


@pytest.mark.django_db
def test_a_practice_brings_its_npi_and_a_physician_becomes_an_individual():
    practice = EntityFactory(
        kind=EntityKind.ORGANIZATION,
        ccn="",
        npi="1497758544",
        name="Lakeside Family Physicians",
        category=OrganizationCategory.CLINIC,
        hospital_type="",
    )
    physician = PhysicianFactory(name="Amara Okonkwo", city="DULUTH")
    system = EntityFactory(kind=EntityKind.HEALTH_SYSTEM, ccn="", name="North Star Health")

    assert organization_prefill(practice)["org_type"] == "practice"
    assert organization_prefill(practice)["npi"] == "1497758544"
    # An individual physician's organization has no NPI of its own (organizations' rule).
    assert organization_prefill(physician) == {
        "org_type": "individual",
        "name": "Amara Okonkwo",
        "city": "Duluth",
        "state": "MN",
        "postal_code": "55902",
    }
    assert organization_prefill(system)["org_type"] == "health_system"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("240010", "CMS certification number"),
        (" 05t017 ", "CMS certification number"),
        ("1497758544", "NPI"),
        ("Mayo", ""),
        ("24001", ""),
    ],
)
def test_a_query_that_can_only_be_an_identifier_is_named(query, kind):
    assert identifier_kind(query) == kind


# --- the claim service ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_claim_waits_for_staff_who_approve_it_as_any_other(org_a, staff):
    organization, admin, _ = org_a
    hospital = cms_hospital(website="")

    claim = claim_listing_for_organization(
        actor=admin, entity=hospital, organization=organization, job_title="Director of Marketing"
    )

    assert (claim.status, claim.method, claim.organization) == (
        "pending",
        "staff_review",
        organization,
    )
    hospital.refresh_from_db()
    assert hospital.organization is None
    assert AuditEvent.objects.filter(action="registry.claim.submitted").count() == 1
    approve_claim(actor=staff, claim=claim)
    hospital.refresh_from_db()
    assert hospital.organization == organization


@pytest.mark.django_db
def test_an_address_at_the_website_domain_verifies_the_claim_at_once(org_a):
    organization, admin, _ = org_a
    EmailAddress.objects.create(user=admin, email="comms@northfieldhospital.example", verified=True)
    hospital = cms_hospital()

    claim = claim_listing_for_organization(
        actor=admin, entity=hospital, organization=organization, job_title="Communications"
    )

    assert (claim.status, claim.matched_email) == ("verified", "comms@northfieldhospital.example")
    hospital.refresh_from_db()
    assert hospital.organization == organization


@pytest.mark.django_db
@pytest.mark.parametrize("claimed_by", ["another organization", "a verified person"])
def test_a_listing_already_claimed_is_refused_with_the_way_forward(org_a, org_b, claimed_by):
    organization, admin, _ = org_a
    hospital = cms_hospital()
    if claimed_by == "another organization":
        hospital.organization = org_b[0]
        hospital.save()
    else:
        ClaimFactory(entity=hospital, status="verified", method="email_domain")

    with pytest.raises(Conflict, match="already claimed on SocialRx. Ask the admin"):
        claim_listing_for_organization(
            actor=admin, entity=hospital, organization=organization, job_title="Communications"
        )
    assert not Claim.objects.filter(claimant=admin).exists()


@pytest.mark.django_db
def test_only_an_admin_of_the_organization_may_claim_for_it(org_a):
    organization, _, member = org_a

    with pytest.raises(DomainError, match="organization you administer"):
        claim_listing_for_organization(
            actor=member, entity=cms_hospital(), organization=organization, job_title="Nurse"
        )
    assert not Claim.objects.exists()


# --- step 1: find ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in_first(client):
    response = client.get(FIND_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={FIND_URL}"


@pytest.mark.django_db
def test_the_finder_opens_empty(client, user, django_assert_num_queries):
    client.force_login(user)

    # The session, the person and their org roles (the header's menu).
    with django_assert_num_queries(3):
        response = client.get(FIND_URL)

    assert response.status_code == 200
    assert response.context["listings"] == []
    assert b"Find your hospital or practice in the registry" in response.content
    assert b'href="/organizations/new/"' in response.content  # "not listed": the empty form


@pytest.mark.django_db
@pytest.mark.parametrize("hospitals", [1, 3])
def test_finding_by_name_makes_as_many_queries_for_three_listings_as_for_one(
    client, user, django_assert_num_queries, hospitals
):
    for number in range(hospitals):
        cms_hospital(ccn=f"99020{number}", name=f"NORTHFIELD COMMUNITY HOSPITAL {number}")
    client.force_login(user)

    # The session, the person, their org roles, the registry's search as it searches (whether
    # the query names a city, the ranked ids, the listings), and which are claimed.
    with django_assert_num_queries(QUERIES_TO_FIND):
        response = client.get(FIND_URL, {"q": "northfield"})

    assert len(response.context["listings"]) == hospitals
    assert response.content.decode().count(">Start from this listing</a>") == hospitals


QUERIES_TO_FIND = 7


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["990101", "Northfield", "northfield community", "NORTHFIELD COMMUNITY HOSPITAL"]
)
def test_a_hospital_is_found_by_ccn_city_or_name(client, user, query):
    hospital = cms_hospital()
    client.force_login(user)

    response = client.get(FIND_URL, {"q": query})

    assert hospital in response.context["listings"]
    assert start_url(hospital) in response.content.decode()


@pytest.mark.django_db
def test_a_claimed_listing_is_shown_but_cannot_be_started_from(client, user, org_b):
    hospital = cms_hospital(organization=org_b[0])
    client.force_login(user)

    response = client.get(FIND_URL, {"q": "Northfield"})

    assert [listing.is_claimed for listing in response.context["listings"]] == [True]
    page = response.content.decode()
    assert "Already claimed" in page
    assert start_url(hospital) not in page


@pytest.mark.django_db
def test_an_unknown_ccn_says_so(client, user):
    client.force_login(user)

    response = client.get(FIND_URL, {"q": "999999"})

    assert response.status_code == 200
    assert response.context["nothing_found"] == (
        "No listing in the registry has the CMS certification number 999999. Check the "
        "number, search by name instead, or add your organization without a listing."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "This field is required."),
        ("Mercy\x07", "Use a single line of text: this contains the control character U+0007."),
    ],
)
def test_bad_search_input_is_refused_beside_the_field(client, user, query, message):
    client.force_login(user)

    response = client.get(FIND_URL, {"q": query})

    assert response.status_code == 400
    assert message in response.context["form"].errors["q"]


# --- step 2: on to the organization form ----------------------------------------------------


@pytest.mark.django_db
def test_starting_from_a_listing_opens_the_form_filled_in_with_the_claim_to_follow(
    client, user, django_assert_num_queries
):
    hospital = cms_hospital()
    client.force_login(user)

    # The session, the person, the listing and whether it is claimed.
    with django_assert_num_queries(4):
        response = client.get(start_url(hospital))

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("organizations:create")
    filled = {name: values[0] for name, values in parse_qs(location.query).items()}
    assert filled == {
        "org_type": "hospital",
        "name": "Northfield Community Hospital",
        "street_address": "2000 North Avenue NE",
        "city": "Northfield",
        "state": "MN",
        "postal_code": "55057",
        "phone": "(507) 646-1000",
        "website": "https://www.northfieldhospital.example",
        "cms_certification_number": "990101",
        "next": "/organizations/start/hospitals/990101/claim/",
    }


@pytest.mark.django_db
def test_an_unknown_ccn_in_the_address_is_not_found_with_a_reason(client, user):
    client.force_login(user)

    response = client.get("/organizations/start/hospitals/999999/")

    assert response.status_code == 404
    assert response.context["nothing_found"] == (
        "No hospital in the registry has the CMS certification number 999999."
    )


@pytest.mark.django_db
def test_a_claimed_listing_is_refused_with_the_way_forward(client, user, org_b):
    hospital = cms_hospital(organization=org_b[0])
    client.force_login(user)

    response = client.get(start_url(hospital))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Northfield Community Hospital is already claimed" in page
    assert "Ask that organization's admin to invite you" in page


# --- step 3: the claim ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_new_admin_is_offered_the_claim_in_one_click(client, org_a, django_assert_num_queries):
    organization, admin, _ = org_a
    admin.professional_title = "Director of Marketing"
    admin.save()
    hospital = cms_hospital()
    client.force_login(admin)

    # The session, the person, the listing, the organization they administer, their own
    # claim on the listing, whether it is claimed, and for the header's menu their org roles
    # and their organizations' memberships (a menu item for members asks).
    with django_assert_num_queries(8):
        response = client.get(claim_url(hospital, organization))

    assert response.status_code == 200
    assert response.context["form"]["job_title"].value() == "Director of Marketing"
    assert b"Claim Northfield Community Hospital for Riverside Regional Medical Center" in (
        response.content
    )

    response = client.post(
        claim_url(hospital, organization), {"job_title": "Director of Marketing"}
    )

    claim = Claim.objects.get()
    assert (claim.entity, claim.claimant, claim.organization, claim.status) == (
        hospital,
        admin,
        organization,
        "pending",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", args=[organization.public_id])
    assert messages_of(response) == [
        "Your claim on Northfield Community Hospital for Riverside Regional Medical Center was "
        "sent. Center staff will review it and email you, usually within two working days."
    ]


@pytest.mark.django_db
def test_a_claim_verified_at_once_goes_on_to_the_accounts(client, org_a):
    organization, admin, _ = org_a
    EmailAddress.objects.create(user=admin, email="comms@northfieldhospital.example", verified=True)
    hospital = cms_hospital()
    client.force_login(admin)

    response = client.post(claim_url(hospital, organization), {"job_title": "Communications"})

    assert response.status_code == 302
    assert response["Location"] == reverse("registry:accounts", args=["hospitals", "990101"])
    hospital.refresh_from_db()
    assert hospital.organization == organization


@pytest.mark.django_db
def test_a_listing_claimed_meanwhile_is_refused_and_nothing_is_sent(client, org_a, org_b):
    organization, admin, _ = org_a
    hospital = cms_hospital(organization=org_b[0])
    client.force_login(admin)

    response = client.post(claim_url(hospital, organization), {"job_title": "Communications"})

    assert response.status_code == 409
    assert b"Northfield Community Hospital is already claimed" in response.content
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_a_claim_without_a_role_is_refused_beside_the_field(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.post(claim_url(cms_hospital(), organization), {"job_title": " "})

    assert response.status_code == 400
    assert response.context["form"].errors["job_title"] == ["This field is required."]
    assert not Claim.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "outsider", "no organization named", "not an id"])
def test_only_the_organizations_admin_reaches_the_claim(client, org_a, who):
    organization, _, member = org_a
    hospital = cms_hospital()
    person = member if who == "member" else UserFactory()
    url = {
        "no organization named": reverse("onboarding:claim", args=["hospitals", "990101"]),
        "not an id": reverse("onboarding:claim", args=["hospitals", "990101"]) + "?organization=x",
    }.get(who, claim_url(hospital, organization))
    client.force_login(person)

    assert client.get(url).status_code == 404
    assert client.post(url, {"job_title": "Nurse"}).status_code == 404
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_a_claim_already_sent_is_shown_instead_of_a_second_one(client, org_a):
    organization, admin, _ = org_a
    hospital = cms_hospital()
    ClaimFactory(entity=hospital, claimant=admin, organization=organization)
    client.force_login(admin)

    response = client.get(claim_url(hospital, organization))

    assert response.status_code == 200
    assert b"Your claim is waiting for review" in response.content
    assert b"Claim the listing</button>" not in response.content
