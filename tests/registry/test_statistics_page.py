"""The adoption page: headline and charts first, long tables folded behind "Show all …" (a
<details>, no script), and a note wherever a breakdown rests on a field known for only some
entities. Counts are written out by hand from the fixtures."""

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone

from socialrx.registry.freshness import REFRESH_KEY, data_version
from socialrx.registry.selectors import statistics
from tests.registry.factories import AccountFactory, EntityFactory, SnapshotFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ADOPTION = "/registry/adoption/"
STATES = ["MN", "NY", "TX", "CA", "OH", "WA", "FL", "IL", "VT"]


def page(client, **params):
    response = client.get(ADOPTION, {"as_of": "2020-12-31", **params})
    assert response.status_code == 200
    return response, " ".join(response.content.decode().split())


@pytest.fixture
def nine_states():
    """Nine hospitals, one per state; the first three with a Facebook page (MN also on X).
    Beds known for five (two generated); ownership blank for two."""
    made = []
    for number, state in enumerate(STATES):
        hospital = EntityFactory(
            state=state,
            bed_count=[50, 150, 400, 80, 120, None, None, None, None][number],
            bed_count_is_generated=number in (3, 4),
            ownership="" if number in (7, 8) else "Proprietary",
        )
        made.append(hospital)
        if number < 3:
            page_ = AccountFactory(
                entity=hospital,
                platform="facebook",
                address=f"https://www.facebook.com/hospital{number}",
                first_listed=date(2015, 1, 1),
            )
            SnapshotFactory(account=page_, taken_on=date(2024, 6, 30), followers=100 * number)
    AccountFactory(
        entity=made[0], platform="x", address="@hospital9x", first_listed=date(2016, 1, 1)
    )
    return made


def test_the_page_leads_with_the_headline_figures_then_the_charts(client, nine_states):
    response, content = page(client)

    assert "3 of 9</span> hospitals (33.3%) had at least one account listed" in content
    assert [row[:3] for row in response.context["key_figures"]] == [
        ("facebook", "Facebook", 3),
        ("x", "X (Twitter)", 1),
    ]
    assert '<dt>On Facebook</dt><dd><span class="stat">33.3%</span> 3 of 9</dd>' in content
    assert '<span class="stat">4</span> on 2 platforms' in content
    order = [
        content.index(text)
        for text in (
            'id="headline-title"',
            'id="platforms-title"',
            'id="time-title"',
            'id="by-state-title"',
        )
    ]
    assert order == sorted(order)


def test_a_long_breakdown_is_folded_and_a_short_one_is_not(client, nine_states):
    response, content = page(client)
    sections = {section["name"]: section for section in response.context["breakdowns"]}

    assert (sections["state"]["folded"], sections["region"]["folded"]) == (True, False)
    assert '<details class="fold"><summary>Show all 9 states</summary>' in content
    assert "Highest share: Minnesota (100.0%); lowest: California (0.0%)." in content
    assert "Show all 4 regions" not in content


def test_a_breakdown_on_a_partly_known_field_says_for_how_many_it_is_known(client, nine_states):
    _, content = page(client)

    assert "Ownership known for 7 of 9 hospitals; the others are counted under “Not known”." in (
        content
    )
    assert "Census region known for" not in content  # every state is known
    assert "Bed counts known for 5 of 9 hospitals, 2 of them generated for the demo" in content
    assert "Size known for 5 of 9;" in content


def test_bed_counts_all_generated_are_called_so(client):
    for beds in (50, 500):
        EntityFactory(bed_count=beds, bed_count_is_generated=True)

    _, content = page(client)

    assert "Bed counts known for 2 of 2 hospitals, all generated for the demo" in content


def test_the_followers_tables_fold_by_grouping_after_the_row_for_all(client, nine_states):
    response, content = page(client, as_of="2024-12-31")

    assert "<caption>All hospitals</caption>" in content
    tables = {table["name"]: table for table in response.context["utilization"]}
    assert [label for label, _ in tables["region"]["rows"]] == [
        "All",
        "Northeast",
        "Midwest",
        "South",
    ]
    assert "<summary>Show followers by census region</summary>" in content
    assert "<summary>Show followers by ownership</summary>" in content
    assert "Ownership known for 7 of 9 hospitals.</p>" in content


def test_figures_of_the_data_before_a_change_say_so_and_are_not_kept(client, nine_states):
    """While the refresh task computes today's figures after a change, today's page shows
    the latest computed ones, says so, and no cache keeps that page."""
    today = timezone.localdate()
    cache.set(statistics.LATEST_KEY.format(kind="hospital"), statistics.adoption(as_of=today))
    cache.incr("registry:data-version")
    cache.set(REFRESH_KEY, 1)

    response = client.get(ADOPTION, {"as_of": today.isoformat()})

    assert response.context["adoption"].data_version == data_version() - 1
    assert "The registry changed a moment ago" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_headline_names_the_most_used_platforms_first(client):
    first, second = EntityFactory(), EntityFactory()
    for number, hospital in enumerate((first, second)):
        AccountFactory(entity=hospital, platform="youtube", address=f"@tube{number}channel")
    AccountFactory(entity=first, platform="facebook", address="https://www.facebook.com/first.page")

    response, _ = page(client)

    assert [row[:3] for row in response.context["key_figures"]] == [
        ("youtube", "YouTube", 2),
        ("facebook", "Facebook", 1),
    ]
