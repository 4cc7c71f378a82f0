"""The dashboard's registry panels: the listings a person's organizations claimed (or the
person, by a verified claim) and their claims under review; for staff, what waits for review."""

import pytest

from socialrx.registry.models import ImportJob
from tests.factories import org_with_admin
from tests.registry.factories import AccountFactory, ClaimFactory, CorrectionFactory, EntityFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/dashboard/"


def panel(response, template="registry/panels/listings.html"):
    shown = [s for s in response.context["panels"] if s["panel"].template == template]
    return shown[0]["context"] if shown else None


def test_an_org_admin_sees_the_listings_the_organization_claimed_with_their_accounts(client):
    organization, admin = org_with_admin()
    mayo = EntityFactory(name="SAINT MARYS HOSPITAL", organization=organization)
    AccountFactory(entity=mayo, address="@saintmarys")
    AccountFactory(entity=mayo, platform="youtube", address="youtube.com/@saintmarys")
    EntityFactory(name="SOMEONE ELSES HOSPITAL")
    client.force_login(admin)

    response = client.get(URL)
    listings = panel(response)["listings"]

    assert [
        (row["entity"], row["entity"].accounts_count, row["may_manage"]) for row in listings
    ] == [(mayo, 2, True)]
    assert b"Saint Marys Hospital" in response.content
    assert b"2 social media accounts listed" in response.content


def test_a_member_sees_the_listing_but_not_the_link_to_edit_it(client, org_a):
    organization, _, member = org_a
    entity = EntityFactory(organization=organization)
    client.force_login(member)

    response = client.get(URL)

    assert panel(response)["listings"] == [{"entity": entity, "may_manage": False}]
    assert b"Keep its accounts up to date" not in response.content


def test_a_verified_claimant_sees_the_listing_and_pending_claims_are_listed(client, user):
    verified = ClaimFactory(claimant=user, status="verified").entity
    pending = ClaimFactory(claimant=user).entity
    client.force_login(user)

    context = panel(client.get(URL))

    assert [row["entity"] for row in context["listings"]] == [verified]
    assert [claim.entity for claim in context["pending_claims"]] == [pending]


def test_an_admin_without_a_listing_is_invited_to_find_one(client):
    client.force_login(org_with_admin()[1])

    response = client.get(URL)

    assert panel(response) == {"listings": [], "pending_claims": []}
    assert b"Find your listing" in response.content


def test_a_member_with_nothing_in_the_registry_has_no_panel(client, org_a, user):
    client.force_login(org_a[2])
    assert panel(client.get(URL)) is None

    client.force_login(user)
    assert panel(client.get(URL)) is None


def test_staff_see_claims_corrections_and_imports_waiting(client, staff):
    ClaimFactory()
    ClaimFactory(status="verified")
    CorrectionFactory()
    CorrectionFactory()
    for status in ("ready", "ready", "importing", "done"):
        ImportJob.objects.create(
            kind="hospitals", status=status, original_name="x.csv", size_bytes=1, file="x.csv"
        )
    client.force_login(staff)

    response = client.get(URL)

    assert panel(response, "registry/panels/staff_queue.html") == {
        "claims": 1,
        "corrections": 2,
        "imports_ready": 2,
        "imports_running": 1,
    }
    assert b"Claims to verify" in response.content
