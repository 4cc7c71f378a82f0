"""The registry's public pages: search, an entity's page, leaderboards and the adoption
dashboard, with their CSV downloads. Bad parameters give a message, never a 500, and each page
makes as many queries for three (or five) items as for one."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from socialrx.core import audit
from socialrx.registry.models import (
    EntityKind,
    HcahpsAverage,
    HcahpsMeasure,
    HvbpDimensionScore,
    HvbpResult,
)
from tests.registry.factories import (
    AccountFactory,
    EntityFactory,
    PhysicianFactory,
    SnapshotFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SEARCH = "/registry/"
ADOPTION = "/registry/adoption/"
LEADERBOARDS = "/registry/leaderboards/"


def rows_of(response) -> list[list[str]]:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    return list(csv.reader(io.StringIO(content)))


def field_error(response, form_field: str) -> list[str]:
    return response.context["form"].errors.get(form_field, [])


@pytest.fixture
def mayo():
    hospital = EntityFactory(
        name="MAYO CLINIC HOSPITAL ROCHESTER",
        ccn="240010",
        city="ROCHESTER",
        state="MN",
        bed_count=1200,
    )
    x = AccountFactory(
        entity=hospital,
        platform="x",
        address="@MayoClinic",
        followers=2_000_000,
        first_listed=date(2009, 3, 1),
    )
    SnapshotFactory(account=x, taken_on=date(2023, 12, 31), followers=1_900_000)
    SnapshotFactory(account=x, taken_on=date(2024, 12, 31), followers=2_000_000)
    AccountFactory(
        entity=hospital,
        platform="facebook",
        address="https://www.facebook.com/MayoClinic",
        followers=1_100_000,
        first_listed=date(2008, 6, 1),
        is_generated=True,
    )
    return hospital


# --- search -----------------------------------------------------------------------------------


def test_the_search_page_lists_every_entry_with_its_accounts(client, mayo):
    EntityFactory(name="OLMSTED MEDICAL CENTER", city="ROCHESTER")

    response = client.get(SEARCH)

    assert response.status_code == 200
    assert [e.name for e in response.context["page"].object_list] == [
        "MAYO CLINIC HOSPITAL ROCHESTER",
        "OLMSTED MEDICAL CENTER",
    ]
    assert response.context["searched"] is False
    content = response.content.decode()
    assert "All 2 listings" in content
    assert "Mayo Clinic Hospital Rochester" in content
    assert '<li class="chip chip-x">X (Twitter) <span class="chip-count">2M</span></li>' in content
    assert "No account listed" in content
    assert "(demo data)" in content


def test_follower_counts_are_shown_compactly_rounding_up_to_the_next_unit(client):
    hospital = EntityFactory()
    AccountFactory(entity=hospital, platform="x", followers=999_960)
    AccountFactory(entity=hospital, platform="youtube", followers=12_400)
    AccountFactory(entity=hospital, platform="instagram", followers=999)

    content = client.get(SEARCH).content.decode()

    assert '<li class="chip chip-x">X (Twitter) <span class="chip-count">1M</span></li>' in content
    assert 'YouTube <span class="chip-count">12.4k</span>' in content
    assert 'Instagram <span class="chip-count">999</span>' in content


def test_a_search_shows_how_many_results_it_found(client, mayo):
    response = client.get(SEARCH, {"q": "mayo clinik"})

    assert response.status_code == 200
    assert [e.name for e in response.context["page"].object_list] == [mayo.name]
    assert "1 result<" in response.content.decode()


def test_a_search_with_nothing_found_says_so(client, mayo):
    response = client.get(SEARCH, {"q": "zzzzqqqq"})

    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "form_field", "message"),
    [
        ({"platform": "myspace"}, "platform", "Select a valid choice. myspace is not one"),
        ({"kind": "nope"}, "kind", "Select a valid choice. nope is not one"),
        ({"state": "ZZ"}, "state", "Select a valid choice. ZZ is not one"),
        ({"sort": "price"}, "sort", "Select a valid choice. price is not one"),
        # A query longer than 200 characters is searched by its first 200, and the page says
        # so (test_search_ranking.py).
    ],
)
def test_a_bad_search_parameter_is_reported_beside_its_field(
    client, mayo, params, form_field, message
):
    response = client.get(SEARCH, params)

    assert response.status_code == 200
    assert field_error(response, form_field)[0][: len(message)] == message
    assert "Please correct the 1 field marked below." in response.content.decode()
    # The bad filter is dropped: the listing still shows.
    assert [e.name for e in response.context["page"].object_list] == [mayo.name]


def test_a_bad_page_number_gives_the_first_page(client, mayo):
    response = client.get(SEARCH, {"page": "abc"})

    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_a_page_past_the_end_gives_the_last_page(client):
    EntityFactory.create_batch(21)

    response = client.get(SEARCH, {"page": "99"})

    assert (response.status_code, response.context["page"].number) == (200, 2)
    assert len(response.context["page"].object_list) == 1


def test_the_search_csv_lists_the_results_with_their_generated_accounts(client, mayo):
    response = client.get(SEARCH, {"q": "mayo", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="socialrx-registry.csv"'
    header, *rows = rows_of(response)
    assert header == [
        "Registry ID",
        "Kind",
        "Name",
        "CCN",
        "NPI",
        "City",
        "State",
        "ZIP code",
        "Hospital type",
        "Ownership",
        "Specialty",
        "Accounts",
        "Generated demo accounts",
        "Generated demo entity",
        "Registry page",
    ]
    assert rows == [
        [
            str(mayo.public_id),
            "Hospital",
            "MAYO CLINIC HOSPITAL ROCHESTER",
            "240010",
            "",
            "ROCHESTER",
            "MN",
            "55902",
            "Acute Care Hospitals",
            "Voluntary non-profit - Private",
            "",
            "Facebook: https://www.facebook.com/MayoClinic; X (Twitter): https://x.com/MayoClinic",
            "1",
            "no",
            "/registry/hospitals/240010/",
        ]
    ]


def test_a_name_that_looks_like_a_formula_is_neutralised_in_the_csv(client):
    EntityFactory(name='=HYPERLINK("http://x","y")', ccn="240099")

    response = client.get(SEARCH, {"format": "csv"})

    names = [row[2] for row in rows_of(response)[1:]]
    assert names == ['\'=HYPERLINK("http://x","y")']


# --- an entity's page -------------------------------------------------------------------------


def test_a_hospitals_page_shows_its_accounts_growth_and_facts(client, mayo):
    physician = PhysicianFactory(name="Jordan Whitfield", affiliated_hospital=mayo)

    response = client.get("/registry/hospitals/240010/")

    assert response.status_code == 200
    assert response.context["entity"] == mayo
    assert [(a.platform, a.handle) for a in response.context["accounts"]] == [
        ("facebook", "MayoClinic"),
        ("x", "@MayoClinic"),
    ]
    assert [(s.label, s.points) for s in response.context["series"]] == [
        (
            "X (Twitter) @MayoClinic",
            [(date(2023, 12, 31), 1_900_000), (date(2024, 12, 31), 2_000_000)],
        )
    ]
    assert response.context["physicians"] == [physician]
    assert response.context["has_generated"] is True
    content = response.content.decode()
    assert "<h1>Mayo Clinic Hospital Rochester</h1>" in content
    assert "2 accounts listed" in content
    assert "Large (300 beds or more)" in content
    assert "Jordan Whitfield, MD" in content
    assert "Demo data." in content
    assert "Followers over time" in content


def test_the_hospital_key_is_found_in_lower_case_too(client):
    EntityFactory(ccn="05013F")

    assert client.get("/registry/hospitals/05013f/").status_code == 200


def test_a_physicians_and_an_organizations_pages_are_found_by_npi_and_public_id(client):
    physician = PhysicianFactory(name="Jordan Whitfield")
    organization = EntityFactory(
        kind=EntityKind.ORGANIZATION, ccn="", name="Lakeside Family Physicians"
    )

    physician_page = client.get(f"/registry/physicians/{physician.npi}/")
    organization_page = client.get(f"/registry/organizations/{organization.public_id}/")

    assert (physician_page.status_code, organization_page.status_code) == (200, 200)
    assert "<h1>Jordan Whitfield, MD</h1>" in physician_page.content.decode()
    assert "<h1>Lakeside Family Physicians</h1>" in organization_page.content.decode()


def test_a_health_systems_page_lists_its_hospitals(client):
    system = EntityFactory(kind=EntityKind.HEALTH_SYSTEM, ccn="", name="Essentia Health")
    EntityFactory(name="ESSENTIA HEALTH DULUTH", city="DULUTH", health_system=system)

    response = client.get(system.get_absolute_url())

    assert response.status_code == 200
    assert [h.name for h in response.context["hospitals"]] == ["ESSENTIA HEALTH DULUTH"]
    assert "Hospitals of this system" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/registry/hospitals/999999/",
        "/registry/physicians/1234567893/",
        "/registry/organizations/not-a-uuid/",
        "/registry/organizations/6f1c1c1e-3b1f-4f3e-9a53-6a2f6c7d8e9f/",
        "/registry/health-systems/240010/",
        "/registry/spaceships/240010/",
        "/registry/hospitals/%00/",  # PostgreSQL refuses a NUL byte in a query
        "/registry/physicians/123%0045678/",
    ],
)
def test_an_unknown_entry_is_not_found(client, mayo, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_followers_csv_lists_every_count_and_says_which_are_generated(client, mayo):
    response = client.get("/registry/hospitals/240010/", {"download": "followers"})

    assert response["Content-Disposition"] == 'attachment; filename="followers-240010.csv"'
    assert rows_of(response) == [
        ["Platform", "Handle", "URL", "Date", "Followers", "Generated demo data"],
        # A cell starting with @ could be read as a formula: neutralised with an apostrophe.
        ["X (Twitter)", "'@MayoClinic", "https://x.com/MayoClinic", "2023-12-31", "1900000", "no"],
        ["X (Twitter)", "'@MayoClinic", "https://x.com/MayoClinic", "2024-12-31", "2000000", "no"],
    ]


# --- patient experience -----------------------------------------------------------------------


@pytest.fixture
def hcahps(mayo):
    """FY2024 VBP rates of the hospital for two dimensions, with Minnesota's and the nation's
    averages of their HCAHPS measures (a later national period replaces an earlier one)."""
    result = HvbpResult.objects.create(
        fiscal_year=2024,
        ccn=mayo.ccn,
        entity=mayo,
        facility_name=mayo.name,
        state="MN",
        baseline_start=date(2019, 1, 1),
        baseline_end=date(2019, 12, 31),
        performance_start=date(2022, 1, 1),
        performance_end=date(2022, 12, 31),
        source="CMS Hospital VBP FY2024",
    )
    HvbpDimensionScore.objects.create(
        result=result,
        dimension="nurses",
        baseline_rate=Decimal("78.1234"),
        performance_rate=Decimal("80.5"),
    )
    HvbpDimensionScore.objects.create(
        result=result,
        dimension="clean_quiet",
        baseline_rate=Decimal("66.0"),
        performance_rate=Decimal("64.9"),
    )
    HvbpResult.objects.create(
        fiscal_year=2023, ccn=mayo.ccn, entity=mayo, facility_name=mayo.name, source="Older"
    )
    measures = {
        measure_id: HcahpsMeasure.objects.create(
            measure_id=measure_id, question=measure_id, answer_description="Always"
        )
        for measure_id in ("H_COMP_1_A_P", "H_CLEAN_HSP_A_P", "H_QUIET_HSP_A_P")
    }
    averages = [
        ("MN", "H_COMP_1_A_P", 82),
        ("MN", "H_CLEAN_HSP_A_P", 75),
        ("MN", "H_QUIET_HSP_A_P", 64),
        ("", "H_COMP_1_A_P", 79),
        ("", "H_CLEAN_HSP_A_P", 72),
        ("", "H_QUIET_HSP_A_P", 62),
        ("NY", "H_COMP_1_A_P", 50),
    ]
    for state, measure_id, percent in averages:
        HcahpsAverage.objects.create(
            state=state,
            measure=measures[measure_id],
            answer_percent=percent,
            start_date=date(2022, 10, 1),
            end_date=date(2023, 9, 30),
            source="CMS HCAHPS 2022Q4–2023Q3",
        )
    HcahpsAverage.objects.create(
        state="",
        measure=measures["H_COMP_1_A_P"],
        answer_percent=10,
        start_date=date(2021, 10, 1),
        end_date=date(2022, 9, 30),
        source="An earlier file",
    )
    return result


def test_a_hospitals_page_shows_its_hcahps_rates_beside_the_state_and_national_averages(
    client, hcahps
):
    response = client.get("/registry/hospitals/240010/")

    experience = response.context["experience"]
    assert [
        (
            row.label,
            row.baseline,
            row.performance,
            row.change,
            row.state_average,
            row.national_average,
        )
        for row in experience.rows
    ] == [
        (
            "Communication with nurses",
            Decimal("78.1234"),
            Decimal("80.5000"),
            Decimal("2.3766"),
            82.0,
            79.0,
        ),
        (
            "Cleanliness and quietness of hospital environment",
            Decimal("66.0000"),
            Decimal("64.9000"),
            Decimal("-1.1000"),
            69.5,
            67.0,
        ),
    ]
    content = " ".join(response.content.decode().split())
    assert "Patient experience beside social media presence" in content
    assert (
        '<th scope="row">Communication with nurses</th> <td class="numeric">78.1%</td> '
        '<td class="numeric"><strong>80.5%</strong></td> <td class="numeric">+2.4</td> '
        '<td class="numeric">82.0%</td> <td class="numeric">79.0%</td>'
    ) in content
    assert (
        '<td class="numeric">66.0%</td> <td class="numeric"><strong>64.9%</strong></td> '
        '<td class="numeric">−1.1</td> <td class="numeric">69.5%</td> '
        '<td class="numeric">67.0%</td>'
    ) in content
    assert "Minnesota average" in content
    assert 'This hospital, baseline<span class="period">Jan 2019–Dec 2019</span>' in content
    assert 'This hospital, performance<span class="period">Jan 2022–Dec 2022</span>' in content
    assert 'National average<span class="period">Oct 2022–Sep 2023</span>' in content
    assert (
        "This hospital: CMS Hospital VBP FY2024 (baseline Jan 1, 2019–Dec 31, 2019; "
        "performance Jan 1, 2022–Dec 31, 2022)."
    ) in content
    assert (
        "Minnesota average: CMS HCAHPS 2022Q4–2023Q3, state file (Oct 1, 2022–Sep 30, 2023)."
    ) in content
    assert (
        "National average: CMS HCAHPS 2022Q4–2023Q3, national file (Oct 1, 2022–Sep 30, 2023)."
    ) in content


def test_a_hospital_without_hcahps_results_says_cms_publishes_none(client, mayo):
    response = client.get("/registry/hospitals/240010/")

    assert response.context["experience"].has_data is False
    assert "CMS publishes no HCAHPS results for this hospital" in response.content.decode()


# --- leaderboards -----------------------------------------------------------------------------


def test_the_leaderboard_ranks_accounts_with_their_count_a_year_earlier(client, mayo):
    today = timezone.localdate()
    other = AccountFactory(
        entity=EntityFactory(name="CLEVELAND CLINIC", state="OH"),
        platform="x",
        address="@ClevelandClinic",
        followers=500_000,
    )
    SnapshotFactory(account=other, taken_on=today.replace(year=today.year - 2), followers=400_000)

    response = client.get(LEADERBOARDS, {"platform": "x"})

    assert response.status_code == 200
    ranked = [(rank, a.handle, a.followers) for rank, a, _ in response.context["rows"]]
    assert ranked == [(1, "@MayoClinic", 2_000_000), (2, "@ClevelandClinic", 500_000)]
    content = response.content.decode()
    assert "Most-followed accounts on X (Twitter)" in content
    assert "400,000" in content


def test_the_leaderboard_defaults_to_facebook_and_says_when_it_is_empty(client):
    response = client.get(LEADERBOARDS)

    assert response.status_code == 200
    assert "No Facebook accounts with a follower count" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "form_field"),
    [({"platform": "myspace"}, "platform"), ({"kind": "nope"}, "kind"), ({"state": "ZZ"}, "state")],
)
def test_a_bad_leaderboard_parameter_is_reported_and_dropped(client, mayo, params, form_field):
    response = client.get(LEADERBOARDS, params)

    assert response.status_code == 200
    assert field_error(response, form_field)[0].startswith("Select a valid choice.")
    assert response.context["platform"] == "facebook"


def test_the_leaderboard_csv_says_which_accounts_are_generated(client, mayo):
    response = client.get(LEADERBOARDS, {"platform": "facebook", "format": "csv"})

    assert response["Content-Disposition"] == 'attachment; filename="leaderboard-facebook.csv"'
    assert rows_of(response) == [
        [
            "Rank",
            "Name",
            "Kind",
            "State",
            "Handle",
            "URL",
            "Followers",
            "Followers a year earlier",
            "Generated demo data",
        ],
        [
            "1",
            "MAYO CLINIC HOSPITAL ROCHESTER",
            "Hospital",
            "MN",
            "MayoClinic",
            "https://www.facebook.com/MayoClinic",
            "1100000",
            "",
            "yes",
        ],
    ]


# --- adoption dashboard -----------------------------------------------------------------------


def test_the_adoption_dashboard_shows_presence_by_platform_and_group(client, mayo):
    EntityFactory(name="OLMSTED MEDICAL CENTER", state="NY", bed_count=50)

    response = client.get(ADOPTION, {"kind": "hospital", "as_of": "2020-12-31"})

    assert response.status_code == 200
    adoption = response.context["adoption"]
    assert (adoption.as_of, adoption.total, adoption.present) == (date(2020, 12, 31), 2, 1)
    content = " ".join(response.content.decode().split())
    assert "1 of 2</span> hospitals (50.0%) had at least one account listed" in content
    assert "<strong>December 31, 2020</strong>" in content
    assert "<strong>Demo data:</strong> 1 of the 2 accounts counted here are generated" in content
    assert "The hospitals themselves are real CMS data.</p>" in content
    assert [section["name"] for section in response.context["breakdowns"]] == [
        "state",
        "region",
        "type",
        "ownership",
        "size",
    ]
    assert "By size (beds)" in content
    assert "Utilization: followers per platform" in content
    assert "Published figures, for comparison" in content


def test_the_adoption_dashboard_defaults_to_hospitals_today(client, mayo):
    response = client.get(ADOPTION)

    assert response.status_code == 200
    assert response.context["adoption"].as_of == timezone.localdate()
    assert response.context["adoption"].kind == "hospital"


@pytest.mark.parametrize("kind", ["physician", "health_system", "organization"])
def test_the_adoption_dashboard_shows_every_kind(client, kind):
    entity = (
        PhysicianFactory()
        if kind == "physician"
        else EntityFactory(kind=kind, ccn="", category="clinic" if kind == "organization" else "")
    )
    AccountFactory(entity=entity, platform="x", first_listed=date(2015, 1, 1))

    response = client.get(ADOPTION, {"kind": kind, "as_of": "2020-12-31"})

    assert response.status_code == 200
    assert (response.context["adoption"].total, response.context["adoption"].present) == (1, 1)


def test_the_adoption_dashboard_does_not_call_generated_physicians_real(client):
    physician = PhysicianFactory(is_generated=True)
    AccountFactory(entity=physician, platform="x", is_generated=True)

    response = client.get(ADOPTION, {"kind": "physician"})

    content = " ".join(response.content.decode().split())
    assert "1 of the 1 accounts counted here are generated" in content
    assert "The physicians are generated too.</p>" in content
    assert "real CMS data" not in content


@pytest.mark.parametrize(
    ("params", "form_field", "message"),
    [
        ({"as_of": "2999-01-01"}, "as_of", "Choose today or a day in the past."),
        ({"as_of": "1999-01-01"}, "as_of", "Choose a day from 2004 on (before, there was none)."),
        ({"as_of": "garbage"}, "as_of", "Enter a valid date."),
        ({"kind": "nope"}, "kind", "Select a valid choice. nope is not one of the available"),
    ],
)
def test_a_bad_adoption_parameter_is_reported_and_today_or_hospitals_shown(
    client, mayo, params, form_field, message
):
    response = client.get(ADOPTION, params)

    assert response.status_code == 200
    assert field_error(response, form_field)[0][: len(message)] == message
    assert message in response.content.decode()
    adoption = response.context["adoption"]
    assert (adoption.kind, adoption.as_of) == ("hospital", timezone.localdate())


def test_an_unknown_download_shows_the_page(client, mayo):
    response = client.get(ADOPTION, {"download": "nonsense"})

    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")


def test_the_platforms_csv_has_a_note_on_generated_accounts(client, mayo):
    response = client.get(ADOPTION, {"as_of": "2020-12-31", "download": "platforms"})

    assert response["Content-Disposition"] == (
        'attachment; filename="adoption-platforms-hospital-2020-12-31.csv"'
    )
    note = "1 of 2 accounts counted are generated demo data"
    assert rows_of(response) == [
        ["Platform", "With an account", "Total", "Share", "As of", "Note"],
        ["Any platform", "1", "1", "1.0000", "2020-12-31", note],
        ["Facebook", "1", "1", "1.0000", "2020-12-31", note],
        ["X (Twitter)", "1", "1", "1.0000", "2020-12-31", note],
    ]


def test_the_over_time_csv_counts_each_period_end(client, mayo):
    response = client.get(ADOPTION, {"as_of": "2009-05-31", "download": "over-time"})

    rows = rows_of(response)
    note = "1 of 2 accounts counted are generated demo data"
    assert rows[:2] == [
        ["Date", "Any platform", "Facebook", "X (Twitter)", "Total today", "Note"],
        ["2008-06-30", "1", "1", "0", "1", note],
    ]
    assert rows[-1] == ["2009-05-31", "1", "1", "1", "1", note]
    assert len(rows) == 1 + 12  # June 2008 to April 2009 month ends, and the day itself


def test_the_over_time_csv_keeps_a_platform_left_before_the_day(client, mayo):
    AccountFactory(
        entity=mayo,
        platform="youtube",
        address="@MayoClinicVideos",
        first_listed=date(2009, 1, 15),
        removed_on=date(2009, 3, 15),
    )

    response = client.get(ADOPTION, {"as_of": "2009-05-31", "download": "over-time"})

    rows = rows_of(response)
    assert rows[0][:5] == ["Date", "Any platform", "Facebook", "X (Twitter)", "YouTube"]
    assert [row[:5] for row in rows if row[0] in ("2009-01-31", "2009-02-28", "2009-03-31")] == [
        ["2009-01-31", "1", "1", "0", "1"],
        ["2009-02-28", "1", "1", "0", "1"],
        ["2009-03-31", "1", "1", "1", "0"],
    ]


@pytest.mark.parametrize(
    ("section", "first_column"),
    [
        ("state", "Minnesota"),
        ("region", "Midwest"),
        ("type", "Acute Care Hospitals"),
        ("ownership", "Private non-profit"),
        ("size", "Large (300 beds or more)"),
    ],
)
def test_each_breakdown_downloads_as_csv(client, mayo, section, first_column):
    response = client.get(ADOPTION, {"as_of": "2020-12-31", "download": section})

    assert response["Content-Disposition"] == (
        f'attachment; filename="adoption-by-{section}-hospital-2020-12-31.csv"'
    )
    assert rows_of(response) == [
        [
            "Group",
            "Total",
            "With any account",
            "Share",
            "Facebook",
            "X (Twitter)",
            "As of",
            "Note",
        ],
        [
            first_column,
            "1",
            "1",
            "1.0000",
            "1",
            "1",
            "2020-12-31",
            "1 of 2 accounts counted are generated demo data",
        ],
    ]


def test_the_utilization_csv_lists_all_then_each_group_in_order(client, mayo):
    olmsted = EntityFactory(state="NY", ownership="Proprietary", bed_count=50)
    x = AccountFactory(entity=olmsted, platform="x", address="@OlmstedMed")
    SnapshotFactory(account=x, taken_on=date(2024, 6, 30), followers=1_000)

    response = client.get(ADOPTION, {"as_of": "2024-12-31", "download": "utilization"})

    assert response["Content-Disposition"] == (
        'attachment; filename="utilization-hospital-2024-12-31.csv"'
    )
    header, *rows = rows_of(response)
    assert header == [
        "Grouping",
        "Group",
        "Platform",
        "Entities",
        "Median followers",
        "25th percentile",
        "75th percentile",
        "As of",
        "Note",
    ]
    both = ["2", "1000500.0", "500750.0", "1500250.0"]
    one_mayo = ["1", "2000000.0", "2000000.0", "2000000.0"]
    one_olmsted = ["1", "1000.0", "1000.0", "1000.0"]
    assert [row[:-2] for row in rows] == [
        ["Census region", "All", "X (Twitter)", *both],
        ["Census region", "Northeast", "X (Twitter)", *one_olmsted],
        ["Census region", "Midwest", "X (Twitter)", *one_mayo],
        ["Ownership", "All", "X (Twitter)", *both],
        ["Ownership", "Private non-profit", "X (Twitter)", *one_mayo],
        ["Ownership", "Private for-profit", "X (Twitter)", *one_olmsted],
        ["Hospital type", "All", "X (Twitter)", *both],
        ["Hospital type", "Acute Care Hospitals", "X (Twitter)", *both],
        ["Size (beds)", "All", "X (Twitter)", *both],
        ["Size (beds)", "Small (under 100 beds)", "X (Twitter)", *one_olmsted],
        ["Size (beds)", "Large (300 beds or more)", "X (Twitter)", *one_mayo],
    ]
    assert {tuple(row[-2:]) for row in rows} == {
        ("2024-12-31", "1 of 3 accounts counted are generated demo data")
    }


# --- queries do not grow with the data --------------------------------------------------------


def add_hospital(number: int, *, system=None):
    """A hospital with two accounts (one with two counts), an affiliated physician and a
    history event."""
    hospital = EntityFactory(
        name=f"MAYO CLINIC HEALTH SYSTEM {number}", bed_count=100 * number, health_system=system
    )
    account = AccountFactory(entity=hospital, platform="x", address=f"@MayoHealth{number}")
    SnapshotFactory(account=account, taken_on=date(2023, 12, 31), followers=900 * number)
    SnapshotFactory(account=account, taken_on=date(2024, 12, 31), followers=1000 * number)
    AccountFactory(
        entity=hospital,
        platform="facebook",
        address=f"https://www.facebook.com/MayoHealth{number}",
        is_generated=True,
    )
    PhysicianFactory(affiliated_hospital=hospital)
    audit.record(
        actor=None, action="registry.entity.created", target=hospital, after={"via": "demo"}
    )
    return hospital


def queries_of(client, django_assert_num_queries, url, params, count):
    client.get(url, params)  # warm the per-process caches (content types, templates)
    cache.clear()
    with django_assert_num_queries(count) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, captured


@pytest.mark.parametrize("hospitals", [1, 3])
def test_the_search_page_makes_the_same_queries_for_one_and_three_listings(
    client, django_assert_num_queries, hospitals
):
    for number in range(1, hospitals + 1):
        add_hospital(number)

    response, _ = queries_of(client, django_assert_num_queries, SEARCH, {"q": "mayo"}, 6)

    assert len(response.context["page"].object_list) == hospitals


@pytest.mark.parametrize("hospitals", [1, 3])
def test_the_search_csv_makes_the_same_queries_for_one_and_three_listings(
    client, django_assert_num_queries, hospitals
):
    for number in range(1, hospitals + 1):
        add_hospital(number)

    cache.clear()
    with django_assert_num_queries(4):
        response = client.get(SEARCH, {"format": "csv"})
        rows = rows_of(response)

    assert len(rows) == 1 + 2 * hospitals  # the hospitals and their physicians


@pytest.mark.parametrize("hospitals", [1, 3])
def test_the_adoption_dashboard_makes_the_same_queries_for_one_and_three_hospitals(
    client, django_assert_num_queries, hospitals
):
    for number in range(1, hospitals + 1):
        add_hospital(number)

    # The statistics' three queries, and on PostgreSQL the settings they run with.
    count = 4 if connection.vendor == "postgresql" else 3
    response, _ = queries_of(
        client, django_assert_num_queries, ADOPTION, {"as_of": "2024-12-31"}, count
    )

    assert response.context["adoption"].present == hospitals


def test_a_second_visit_to_the_adoption_dashboard_is_served_from_the_cache(
    client, django_assert_num_queries
):
    add_hospital(1)
    client.get(ADOPTION, {"as_of": "2024-12-31"})

    with django_assert_num_queries(0):
        response = client.get(ADOPTION, {"as_of": "2024-12-31"})

    assert response.context["adoption"].present == 1


@pytest.mark.parametrize("hospitals", [1, 3])
def test_the_leaderboard_makes_the_same_queries_for_one_and_three_accounts(
    client, django_assert_num_queries, hospitals
):
    for number in range(1, hospitals + 1):
        add_hospital(number)

    response, _ = queries_of(client, django_assert_num_queries, LEADERBOARDS, {"platform": "x"}, 1)

    assert len(response.context["rows"]) == hospitals


@pytest.mark.parametrize("items", [1, 5])
def test_a_hospitals_page_makes_the_same_queries_for_one_and_five_of_everything(
    client, django_assert_num_queries, hcahps, items
):
    hospital = hcahps.entity
    for number in range(1, items + 1):
        account = AccountFactory(
            entity=hospital, platform="youtube", address=f"@MayoClinicVideo{number}"
        )
        SnapshotFactory(account=account, taken_on=date(2023, 12, 31), followers=number)
        SnapshotFactory(account=account, taken_on=date(2024, 12, 31), followers=2 * number)
        PhysicianFactory(affiliated_hospital=hospital)
        audit.record(
            actor=None, action="registry.account.added", target=hospital, after={"account": "x"}
        )

    response, _ = queries_of(client, django_assert_num_queries, hospital.get_absolute_url(), {}, 9)

    assert len(response.context["physicians"]) == items
    assert len(response.context["history"]) == items


@pytest.mark.parametrize("hospitals", [1, 3])
def test_a_health_systems_page_makes_the_same_queries_for_one_and_three_hospitals(
    client, django_assert_num_queries, hospitals
):
    system = EntityFactory(kind=EntityKind.HEALTH_SYSTEM, ccn="", name="Mayo Clinic Health System")
    for number in range(1, hospitals + 1):
        add_hospital(number, system=system)

    response, _ = queries_of(client, django_assert_num_queries, system.get_absolute_url(), {}, 4)

    assert len(response.context["hospitals"]) == hospitals


def test_state_and_national_averages_of_different_periods_each_show_their_own(client, hcahps):
    HcahpsAverage.objects.filter(state="", end_date=date(2023, 9, 30)).update(
        start_date=date(2023, 1, 1), end_date=date(2023, 12, 31)
    )

    content = client.get("/registry/hospitals/240010/").content.decode()

    assert (
        "Minnesota average: CMS HCAHPS 2022Q4–2023Q3, state file (Oct 1, 2022–Sep 30, 2023)."
    ) in content
    assert (
        "National average: CMS HCAHPS 2022Q4–2023Q3, national file (Jan 1, 2023–Dec 31, 2023)."
    ) in content
