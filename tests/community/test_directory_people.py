"""The directory's People tab and a person's page: opt-in only (an unlisted, inactive, unnamed
person, or one without a member organization never appears, not in a search, and their page is
"not found"), the search and filters with counts written out by hand, pagination by 24, the
gate (visitors sign in, non-members get the 403 page about membership), and constant queries."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from tests.community.directory_factories import make_membership, make_org, make_person
from tests.factories import SeatFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DIRECTORY = reverse("community:directory")


@pytest.fixture
def world():
    riverbend = make_org("Riverbend Hospital", state="MN", city="Rochester")
    lakeview = make_org("Lakeview Clinic", org_type="practice", state="WI", city="Madison")
    former = make_org("Former Health", member=False, state="MN")
    make_membership(former, lapsed=True)
    prairie = make_org("Prairie Health", member=False, org_type="other", state="IA")
    people = {
        "ana": make_person(
            riverbend,
            "Ana Silva",
            credentials="MPH",
            platforms=("facebook", "instagram"),
            topics=("strategy", "crisis-response"),
        ),
        "ben": make_person(
            riverbend,
            "Ben Okafor",
            role_title="Digital director",
            platforms=("x",),
            topics=("hipaa-privacy",),
        ),
        "chloe": make_person(lakeview, "Chloe Park", role_title="Practice manager"),
        "ivy": make_person(
            lakeview,
            "Ivy Moved",
            shows_organization=False,
            platforms=("linkedin",),
            topics=("recruitment",),
        ),
        "dan": make_person(riverbend, "Dan Hidden", listed=False),
        "eve": make_person(former, "Eve Former"),
        "finn": make_person(prairie, "Finn Prairie"),
        "gus": make_person(riverbend, "Gus Inactive"),
        "hana": make_person(riverbend, ""),
    }
    people["gus"].user.is_active = False
    people["gus"].user.save(update_fields=["is_active"])
    viewer = SeatFactory(organization=riverbend).user
    return {"riverbend": riverbend, "prairie": prairie, "viewer": viewer, **people}


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [profile.user.full_name for profile in response.context["page"].object_list]


def test_only_listed_people_of_member_organizations_appear(client, world):
    client.force_login(world["viewer"])

    response = client.get(DIRECTORY)

    assert _names(response) == ["Ana Silva", "Ben Okafor", "Chloe Park", "Ivy Moved"]
    html = response.content.decode()
    for hidden in ("Dan Hidden", "Eve Former", "Finn Prairie", "Gus Inactive"):
        assert hidden not in html
    assert 'Ana Silva</a><span class="directory-credentials">, MPH</span>' in html
    assert "4 people." in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"platform": "facebook"}, ["Ana Silva", "Chloe Park"]),
        ({"topic": "strategy"}, ["Ana Silva", "Chloe Park"]),
        ({"org_type": "practice"}, ["Chloe Park"]),
        ({"state": "MN"}, ["Ana Silva", "Ben Okafor"]),
        ({"platform": "facebook", "state": "MN"}, ["Ana Silva"]),
        ({"q": "riverbend"}, ["Ana Silva", "Ben Okafor"]),
        ({"q": "director"}, ["Ben Okafor"]),
        ({"q": "park"}, ["Chloe Park"]),
        ({"q": "Hidden"}, []),
        ({"q": "Prairie"}, []),
        ({"q": "%_"}, []),
    ],
)
def test_search_and_filters(client, world, query, expected):
    client.force_login(world["viewer"])

    assert _names(client.get(DIRECTORY, query)) == expected


def test_a_search_too_long_is_refused_beside_the_field_and_ignored(client, world):
    client.force_login(world["viewer"])

    response = client.get(DIRECTORY, {"q": "x" * 10_000, "state": "WI"})

    assert _names(response) == ["Chloe Park"]
    assert "Ensure this value has at most 100 characters" in response.content.decode()


def test_an_unknown_filter_value_is_ignored(client, world):
    client.force_login(world["viewer"])

    assert len(_names(client.get(DIRECTORY, {"platform": "myspace", "topic": "x"}))) == 4


def test_people_are_paginated_by_24(client, world):
    riverbend = world["riverbend"]
    for number in range(21):  # 4 listed already: 25 in all
        make_person(riverbend, f"Zed Person {number:02d}")
    client.force_login(world["viewer"])

    first = _names(client.get(DIRECTORY))
    second = _names(client.get(DIRECTORY, {"page": 2}))

    assert len(first) == 24
    assert second == ["Zed Person 20"]


def test_visitors_are_asked_to_sign_in(client, world):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={DIRECTORY}"


def test_people_without_a_membership_see_what_it_brings(client, world):
    client.force_login(world["finn"].user)

    response = client.get(DIRECTORY)

    assert response.status_code == 403
    html = response.content.decode()
    assert "The member directory is for members" in html
    assert f'href="{reverse("membership:pricing")}"' in html
    assert "Ana Silva" not in html


def test_staff_use_the_directory(client, world, staff):
    client.force_login(staff)

    assert _names(client.get(DIRECTORY)) == ["Ana Silva", "Ben Okafor", "Chloe Park", "Ivy Moved"]


# --- a person's page ------------------------------------------------------------------------


def test_a_person_page_shows_the_entry_and_a_contact_button(client, world):
    ana = world["ana"]
    ana.bio = "Ten years in hospital communications.\nAsk me about crisis plans.<script>x</script>"
    ana.save(update_fields=["bio"])
    client.force_login(world["viewer"])

    response = client.get(reverse("community:person", args=[ana.user.public_id]))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1>Ana Silva<span class="directory-credentials">, MPH</span></h1>' in html
    assert "Social media manager at Riverbend Hospital" in html
    assert (
        "<p>Ten years in hospital communications.<br>Ask me about crisis plans."
        "&lt;script&gt;x&lt;/script&gt;</p>"
    ) in html
    assert '<li class="badge badge-brand">Instagram</li>' in html
    assert '<li class="badge">Crisis response</li>' in html
    contact = reverse("community:contact_person", args=[ana.user.public_id])
    assert f'href="{contact}">Contact</a>' in html
    assert ana.user.email not in html


@pytest.mark.parametrize("who", ["dan", "eve", "finn", "gus", "hana"])
def test_people_not_in_the_directory_are_not_found(client, world, who):
    client.force_login(world["viewer"])

    response = client.get(reverse("community:person", args=[world[who].user.public_id]))

    assert response.status_code == 404


def test_an_unknown_person_is_not_found(client, world):
    client.force_login(world["viewer"])

    assert client.get(reverse("community:person", args=[uuid.uuid4()])).status_code == 404


def test_a_person_page_is_for_members(client, world):
    url = reverse("community:person", args=[world["ana"].user.public_id])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


# --- queries --------------------------------------------------------------------------------


def _grow(world, size: int) -> None:
    for number in range(size):
        organization = make_org(f"Growth Hospital {number}")
        make_person(
            organization,
            f"Growth Person {number}",
            platforms=("facebook", "x"),
            topics=("strategy", "reputation"),
        )


@pytest.mark.parametrize("size", [1, 8])
def test_the_people_tab_takes_the_same_queries_at_any_size(
    client, world, size, django_assert_num_queries
):
    _grow(world, size)
    client.force_login(world["viewer"])

    with django_assert_num_queries(10):
        response = client.get(DIRECTORY, {"platform": "facebook"})

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_a_person_page_takes_the_same_queries_at_any_size(
    client, world, size, django_assert_num_queries
):
    _grow(world, size)
    client.force_login(world["viewer"])
    url = reverse("community:person", args=[world["ana"].user.public_id])

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.status_code == 200
