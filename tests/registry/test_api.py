"""The public registry API (/api/v1/registry/): search entities, one entity with its accounts
and follower history, adoption statistics. Open to anyone, paginated, limited per client
address; bad input is answered 4xx with a JSON reason, never a 500."""

from datetime import date, timedelta
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from socialrx.registry.selectors.statistics import adoption
from tests.registry.factories import (
    AccountFactory,
    EntityFactory,
    PhysicianFactory,
    SnapshotFactory,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

API = "/api/v1/registry"
NOT_FOUND = {"detail": "No such entry in the registry.", "code": "not_found"}
TOO_MANY = {"detail": "Too many requests."}


@pytest.fixture
def registry():
    """Three hospitals (two in Minnesota, one in Ohio) and a physician. Mayo has X (with two
    snapshots), Facebook and a removed YouTube account; Cleveland has Facebook."""
    mayo = EntityFactory(
        name="MAYO CLINIC HOSPITAL ROCHESTER",
        ccn="240010",
        city="ROCHESTER",
        state="MN",
        website="https://www.mayoclinic.org",
    )
    marys = EntityFactory(
        name="SAINT MARYS REGIONAL",
        ccn="240020",
        city="DULUTH",
        state="MN",
        ownership="Proprietary",
    )
    cleveland = EntityFactory(name="CLEVELAND CLINIC", ccn="360180", city="CLEVELAND", state="OH")
    doctor = PhysicianFactory(name="Jordan Whitfield", state="MN", city="ROCHESTER")
    x = AccountFactory(
        entity=mayo,
        platform="x",
        address="@MayoClinic",
        followers=2000,
        first_listed=date(2015, 1, 1),
        last_checked=date(2024, 12, 31),
    )
    SnapshotFactory(account=x, taken_on=date(2023, 12, 31), followers=1500)
    SnapshotFactory(account=x, taken_on=date(2024, 12, 31), followers=2000)
    facebook = AccountFactory(
        entity=mayo,
        platform="facebook",
        address="facebook.com/MayoClinic",
        followers=None,
        first_listed=date(2018, 6, 1),
        last_checked=None,
    )
    AccountFactory(
        entity=mayo,
        platform="youtube",
        address="youtube.com/@MayoClinic",
        first_listed=date(2016, 1, 1),
        removed_on=date(2020, 1, 1),
    )
    AccountFactory(
        entity=cleveland,
        platform="facebook",
        address="facebook.com/ClevelandClinic",
        first_listed=date(2021, 3, 1),
    )
    return {
        "mayo": mayo,
        "marys": marys,
        "cleveland": cleveland,
        "doctor": doctor,
        "x": x,
        "facebook": facebook,
    }


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


# --- search ---------------------------------------------------------------------------------


def test_a_visitor_searches_the_registry_listings_with_a_presence_first(client, registry):
    response = client.get(f"{API}/entities")

    assert response.status_code == 200
    assert response.json()["count"] == 4
    assert names(response) == [
        "CLEVELAND CLINIC",
        "MAYO CLINIC HOSPITAL ROCHESTER",
        "Jordan Whitfield",
        "SAINT MARYS REGIONAL",
    ]


def test_a_search_result_carries_the_listed_accounts_only(client, registry):
    mayo = registry["mayo"]

    response = client.get(f"{API}/entities", {"q": "Mayo Clinic"})

    [item] = response.json()["items"]
    assert {key: item[key] for key in ("public_id", "kind", "ccn", "npi", "city", "state")} == {
        "public_id": str(mayo.public_id),
        "kind": "hospital",
        "ccn": "240010",
        "npi": "",
        "city": "ROCHESTER",
        "state": "MN",
    }
    assert (item["page_url"], item["is_generated"]) == ("/registry/hospitals/240010/", False)
    assert [(a["platform"], a["handle"], a["followers"]) for a in item["accounts"]] == [
        ("facebook", "MayoClinic", None),
        ("x", "@MayoClinic", 2000),
    ]
    assert item["accounts"][1] == {
        "public_id": str(registry["x"].public_id),
        "platform": "x",
        "handle": "@MayoClinic",
        "url": "https://x.com/MayoClinic",
        "followers": 2000,
        "verified": False,
        "status": "active",
        "first_listed": "2015-01-01",
        "last_checked": "2024-12-31",
        "is_generated": False,
    }


@pytest.mark.parametrize(
    "query",
    [
        "Mayo Clinc",
        "MAYO",
        "maoy clinic",
        "mayo clinik",
    ],
)
def test_a_name_is_found_despite_a_typo_or_case(client, registry, query):
    response = client.get(f"{API}/entities", {"q": query})

    assert names(response) == ["MAYO CLINIC HOSPITAL ROCHESTER"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Rochester"}, ["Jordan Whitfield", "MAYO CLINIC HOSPITAL ROCHESTER"]),
        ({"q": "360180"}, ["CLEVELAND CLINIC"]),
        ({"q": "@mayoclinic"}, ["MAYO CLINIC HOSPITAL ROCHESTER"]),
        ({"kind": "physician"}, ["Jordan Whitfield"]),
        (
            {"kind": "hospital", "state": "mn"},
            ["MAYO CLINIC HOSPITAL ROCHESTER", "SAINT MARYS REGIONAL"],
        ),
        ({"platform": "facebook"}, ["CLEVELAND CLINIC", "MAYO CLINIC HOSPITAL ROCHESTER"]),
        ({"platform": "youtube"}, []),
        ({"presence": "none"}, ["Jordan Whitfield", "SAINT MARYS REGIONAL"]),
        ({"presence": "any", "state": "OH"}, ["CLEVELAND CLINIC"]),
        ({"ownership": "for_profit"}, ["SAINT MARYS REGIONAL"]),
        ({"specialty": "Cardiology"}, ["Jordan Whitfield"]),
        ({"hospital_type": "Acute Care Hospitals", "state": "OH"}, ["CLEVELAND CLINIC"]),
        ({"q": "nothing like it at all"}, []),
    ],
)
def test_search_filters_narrow_the_results(client, registry, params, expected):
    response = client.get(f"{API}/entities", params)

    assert response.status_code == 200
    assert sorted(names(response)) == sorted(expected)
    assert response.json()["count"] == len(expected)


def test_results_are_paged_by_limit_and_offset_with_the_full_count(client, registry):
    everything = names(client.get(f"{API}/entities"))

    page = client.get(f"{API}/entities", {"limit": 2, "offset": 1})
    beyond = client.get(f"{API}/entities", {"limit": 2, "offset": 10})

    assert page.json()["count"] == 4
    assert names(page) == everything[1:3]
    assert beyond.json() == {"items": [], "count": 4}


def test_a_page_holds_twenty_five_results_unless_asked(client):
    EntityFactory.create_batch(27)

    response = client.get(f"{API}/entities")

    assert (len(response.json()["items"]), response.json()["count"]) == (25, 27)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": "ten"},
        {"offset": -1},
        {"offset": "1e3"},
        {"offset": 10**20},
        {"kind": "dentist"},
        {"platform": "myspace"},
        {"presence": "some"},
        {"q": "mayo\x00clinic"},
        {"state": "\x00"},
        {"hospital_type": "Acute\x00"},
        {"ownership": "\x00"},
        {"specialty": "\x00"},
    ],
)
def test_bad_search_input_is_answered_422_with_the_reason(client, registry, params):
    response = client.get(f"{API}/entities", params)

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert len(body["errors"]) == 1


def test_a_long_query_is_cut_rather_than_refused(client, registry):
    response = client.get(f"{API}/entities", {"q": "Mayo " + "x" * 5000})

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_a_search_page_makes_the_same_queries_for_one_or_three_listings(client, count):
    for number in range(count):
        account = AccountFactory(address=f"@h{number}")
        AccountFactory(
            entity=account.entity, platform="facebook", address=f"fb.com/hospitalpage{number}"
        )
    client.get(f"{API}/entities")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{API}/entities")

    assert response.json()["count"] == count
    # The count, the page of entities, their listed accounts.
    assert len(queries) == 3


# --- one entity -----------------------------------------------------------------------------


def test_an_entity_comes_with_its_listed_accounts_and_their_history(client, registry):
    mayo = registry["mayo"]

    response = client.get(f"{API}/entities/{mayo.public_id}")

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("name", "ccn", "state", "website", "page_url")} == {
        "name": "MAYO CLINIC HOSPITAL ROCHESTER",
        "ccn": "240010",
        "state": "MN",
        "website": "https://www.mayoclinic.org",
        "page_url": "/registry/hospitals/240010/",
    }
    assert (body["health_system"], body["affiliated_hospital"]) == (None, None)
    accounts = {account["platform"]: account for account in body["accounts"]}
    assert sorted(accounts) == ["facebook", "x"]
    assert accounts["x"]["snapshots"] == [
        {"taken_on": "2023-12-31", "followers": 1500},
        {"taken_on": "2024-12-31", "followers": 2000},
    ]
    assert accounts["facebook"]["snapshots"] == []


def test_a_physician_names_the_hospital_they_work_at(client, registry):
    doctor = registry["doctor"]
    doctor.affiliated_hospital = registry["mayo"]
    doctor.save()

    body = client.get(f"{API}/entities/{doctor.public_id}").json()

    assert (body["kind"], body["npi"], body["specialty"]) == ("physician", doctor.npi, "Cardiology")
    assert body["affiliated_hospital"] == {
        "public_id": str(registry["mayo"].public_id),
        "name": "MAYO CLINIC HOSPITAL ROCHESTER",
        "page_url": "/registry/hospitals/240010/",
    }


def test_an_unknown_entity_is_a_404_with_a_json_reason(client, registry):
    response = client.get(f"{API}/entities/{uuid4()}")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize("public_id", ["240010", "not-a-uuid", "1" * 40])
def test_an_identifier_that_is_not_a_uuid_is_a_422(client, registry, public_id):
    response = client.get(f"{API}/entities/{public_id}")

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


@pytest.mark.parametrize("count", [1, 3])
def test_an_entity_makes_the_same_queries_for_one_or_three_accounts(client, count):
    entity = EntityFactory()
    for number in range(count):
        SnapshotFactory(account=AccountFactory(entity=entity, address=f"@h{number}"))
    client.get(f"{API}/entities/{entity.public_id}")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{API}/entities/{entity.public_id}")

    assert len(response.json()["accounts"]) == count
    # The entity (with its linked entities), its accounts, their snapshots.
    assert len(queries) == 3


# --- adoption -------------------------------------------------------------------------------


def test_adoption_answers_the_selectors_figures(client, registry):
    as_of = date(2024, 12, 31)
    expected = adoption(kind="hospital", as_of=as_of)

    response = client.get(f"{API}/adoption", {"kind": "hospital", "as_of": "2024-12-31"})

    body = response.json()
    assert response.status_code == 200
    assert (body["kind"], body["as_of"]) == ("hospital", "2024-12-31")
    # Three hospitals; Mayo (X, Facebook) and Cleveland (Facebook) have an account; Mayo's
    # YouTube account was removed in 2020.
    assert (body["total"], body["with_any_account"], body["share"]) == (3, 2, 0.6667)
    assert (body["total"], body["with_any_account"]) == (expected.total, expected.present)
    assert body["accounts_counted"] == expected.accounts_counted == 3
    assert body["by_platform"] == [
        {"platform": "facebook", "entities": 2, "share": 0.6667},
        {"platform": "x", "entities": 1, "share": 0.3333},
    ]
    assert [
        (row["group"], row["total"], row["with_any_account"]) for row in body["by_group"]["state"]
    ] == [("OH", 1, 1), ("MN", 2, 1)]
    last = expected.over_time[-1]
    assert body["over_time"][-1] == {
        "date": "2024-12-31",
        "with_any_account": last.present,
        "by_platform": last.by_platform,
    }
    assert [point["with_any_account"] for point in body["over_time"]] == [
        point.present for point in expected.over_time
    ]
    assert {platform: n for platform, n in last.by_platform.items() if n} == {
        "facebook": 2,
        "x": 1,
    }


def test_adoption_as_of_an_earlier_day_counts_what_was_listed_then(client, registry):
    body = client.get(f"{API}/adoption", {"as_of": "2019-12-31"}).json()

    assert (body["kind"], body["total"], body["with_any_account"]) == ("hospital", 3, 1)
    assert body["by_platform"] == [
        {"platform": "facebook", "entities": 1, "share": 0.3333},
        {"platform": "x", "entities": 1, "share": 0.3333},
        {"platform": "youtube", "entities": 1, "share": 0.3333},
    ]


def test_adoption_of_physicians_as_of_today_by_default(client, registry):
    body = client.get(f"{API}/adoption", {"kind": "physician"}).json()

    assert (body["kind"], body["as_of"], body["total"], body["with_any_account"]) == (
        "physician",
        timezone.localdate().isoformat(),
        1,
        0,
    )
    assert body["over_time"] == []


@pytest.mark.parametrize(
    ("as_of", "reason"),
    [
        ("tomorrow", "Value error, as_of cannot be in the future"),
        ("2003-12-31", "Value error, as_of must be in 2004 or later"),
    ],
)
def test_adoption_outside_the_registry_is_a_422_with_the_reason(client, registry, as_of, reason):
    if as_of == "tomorrow":
        as_of = (timezone.localdate() + timedelta(days=1)).isoformat()

    # A well-formed day outside the range is invalid input like any other (it was a 400).
    response = client.get(f"{API}/adoption", {"as_of": as_of})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["loc"], error["msg"]) == (["query", "as_of"], reason)


def test_adoption_from_the_first_day_of_the_registry_to_today_is_answered(client, registry):
    statuses = [
        client.get(f"{API}/adoption", {"as_of": as_of}).status_code
        for as_of in ("2004-01-01", timezone.localdate().isoformat())
    ]

    assert statuses == [200, 200]


@pytest.mark.parametrize(
    "params",
    [
        {"as_of": "yesterday"},
        {"as_of": "2024-02-30"},
        {"as_of": "2024-13-01"},
        {"as_of": "\x00"},
        {"kind": "dentist"},
        {"kind": ""},
    ],
)
def test_garbage_adoption_input_is_a_422(client, registry, params):
    response = client.get(f"{API}/adoption", params)

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


# --- open to anyone, limited per client -----------------------------------------------------


def test_every_endpoint_answers_without_authentication(client, registry):
    mayo = registry["mayo"]
    urls = [f"{API}/entities", f"{API}/entities/{mayo.public_id}", f"{API}/adoption"]

    statuses = [client.get(url).status_code for url in urls]
    with_a_bad_token = [
        client.get(url, HTTP_AUTHORIZATION="Bearer srx_not-a-token").status_code for url in urls
    ]

    assert statuses == [200, 200, 200]
    assert with_a_bad_token == [200, 200, 200]


def test_the_endpoints_are_documented_as_open_to_anyone(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    operations = [
        paths[f"{API}/entities"]["get"],
        paths[f"{API}/entities/{{public_id}}"]["get"],
        paths[f"{API}/adoption"]["get"],
    ]
    assert [operation.get("security") for operation in operations] == [None, None, None]


def test_the_fourth_request_in_a_minute_is_refused_with_a_json_reason(client, registry, settings):
    settings.REGISTRY_API_RATE = "3/m"

    statuses = [client.get(f"{API}/entities").status_code for _ in range(3)]
    refused = client.get(f"{API}/adoption")

    assert statuses == [200, 200, 200]
    assert (refused.status_code, refused.json()) == (429, TOO_MANY)


def test_the_limit_is_per_client_address(client, registry, settings):
    settings.REGISTRY_API_RATE = "3/m"
    for _ in range(3):
        client.get(f"{API}/entities", REMOTE_ADDR="203.0.113.1")

    other = client.get(f"{API}/entities", REMOTE_ADDR="203.0.113.2")
    again = client.get(f"{API}/entities", REMOTE_ADDR="203.0.113.1")

    assert (other.status_code, again.status_code) == (200, 429)


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, registry, settings):
    settings.REGISTRY_API_RATE = "3/m"

    statuses = [
        client.get(f"{API}/adoption", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_signed_in_people_are_limited_too(client, registry, settings, user):
    settings.REGISTRY_API_RATE = "3/m"
    client.force_login(user)

    statuses = [client.get(f"{API}/entities").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.REGISTRY_API_RATE = "2/m"
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    first = [
        client.get(f"{API}/adoption", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code
        for _ in range(3)
    ]
    other = client.get(f"{API}/adoption", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)

    assert (first, other.status_code) == ([200, 200, 429], 200)
