"""The library home (and each search of it) and the news list are served to anonymous visitors
from the page cache: no query on a second visit; drawn again once a resource or a news post is
written (published, withdrawn, re-tagged), and never served to a signed-in person."""

import pytest
from django.test import Client

from socialrx.library import freshness
from socialrx.library.models import Access, ResourceStatus
from tests.library.factories import make_resource, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.mark.parametrize("url", ["/library/", "/library/?q=crisis", "/news/"])
def test_a_second_anonymous_visit_is_served_from_the_cache(django_assert_num_queries, url):
    make_resource(title="Crisis first hour", summary="The first hour of a crisis.")
    first = Client().get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_publishing_and_withdrawing_show_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_resource(title="Consent for patient stories", status=ResourceStatus.DRAFT)
    assert "Consent for patient stories" not in Client().get("/library/").content.decode()
    before = freshness.catalogue_version()

    with django_capture_on_commit_callbacks(execute=True):
        draft.status = ResourceStatus.PUBLISHED
        draft.save(update_fields=["status"])

    assert freshness.catalogue_version() != before
    assert "Consent for patient stories" in Client().get("/library/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        draft.status = ResourceStatus.WITHDRAWN
        draft.save(update_fields=["status"])
    assert "Consent for patient stories" not in Client().get("/library/").content.decode()


def test_a_signed_in_member_is_never_served_a_visitors_copy(client):
    make_resource(title="Members checklist", access=Access.MEMBER)
    Client().get("/library/")  # a visitor's copy is stored
    _, _, member = member_org()
    client.force_login(member)

    page = client.get("/library/").content.decode()

    assert "My reading history" in page
