"""GET /api/v1/library/resources: public resources for anyone without credentials, member (and
premium, by plan) resources for a member through the session or a personal API token; unknown
filters answered 400 with the reason; a query of symbols or of 10,000 characters answered 200
with a notice; the same queries for 5 and 30 resources."""

from __future__ import annotations

import pytest

from socialrx.accounts.services import create_api_token
from socialrx.library.models import Access
from tests.library.factories import make_resource, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/library/resources"


def _three_levels():
    make_resource(
        title="Open crisis guide",
        access=Access.PUBLIC,
        summary="Crisis basics.",
        topics=("crisis-response",),
        platforms=("facebook", "x"),
        audiences=("communications",),
        minutes=12,
        published_days_ago=3,
    )
    make_resource(title="Member checklist", access=Access.MEMBER, published_days_ago=2)
    make_resource(title="Premium template", access=Access.PREMIUM, published_days_ago=1)


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_without_credentials_only_public_resources(client):
    _three_levels()

    response = client.get(URL, {"q": "crisis"})

    body = response.json()
    assert _titles(response) == ["Open crisis guide"]
    assert {key: body[key] for key in ("count", "page", "pages", "query", "sort", "notices")} == {
        "count": 1,
        "page": 1,
        "pages": 1,
        "query": "crisis",
        "sort": "relevance",
        "notices": [],
    }
    item = body["results"][0]
    assert item["snippet_html"] == "<mark>Crisis</mark> basics."
    assert item["topics"] == [{"value": "crisis-response", "name": "Crisis response"}]
    assert item["platforms"] == [
        {"value": "facebook", "name": "Facebook"},
        {"value": "x", "name": "X (Twitter)"},
    ]
    assert item["audiences"] == [
        {"value": "communications", "name": "Communication and marketing teams"}
    ]
    assert (item["kind"], item["kind_label"], item["access"], item["minutes"]) == (
        "guide",
        "Guide",
        "public",
        12,
    )
    assert item["url"].startswith("/library/r/")


def test_a_member_s_session_adds_member_resources(client):
    _three_levels()
    _organization, _admin, member = member_org()
    client.force_login(member)

    assert _titles(client.get(URL)) == ["Member checklist", "Open crisis guide"]


def test_a_premium_member_s_token_adds_premium_resources(client):
    _three_levels()
    _organization, _admin, member = member_org(tiers=("public", "member", "premium"))
    _token, raw = create_api_token(user=member, name="Reporting script")

    response = client.get(URL, headers={"Authorization": f"Bearer {raw}"})

    assert _titles(response) == ["Premium template", "Member checklist", "Open crisis guide"]


def test_an_unknown_token_is_refused(client):
    response = client.get(URL, headers={"Authorization": "Bearer srx_not-a-real-token-0000"})

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required: a session or a bearer token."}


def test_filters_narrow_the_results(client):
    _three_levels()
    make_resource(title="Open checklist", kind="checklist", topics=("strategy",))

    response = client.get(URL, {"kind": ["checklist", "guide"], "topic": "strategy"})

    assert _titles(response) == ["Open checklist"]


def test_an_unknown_filter_value_is_a_400_with_its_reason(client):
    response = client.get(URL, {"topic": "astrology"})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Topic “astrology” is not one the library uses; it was left out.",
        "code": "unknown_value",
    }


def test_a_query_of_symbols_lists_everything_with_a_notice(client):
    _three_levels()

    response = client.get(URL, {"q": "!!! ### ???"})

    assert _titles(response) == ["Open crisis guide"]
    assert response.json()["notices"] == [
        "Type a word to search: a search of only symbols or punctuation finds nothing, "
        "so every resource is listed below."
    ]


def test_a_10000_character_query_is_cut_with_a_notice_and_a_longer_one_refused(client):
    _three_levels()

    cut = client.get(URL, {"q": "crisis " + "y" * 9993})
    refused = client.get(URL, {"q": "z" * 10_001})

    assert cut.status_code == 200
    assert cut.json()["query"] == "crisis " + "y" * 193
    assert cut.json()["notices"] == [
        "Your search was too long: only its first 200 characters were used."
    ]
    assert refused.status_code == 422


def test_a_page_past_the_last_gives_the_last(client):
    _three_levels()

    body = client.get(URL, {"page": 40}).json()

    assert (body["page"], body["pages"], body["count"]) == (1, 1, 1)


@pytest.mark.parametrize("count", [5, 30])
def test_the_same_queries_for_5_and_30_resources(count, client, django_assert_num_queries):
    for number in range(count):
        make_resource(title=f"Crisis guide {number}", topics=("crisis-response",))
    # Topics, platforms, audiences; the count; the page; its topics, platforms, audiences.
    with django_assert_num_queries(8):
        response = client.get(URL, {"q": "crisis"})

    assert len(response.json()["results"]) == min(count, 25)
