"""Adoption and utilization statistics, checked against counts made by hand.

Six hospitals in three states (the fixture below) with Facebook, X and YouTube accounts
listed and removed on dates chosen so each figure can be counted on paper; then the published
shapes (Griffis et al. 2014) on the demo data."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from socialrx.registry.models import Account, EntityKind
from socialrx.registry.selectors.statistics import (
    Spread,
    TimePoint,
    adoption,
    leaderboard,
    spread,
    time_points,
)
from tests.registry.factories import (
    AccountFactory,
    EntityFactory,
    PhysicianFactory,
    SnapshotFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

AS_OF = date(2020, 12, 31)
NONPROFIT = "Voluntary non-profit - Private"
FOR_PROFIT = "Proprietary"
PUBLIC = "Government - Hospital District or Authority"


def account(entity, platform, listed, *, removed=None, generated=False, name="", snapshots=()):
    """An account of `entity` listed on `listed`, with (day, followers) snapshots."""
    stem = name or f"{entity.ccn or entity.npi}{platform}{listed:%Y%m%d}"
    addresses = {
        "facebook": f"https://www.facebook.com/{stem}",
        "x": f"@h{stem}"[:15],
        "youtube": f"@{stem}",
        "instagram": f"@i{stem}",
    }
    made = AccountFactory(
        entity=entity,
        platform=platform,
        address=addresses[platform],
        first_listed=listed,
        removed_on=removed,
        is_generated=generated,
        followers=snapshots[-1][1] if snapshots else None,
    )
    for day, followers in snapshots:
        SnapshotFactory(account=made, taken_on=day, followers=followers)
    return made


@pytest.fixture
def hospitals():
    """Six hospitals; as of 2020-12-31 four have an account: Facebook 3, X 2, YouTube 1.

    | hospital | state | type | ownership | beds | accounts (listed → removed) |
    | h1 | MN | acute | non-profit | 50 | Facebook 2010-03-15, X 2012-06-01 |
    | h2 | MN | critical access | public | – (small) | Facebook 2011-01-10 → 2019-05-01, generated |
    | h3 | NY | acute | for-profit | 150 | YouTube 2015-02-01 |
    | h4 | NY | acute | non-profit | 400 | Facebook 2009-11-20, Facebook 2016-01-01 (generated), X 2009-12-01 → 2021-06-30 |
    | h5 | TX | acute | for-profit | 250 | Facebook 2014-01-01 (generated), X 2021-03-01 |
    | h6 | TX | psychiatric | public | – (unknown) | none; the hospital itself is generated |
    """  # noqa: E501
    acute = "Acute Care Hospitals"
    h1 = EntityFactory(state="MN", hospital_type=acute, ownership=NONPROFIT, bed_count=50)
    h2 = EntityFactory(state="MN", hospital_type="Critical Access Hospitals", ownership=PUBLIC)
    h3 = EntityFactory(state="NY", hospital_type=acute, ownership=FOR_PROFIT, bed_count=150)
    h4 = EntityFactory(state="NY", hospital_type=acute, ownership=NONPROFIT, bed_count=400)
    h5 = EntityFactory(state="TX", hospital_type=acute, ownership=FOR_PROFIT, bed_count=250)
    h6 = EntityFactory(
        state="TX", hospital_type="Psychiatric", ownership="Government - State", is_generated=True
    )
    account(h1, "facebook", date(2010, 3, 15))
    account(h1, "x", date(2012, 6, 1))
    account(h2, "facebook", date(2011, 1, 10), removed=date(2019, 5, 1), generated=True)
    account(h3, "youtube", date(2015, 2, 1))
    account(h4, "facebook", date(2009, 11, 20))
    account(h4, "facebook", date(2016, 1, 1), generated=True)
    account(h4, "x", date(2009, 12, 1), removed=date(2021, 6, 30))
    account(h5, "facebook", date(2014, 1, 1), generated=True)
    account(h5, "x", date(2021, 3, 1))
    return h1, h2, h3, h4, h5, h6


def rows(result, dimension):
    return [
        (row.key, row.label, row.total, row.present, row.by_platform)
        for row in result.breakdowns[dimension]
    ]


# --- adoption ---------------------------------------------------------------------------------


def test_adoption_counts_hospitals_with_any_account_and_on_each_platform(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert (result.total, result.present) == (6, 4)
    assert result.by_platform == {"facebook": 3, "x": 2, "youtube": 1}
    assert result.platforms == ["facebook", "x", "youtube"]
    assert result.share == 4 / 6
    assert result.accounts_counted == 7
    assert (result.generated_accounts, result.generated_entities) == (2, 1)
    assert [(label, count) for _, label, count, _ in result.platform_rows()] == [
        ("Facebook", 3),
        ("X (Twitter)", 2),
        ("YouTube", 1),
    ]


def test_an_account_removed_before_the_day_does_not_count_but_counts_for_an_earlier_day(
    hospitals,
):
    later = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)
    earlier = adoption(kind=EntityKind.HOSPITAL, as_of=date(2018, 12, 31))

    assert (later.present, later.by_platform["facebook"], later.generated_accounts) == (4, 3, 2)
    assert (earlier.present, earlier.by_platform["facebook"]) == (5, 4)
    assert earlier.by_platform == {"facebook": 4, "x": 2, "youtube": 1}
    assert (earlier.accounts_counted, earlier.generated_accounts) == (8, 3)


def test_an_account_counts_from_its_first_listed_day_until_the_day_it_is_removed(hospitals):
    h2 = hospitals[1]

    def facebook_on(day):
        return adoption(kind=EntityKind.HOSPITAL, as_of=day).by_platform.get("facebook", 0)

    assert facebook_on(date(2011, 1, 9)) == 2  # h4 and h1; h2 lists its page the next day
    assert facebook_on(date(2011, 1, 10)) == 3
    assert facebook_on(date(2019, 4, 30)) == 4
    assert facebook_on(date(2019, 5, 1)) == 3  # removed that day
    assert Account.objects.get(entity=h2).removed_on == date(2019, 5, 1)


def test_an_account_listed_after_the_day_is_not_counted(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    texas = next(row for row in result.breakdowns["state"] if row.key == "TX")
    assert (texas.present, texas.by_platform) == (1, {"facebook": 1})  # h5's X comes in 2021


def test_states_are_broken_down_with_the_highest_share_first(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert rows(result, "state") == [
        ("NY", "New York", 2, 2, {"facebook": 1, "x": 1, "youtube": 1}),
        ("MN", "Minnesota", 2, 1, {"facebook": 1, "x": 1}),
        ("TX", "Texas", 2, 1, {"facebook": 1}),
    ]
    assert [row.share for row in result.breakdowns["state"]] == [1.0, 0.5, 0.5]


def test_regions_types_ownership_and_sizes_are_broken_down(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert rows(result, "region") == [
        ("northeast", "Northeast", 2, 2, {"facebook": 1, "x": 1, "youtube": 1}),
        ("midwest", "Midwest", 2, 1, {"facebook": 1, "x": 1}),
        ("south", "South", 2, 1, {"facebook": 1}),
    ]
    assert rows(result, "type") == [
        (
            "Acute Care Hospitals",
            "Acute Care Hospitals",
            4,
            4,
            {"facebook": 3, "x": 2, "youtube": 1},
        ),
        ("Critical Access Hospitals", "Critical Access Hospitals", 1, 0, {}),
        ("Psychiatric", "Psychiatric", 1, 0, {}),
    ]
    assert rows(result, "ownership") == [
        ("public", "Public (government)", 2, 0, {}),
        ("nonprofit", "Private non-profit", 2, 2, {"facebook": 2, "x": 2}),
        ("for_profit", "Private for-profit", 2, 2, {"facebook": 1, "youtube": 1}),
    ]
    assert rows(result, "size") == [
        ("small", "Small (under 100 beds)", 2, 1, {"facebook": 1, "x": 1}),
        ("medium", "Medium (100–299 beds)", 2, 2, {"facebook": 1, "youtube": 1}),
        ("large", "Large (300 beds or more)", 1, 1, {"facebook": 1, "x": 1}),
        ("", "Not known", 1, 0, {}),
    ]
    assert result.dimension_labels == {
        "state": "State",
        "region": "Census region",
        "type": "Hospital type",
        "ownership": "Ownership",
        "size": "Size (beds)",
    }


def test_adoption_counts_one_kind_only(hospitals):
    physician = PhysicianFactory(state="MN")
    account(physician, "x", date(2015, 1, 1))

    hospitals_result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)
    physicians_result = adoption(kind=EntityKind.PHYSICIAN, as_of=AS_OF)

    assert (hospitals_result.total, hospitals_result.by_platform["x"]) == (6, 2)
    assert (physicians_result.total, physicians_result.present) == (1, 1)
    assert physicians_result.by_platform == {"x": 1}
    assert rows(physicians_result, "specialty") == [
        ("Cardiology", "Cardiology", 1, 1, {"x": 1}),
    ]


def test_adoption_with_no_accounts_is_zero_and_has_no_time_series():
    EntityFactory.create_batch(2)

    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert (result.total, result.present, result.share) == (2, 0, 0.0)
    assert (result.by_platform, result.platforms, result.over_time) == ({}, [], [])


def test_adoption_is_cached_until_the_data_version_moves(hospitals):
    from socialrx.registry.freshness import _bump

    first = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)
    account(hospitals[5], "youtube", date(2020, 1, 1))

    assert adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF).present == first.present == 4
    _bump()
    assert adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF).present == 5


# --- over time --------------------------------------------------------------------------------


def test_over_time_counts_presence_at_each_quarter_end_of_a_long_span(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)
    points = {point.day: point for point in result.over_time}

    # From the first listing (Nov 2009) to Dec 2020: 133 months, so quarter ends.
    assert len(result.over_time) == 45
    assert [p.day for p in result.over_time[:3]] == [
        date(2009, 12, 31),
        date(2010, 3, 31),
        date(2010, 6, 30),
    ]
    assert [p.day for p in result.over_time[-2:]] == [date(2020, 9, 30), date(2020, 12, 31)]
    expected = {
        date(2009, 12, 31): (1, {"facebook": 1, "x": 1, "youtube": 0}),
        date(2010, 3, 31): (2, {"facebook": 2, "x": 1, "youtube": 0}),
        date(2011, 3, 31): (3, {"facebook": 3, "x": 1, "youtube": 0}),
        date(2012, 6, 30): (3, {"facebook": 3, "x": 2, "youtube": 0}),
        date(2014, 3, 31): (4, {"facebook": 4, "x": 2, "youtube": 0}),
        date(2015, 3, 31): (5, {"facebook": 4, "x": 2, "youtube": 1}),
        date(2016, 3, 31): (5, {"facebook": 4, "x": 2, "youtube": 1}),  # h4's second page
        date(2019, 3, 31): (5, {"facebook": 4, "x": 2, "youtube": 1}),
        date(2019, 6, 30): (4, {"facebook": 3, "x": 2, "youtube": 1}),  # h2 left in May
        date(2020, 12, 31): (4, {"facebook": 3, "x": 2, "youtube": 1}),
    }
    assert {day: (points[day].present, points[day].by_platform) for day in expected} == expected


def test_the_last_point_over_time_agrees_with_the_headline_figures(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert result.over_time[-1] == TimePoint(AS_OF, result.present, result.by_platform)


def test_a_platform_left_before_the_day_keeps_its_history_over_time(hospitals):
    account(hospitals[5], "instagram", date(2012, 1, 1), removed=date(2016, 1, 1))

    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)
    points = {point.day: point for point in result.over_time}

    assert "instagram" not in result.by_platform
    assert result.platforms == ["facebook", "x", "youtube"]
    assert result.over_time_platforms == [
        ("facebook", "Facebook"),
        ("x", "X (Twitter)"),
        ("youtube", "YouTube"),
        ("instagram", "Instagram"),
    ]
    days = [date(2011, 12, 31), date(2012, 3, 31), date(2015, 12, 31), date(2016, 3, 31)]
    assert [points[day].by_platform["instagram"] for day in days] == [0, 1, 1, 0]
    assert (points[date(2015, 12, 31)].present, points[date(2016, 3, 31)].present) == (6, 5)


def test_over_time_uses_month_ends_for_a_short_span(hospitals):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=date(2010, 5, 20))

    assert [(p.day, p.present, p.by_platform) for p in result.over_time] == [
        (date(2009, 11, 30), 1, {"facebook": 1, "x": 0}),
        (date(2009, 12, 31), 1, {"facebook": 1, "x": 1}),
        (date(2010, 1, 31), 1, {"facebook": 1, "x": 1}),
        (date(2010, 2, 28), 1, {"facebook": 1, "x": 1}),
        (date(2010, 3, 31), 2, {"facebook": 2, "x": 1}),
        (date(2010, 4, 30), 2, {"facebook": 2, "x": 1}),
        (date(2010, 5, 20), 2, {"facebook": 2, "x": 1}),
    ]


def test_time_points_are_month_ends_then_quarter_ends_then_year_ends():
    assert time_points(date(2020, 1, 15), date(2020, 1, 20)) == [date(2020, 1, 20)]
    assert time_points(date(2019, 11, 2), date(2020, 2, 10)) == [
        date(2019, 11, 30),
        date(2019, 12, 31),
        date(2020, 1, 31),
        date(2020, 2, 10),
    ]
    quarters = time_points(date(2010, 1, 1), date(2020, 6, 30))
    assert quarters[:2] == [date(2010, 3, 31), date(2010, 6, 30)]
    assert quarters[-2:] == [date(2020, 3, 31), date(2020, 6, 30)]
    assert len(quarters) == 42
    years = time_points(date(1990, 5, 1), date(2020, 6, 30))
    assert years == [date(year, 12, 31) for year in range(1990, 2020)] + [date(2020, 6, 30)]


def test_time_points_keep_the_latest_sixty_for_a_very_long_span():
    points = time_points(date(1900, 1, 1), date(2020, 6, 30))

    assert len(points) == 60
    assert points[0] == date(1961, 12, 31)
    assert points[-2:] == [date(2019, 12, 31), date(2020, 6, 30)]


# --- utilization ------------------------------------------------------------------------------


def test_spread_is_the_median_and_quartiles_by_linear_interpolation():
    assert spread([100, 200, 300, 400]) == Spread(4, 250.0, 175.0, 325.0)
    assert spread([7]) == Spread(1, 7.0, 7.0, 7.0)
    assert spread([]) == Spread(0, None, None, None)
    assert spread([10, 20, 30, 40, 50]) == Spread(5, 30.0, 20.0, 40.0)


@pytest.fixture
def four_on_facebook():
    """Four hospitals with Facebook pages of 100, 200, 300 and 400 followers at the end of
    2020, one in each size band and region, two non-profit and two for-profit."""
    acute = "Acute Care Hospitals"
    specs = [
        ("MN", acute, NONPROFIT, 50, 100),
        ("NY", acute, FOR_PROFIT, 150, 200),
        ("TX", "Critical Access Hospitals", NONPROFIT, None, 300),
        ("CA", acute, FOR_PROFIT, 500, 400),
    ]
    made = []
    for state, kind, ownership, beds, followers in specs:
        hospital = EntityFactory(
            state=state, hospital_type=kind, ownership=ownership, bed_count=beds
        )
        made.append(
            account(
                hospital,
                "facebook",
                date(2015, 1, 1),
                snapshots=[(date(2019, 6, 30), followers // 2), (date(2020, 12, 1), followers)],
            )
        )
    return made


def test_utilization_is_the_median_and_interquartile_range_of_followers(four_on_facebook):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert result.utilization["region"]["__all__"] == {"facebook": Spread(4, 250.0, 175.0, 325.0)}


def test_utilization_uses_the_latest_count_on_or_before_the_day(four_on_facebook):
    SnapshotFactory(account=four_on_facebook[0], taken_on=date(2021, 1, 1), followers=90_000)
    SnapshotFactory(account=four_on_facebook[1], taken_on=AS_OF, followers=250)

    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)
    earlier = adoption(kind=EntityKind.HOSPITAL, as_of=date(2019, 12, 31))

    # 100 (the 2021 count ignored), 250 (counted on the day itself), 300, 400.
    assert result.utilization["region"]["__all__"]["facebook"] == Spread(4, 275.0, 212.5, 325.0)
    # Half as many at mid-2019: 50, 100, 150, 200.
    assert earlier.utilization["region"]["__all__"]["facebook"] == Spread(4, 125.0, 87.5, 162.5)


def test_utilization_leaves_out_accounts_without_a_count_by_the_day(four_on_facebook):
    late = EntityFactory(state="MN")
    account(late, "facebook", date(2015, 1, 1), snapshots=[(date(2021, 3, 31), 5)])
    account(EntityFactory(state="MN"), "facebook", date(2015, 1, 1))  # never counted

    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert result.by_platform["facebook"] == 6
    assert result.utilization["region"]["__all__"]["facebook"].n == 4


def test_an_entitys_largest_account_on_a_platform_stands_for_it(four_on_facebook):
    hospital = four_on_facebook[0].entity
    account(hospital, "facebook", date(2016, 1, 1), snapshots=[(date(2020, 6, 30), 250)])

    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    # 250 replaces the same hospital's 100: one value per hospital, so n stays 4.
    assert result.utilization["region"]["__all__"]["facebook"] == Spread(4, 275.0, 237.5, 325.0)


def test_a_removed_account_does_not_count_in_utilization(four_on_facebook):
    Account.objects.filter(pk=four_on_facebook[3].pk).update(removed_on=date(2020, 12, 15))

    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    assert result.utilization["region"]["__all__"]["facebook"] == Spread(3, 200.0, 150.0, 250.0)


def test_utilization_is_grouped_by_region_ownership_type_and_size(four_on_facebook):
    result = adoption(kind=EntityKind.HOSPITAL, as_of=AS_OF)

    def medians(dimension):
        return {
            group: (spreads["facebook"].n, spreads["facebook"].median)
            for group, spreads in result.utilization[dimension].items()
        }

    assert set(result.utilization) == {"region", "ownership", "type", "size"}
    assert medians("region") == {
        "__all__": (4, 250.0),
        "midwest": (1, 100.0),
        "northeast": (1, 200.0),
        "south": (1, 300.0),
        "west": (1, 400.0),
    }
    assert medians("ownership") == {
        "__all__": (4, 250.0),
        "nonprofit": (2, 200.0),
        "for_profit": (2, 300.0),
    }
    assert medians("type") == {
        "__all__": (4, 250.0),
        "Acute Care Hospitals": (3, 200.0),
        "Critical Access Hospitals": (1, 300.0),
    }
    assert medians("size") == {
        "__all__": (4, 250.0),
        "small": (2, 200.0),
        "medium": (1, 200.0),
        "large": (1, 400.0),
    }
    assert result.utilization["ownership"]["nonprofit"]["facebook"] == Spread(
        2, 200.0, 150.0, 250.0
    )


# --- leaderboards -----------------------------------------------------------------------------

TODAY = date(2024, 12, 31)


def test_the_leaderboard_lists_listed_accounts_by_followers_with_a_year_earlier():
    first = account(
        EntityFactory(name="ZENITH GENERAL"),
        "facebook",
        date(2012, 1, 1),
        snapshots=[
            (TODAY - timedelta(days=400), 2_500),
            (TODAY - timedelta(days=365), 2_700),
            (TODAY - timedelta(days=100), 4_000),
            (TODAY, 5_000),
        ],
    )
    tied_b = account(
        EntityFactory(name="BAYSIDE HOSPITAL"), "facebook", date(2012, 1, 1), snapshots=[]
    )
    tied_a = account(EntityFactory(name="ALDER HOSPITAL"), "facebook", date(2012, 1, 1))
    Account.objects.filter(pk__in=[tied_a.pk, tied_b.pk]).update(followers=3_000)
    account(
        EntityFactory(name="GONE HOSPITAL"),
        "facebook",
        date(2012, 1, 1),
        removed=date(2023, 1, 1),
        snapshots=[(date(2022, 1, 1), 90_000)],
    )
    account(EntityFactory(name="UNCOUNTED HOSPITAL"), "facebook", date(2012, 1, 1))
    account(EntityFactory(name="ON X"), "x", date(2012, 1, 1), snapshots=[(TODAY, 80_000)])

    board = leaderboard(platform="facebook", today=TODAY)

    assert [(a.entity.name, a.followers, a.followers_year_ago) for a in board] == [
        ("ZENITH GENERAL", 5_000, 2_700),
        ("ALDER HOSPITAL", 3_000, None),
        ("BAYSIDE HOSPITAL", 3_000, None),
    ]
    assert board[0] == first


def test_the_leaderboard_filters_by_kind_and_state_and_stops_at_its_limit():
    for number, state in enumerate(["MN", "MN", "NY"], start=1):
        account(
            EntityFactory(state=state),
            "x",
            date(2012, 1, 1),
            snapshots=[(TODAY, number * 100)],
        )
    account(PhysicianFactory(state="MN"), "x", date(2012, 1, 1), snapshots=[(TODAY, 1_000)])

    def followers(**filters):
        return [a.followers for a in leaderboard(platform="x", today=TODAY, **filters)]

    assert followers() == [1_000, 300, 200, 100]
    assert followers(kind=EntityKind.HOSPITAL) == [300, 200, 100]
    assert followers(state="MN") == [1_000, 200, 100]
    assert followers(kind=EntityKind.PHYSICIAN, state="NY") == []
    assert followers(limit=2) == [1_000, 300]


# --- the published shape, on the demo data ----------------------------------------------------


@pytest.mark.slow
def test_the_demo_data_follows_the_published_shape_of_hospital_adoption_in_2013(client):
    """One test seeds the demo (about 30 s): Griffis et al. 2014's shapes as of 2013-12-31."""
    call_command("seed_demo", quiet=True)
    day = date(2013, 12, 31)

    result = adoption(kind=EntityKind.HOSPITAL, as_of=day)
    page = client.get("/registry/adoption/", {"kind": "hospital", "as_of": "2013-12-31"})

    ranked = sorted(result.by_platform, key=lambda p: -result.by_platform[p])
    assert ranked[0] == "facebook"
    assert "x" in ranked[1:3]
    facebook_by_size = result.utilization["size"]
    medians = [facebook_by_size[band]["facebook"].median for band in ("small", "medium", "large")]
    assert medians == sorted(medians)
    assert medians[0] < medians[1] < medians[2]
    by_ownership = result.utilization["ownership"]
    assert by_ownership["nonprofit"]["facebook"].median > (
        by_ownership["for_profit"]["facebook"].median
    )
    counted = Account.objects.filter(
        entity__kind=EntityKind.HOSPITAL, is_generated=True, first_listed__lte=day
    ).exclude(removed_on__lte=day)
    assert counted.count() > 100
    assert result.generated_accounts == counted.count()
    assert result.generated_accounts == result.accounts_counted  # no real accounts in the demo
    assert page.status_code == 200
    assert page.context["adoption"] == result
    assert f"{result.generated_accounts:,} of the {result.accounts_counted:,} accounts" in (
        page.content.decode()
    )
