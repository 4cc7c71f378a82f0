"""The registry's public pages, and the home and pricing pages, served to anonymous visitors
from the page cache (core.pagecache): without a query on a second visit, drawn again after the
data they show changes (an edit redraws only its own entity's page; an import every page),
and never served to a signed-in person."""

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client

from socialrx.registry import freshness
from socialrx.registry.models import ImportStatus
from socialrx.registry.services import accounts as account_services
from socialrx.registry.services import imports
from tests.membership.factories import PlanFactory
from tests.registry.factories import AccountFactory, EntityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PUBLIC_PAGES = ["/", "/registry/", "/registry/adoption/", "/registry/leaderboards/"]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def two_hospitals():
    mayo = EntityFactory(name="MAYO CLINIC HOSPITAL ROCHESTER", ccn="240010")
    AccountFactory(entity=mayo, platform="x", address="@MayoClinic", followers=2_000_000)
    olmsted = EntityFactory(name="OLMSTED MEDICAL CENTER", ccn="240006")
    AccountFactory(entity=olmsted, platform="x", address="@OlmstedMed", followers=4_100)
    return mayo, olmsted


def visit(url):
    """A new anonymous visitor (no cookie), as a crawler or a first-time reader is."""
    return Client().get(url)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        *[(url, 0) for url in PUBLIC_PAGES],
        ("/registry/?q=mayo+clinik", 0),
        ("/pricing/", 0),
    ],
)
def test_a_second_anonymous_visit_is_served_from_the_cache(
    two_hospitals, django_assert_num_queries, url, queries
):
    first = visit(url)

    with django_assert_num_queries(queries):
        second = visit(url)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content


def test_a_second_visit_to_an_entity_page_makes_no_query(two_hospitals, django_assert_num_queries):
    mayo, _ = two_hospitals
    first = visit(mayo.get_absolute_url())

    with django_assert_num_queries(0):
        second = visit(mayo.get_absolute_url())

    assert b"@MayoClinic" in second.content
    assert second.content == first.content


def test_an_edit_redraws_its_entitys_page_and_the_search_but_not_another_entitys_page(
    two_hospitals, staff, django_assert_num_queries, django_capture_on_commit_callbacks
):
    mayo, olmsted = two_hospitals
    for url in (mayo.get_absolute_url(), olmsted.get_absolute_url(), "/registry/"):
        visit(url)

    with django_capture_on_commit_callbacks(execute=True):
        account_services.add_account(
            actor=staff,
            entity=mayo,
            address="https://www.youtube.com/@mayoclinic",
            followers=1_500_000,
            checked_on=date(2024, 12, 31),
        )

    assert b"@mayoclinic" in visit(mayo.get_absolute_url()).content
    assert b'YouTube <span class="chip-count">1.5M</span>' in visit("/registry/").content
    with django_assert_num_queries(0):
        visit(olmsted.get_absolute_url())


def test_an_import_redraws_every_entity_page(
    two_hospitals, staff, django_capture_on_commit_callbacks
):
    mayo, olmsted = two_hospitals
    pages = [mayo.get_absolute_url(), olmsted.get_absolute_url()]
    for url in pages:
        visit(url)

    import_accounts(
        staff,
        django_capture_on_commit_callbacks,
        [
            [
                "240010",
                "Instagram",
                "https://www.instagram.com/mayoclinic/",
                "1200000",
                "2024-12-31",
            ],
            ["240006", "Instagram", "https://www.instagram.com/olmstedmed/", "900", "2024-12-31"],
        ],
    )

    assert b"instagram.com/mayoclinic" in visit(pages[0]).content
    assert b"instagram.com/olmstedmed" in visit(pages[1]).content


def test_the_adoption_page_drawn_while_statistics_are_refreshed_is_drawn_again_after(
    two_hospitals, staff, django_capture_on_commit_callbacks
):
    """After a change, until the task has computed today's figures, the page shows those of
    the data before it: that copy must not outlive the refresh."""
    mayo, _ = two_hospitals
    with django_capture_on_commit_callbacks(execute=True):
        account_services.add_account(actor=staff, entity=mayo, address="x.com/mayoclinic2")
    cache.set(freshness.REFRESH_KEY, "the-queued-refresh")
    assert drawn_by_its_view(visit("/registry/adoption/"))
    assert not drawn_by_its_view(visit("/registry/adoption/"))

    freshness.statistics_refreshed(freshness.data_version(), "the-queued-refresh")

    assert drawn_by_its_view(visit("/registry/adoption/"))


def drawn_by_its_view(response) -> bool:
    """The test client records the templates a view renders; a stored page renders none."""
    return response.context is not None


def import_accounts(staff, on_commit, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["CCN", "Platform", "URL", "Followers", "Checked On"], *rows])
    upload = ContentFile(buffer.getvalue().encode(), name="accounts.csv")
    with on_commit(execute=True):
        job = imports.upload_import(actor=staff, kind="accounts", uploaded_file=upload)
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.problem
    with on_commit(execute=True):
        imports.start_import(actor=staff, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.problem


def test_a_signed_in_person_gets_the_page_drawn_for_them(client, two_hospitals, user):
    mayo, _ = two_hospitals
    visit(mayo.get_absolute_url())
    client.force_login(user)

    response = client.get(mayo.get_absolute_url())

    assert b"Sign out" in response.content
    assert response.context["entity"] == mayo


def test_a_changed_plan_redraws_the_pricing_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = PlanFactory(name="Community hospital", annual_price_cents=1_200_000)
    assert b"$12,000" in visit("/pricing/").content

    with django_capture_on_commit_callbacks(execute=True):
        plan.annual_price_cents = 1_500_000
        plan.save()
    assert b"$15,000" in visit("/pricing/").content

    with django_capture_on_commit_callbacks(execute=True):
        plan.delete()
    assert b"Community hospital" not in visit("/pricing/").content


def test_a_plan_change_not_yet_committed_keeps_the_pricing_version(
    django_capture_on_commit_callbacks,
):
    """A visitor between the save and the commit would see the old plans: they must not be
    kept under the new version."""
    from socialrx.membership.selectors import plans_version  # noqa: PLC0415 - read in the test only

    before = plans_version()
    with django_capture_on_commit_callbacks(execute=False):
        PlanFactory(name="Community hospital", annual_price_cents=1_200_000)
        assert plans_version() == before


def test_every_spelling_of_a_public_id_shares_one_entity_version():
    """The entity page accepts a public id without dashes or in braces: an edit must redraw
    the pages kept under each spelling."""
    canonical = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    spellings = [canonical, canonical.upper(), canonical.replace("-", ""), f"{{{canonical}}}"]

    keys = {freshness.entity_key("health-systems", spelling) for spelling in spellings}

    assert keys == {f"registry:entity-version:health-systems:{canonical}"}
    assert freshness.entity_key("hospitals", "24001a") == "registry:entity-version:hospitals:24001a"
