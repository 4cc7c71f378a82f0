"""The community pages `make bench` measures (`community.bench.PAGES`): found in the demo,
skipped when the data has none, and rendered for the signed-in member the bench uses."""

import pytest
from django.contrib.auth import get_user_model

from socialrx.community import bench
from socialrx.community.models import Thread
from socialrx.membership.selectors import first_member_admin_id

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def pages() -> dict[str, str | None]:
    return {page.name: page.url() for page in bench.PAGES}


def test_the_bench_finds_its_pages_in_the_demo(demo_small):
    # Every category holds one thread at most: the first in order ("Getting started") is
    # measured; four threads have three posts, the HIPAA question was written first.
    hipaa = Thread.objects.get(title__startswith="A patient tagged us")

    assert pages() == {
        "Forums (signed-in member)": "/community/",
        "Forum category (signed-in member)": "/community/c/getting-started/",
        "Forum thread (signed-in member)": f"/community/t/{hipaa.public_id}/",
        "Member directory (signed-in member)": "/community/directory/",
    }


def test_every_page_renders_for_the_member(demo_small, client):
    client.force_login(get_user_model().objects.get(pk=first_member_admin_id()))

    for page in bench.PAGES:
        assert page.visitor == "member"
        response = client.get(page.url(), secure=True)
        assert response.status_code == 200, page.name


def test_the_category_and_thread_are_skipped_when_the_forum_is_empty(db):
    assert pages() == {
        "Forums (signed-in member)": "/community/",
        "Forum category (signed-in member)": None,
        "Forum thread (signed-in member)": None,
        "Member directory (signed-in member)": "/community/directory/",
    }
