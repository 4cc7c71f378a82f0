"""The toolkit's home: the four tools for a champion facing leadership, legal and IT, with the
article's concerns quoted, each leading to its tool; for a signed-in person, where their
organizations stand (one query however many)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import SeatFactory, UserFactory, org_with_admin
from tests.toolkit.factories import make_assessment, make_brief

pytestmark = pytest.mark.django_db

HOME = "/toolkit/"


def test_a_visitor_reads_the_concerns_and_finds_each_tool(client):
    response = client.get(HOME)

    assert response.status_code == 200
    page = response.content.decode()
    for quote in (
        "get shot down by their hospitals' legal or information technology departments",
        "believe they don't have the staff to handle the duties of social media",
        "it's not all risk with no benefit",
    ):
        assert quote in page.replace("&#x27;", "'"), quote
    for name in ("toolkit:assessment", "toolkit:policies", "toolkit:check", "toolkit:briefs"):
        assert f'href="{reverse(name)}"' in page, name
    assert "Where your organizations stand" not in page
    # The tools a visitor must sign in for say so on their buttons, and come back after.
    login = reverse("account_login")
    assert f'href="{login}?next={reverse("toolkit:policies")}">Sign in to build your policy' in page
    assert f'href="{login}?next={reverse("toolkit:briefs")}">Sign in to read your briefs' in page
    assert ">Build your policy</a>" not in page


def test_a_signed_in_person_goes_straight_to_each_tool(client):
    client.force_login(UserFactory())
    page = client.get(HOME).content.decode()
    assert f'href="{reverse("toolkit:policies")}">Build your policy</a>' in page
    assert f'href="{reverse("toolkit:briefs")}">Executive briefs</a>' in page
    assert "Sign in to" not in page


def test_a_signed_in_person_sees_where_their_organizations_stand(client):
    riverside, admin = org_with_admin(name="Riverside Regional Medical Center")
    assessment = make_assessment(riverside, taken_by=admin)
    brief = make_brief(riverside)
    client.force_login(admin)

    page = client.get(HOME).content.decode()

    assert "Where your organizations stand" in page
    assert "Developing (58 of 100)" in page
    assert reverse("toolkit:assessment_result", args=[assessment.public_id]) in page
    assert reverse("toolkit:brief", args=[brief.public_id]) in page


@pytest.mark.parametrize("organizations", [1, 3])
def test_the_home_takes_the_same_queries_however_many_organizations(
    organizations, client, django_assert_num_queries
):
    person = UserFactory()
    for number in range(organizations):
        organization, _ = org_with_admin(name=f"Hospital {number}")
        SeatFactory(organization=organization, user=person)
        make_brief(organization)
    client.force_login(person)
    # The session, the person, their seats, their organizations' rows, their member
    # organizations (the menu).
    with django_assert_num_queries(5):
        assert client.get(HOME).status_code == 200
