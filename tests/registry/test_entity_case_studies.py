"""A registry listing claimed by an organization shows what other apps publish for it (the
library's case studies) through core.related, and its page kept for visitors is drawn again
when those items change (`core.related.organization_items_changed`). A fake provider: the
library's own is tested in tests/library/."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core import related
from socialrx.core.related import RelatedItem, RelatedProvider
from tests.factories import org_with_admin
from tests.registry.factories import EntityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CASE_STUDY = RelatedItem(
    "Case study",
    "How Mercy cut response times in half",
    "/library/how-mercy-cut-response-times/",
    summary="Facebook messages answered within the hour.",
)
SECOND = RelatedItem("Case study", "Recruiting nurses on Instagram", "/library/recruiting/")


class Library:
    """A provider answering `items` for every organization asked about; records the calls."""

    def __init__(self, items):
        self.items, self.calls = list(items), []

    def __call__(self, user, organization_ids):
        self.calls.append((user, list(organization_ids)))
        return {org_id: list(self.items) for org_id in organization_ids} if self.items else {}


@pytest.fixture
def library(monkeypatch):
    provider = Library([CASE_STUDY])
    monkeypatch.setattr(
        related, "providers", lambda: (("library", RelatedProvider(for_organizations=provider)),)
    )
    return provider


@pytest.fixture
def claimed():
    organization, _ = org_with_admin(name="Mercy Health")
    return EntityFactory(name="MERCY HOSPITAL", organization=organization)


def test_a_claimed_listing_shows_its_organizations_case_studies(client, claimed, library):
    response = client.get(claimed.get_absolute_url())

    assertContains(response, '<h2 id="case-studies-title">Case studies</h2>', html=True)
    assertContains(
        response,
        '<a href="/library/how-mercy-cut-response-times/">How Mercy cut response times in half</a>',
        html=True,
    )
    assertContains(response, "Facebook messages answered within the hour.")
    [(user, ids)] = library.calls
    assert ids == [claimed.organization_id]
    assert not user.is_authenticated


def test_a_signed_in_person_is_asked_about_as_themselves(client, claimed, library, user):
    client.force_login(user)
    client.get(claimed.get_absolute_url())
    assert library.calls == [(user, [claimed.organization_id])]


def test_an_organization_without_case_studies_shows_no_section(client, claimed, library):
    library.items = []
    assertNotContains(client.get(claimed.get_absolute_url()), "Case studies")


def test_a_listing_nobody_claimed_asks_no_app(client, library):
    unclaimed = EntityFactory(name="COUNTY HOSPITAL")

    response = client.get(unclaimed.get_absolute_url())

    assertNotContains(response, "Case studies")
    assert library.calls == []


def test_a_published_case_study_reaches_the_page_kept_for_visitors(
    claimed, library, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 600
    url = claimed.get_absolute_url()
    Client().get(url)
    library.items = [CASE_STUDY, SECOND]
    with django_assert_num_queries(0):  # nothing said it changed: the kept page
        assertNotContains(Client().get(url), "Recruiting nurses on Instagram")

    with django_capture_on_commit_callbacks(execute=True):
        related.organization_items_changed()  # what the library's publishing service calls

    assertContains(Client().get(url), "Recruiting nurses on Instagram")
