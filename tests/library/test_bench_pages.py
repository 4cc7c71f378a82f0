"""The library pages `make bench` measures (`library.bench.PAGES`): found in the demo, skipped
when the data has none, and rendered for the visitor each is measured as."""

import pytest
from django.contrib.auth import get_user_model

from socialrx.library import bench
from socialrx.library.models import Resource
from socialrx.membership.selectors import first_member_admin_id
from tests.library.factories import make_resource

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def pages() -> dict[str, str | None]:
    return {page.name: page.url() for page in bench.PAGES}


def test_the_bench_finds_its_pages_in_the_demo(demo_small):
    measured = Resource.objects.get(slug=pages()["Resource page (signed-in member)"].split("/")[3])

    assert (measured.status, measured.access) == ("published", "member")
    assert not Resource.objects.filter(
        status="published", access="member", use_count__gt=measured.use_count
    ).exists()
    assert pages()["Library search (q=social media policy)"] == "/library/?q=social+media+policy"


def test_every_page_renders_for_its_visitor(demo_small, client):
    for page in bench.PAGES:
        if page.visitor == "member":
            client.force_login(get_user_model().objects.get(pk=first_member_admin_id()))
        else:
            client.logout()
        response = client.get(page.url(), secure=True)
        assert response.status_code == 200, page.name


def test_the_resource_page_is_skipped_without_a_members_resource(db):
    assert pages()["Resource page (signed-in member)"] is None

    make_resource(title="Public guide", access="public")
    assert pages()["Resource page (signed-in member)"] is None

    quiet = make_resource(title="Quiet template", access="member")
    busy = make_resource(title="Busy template", access="member")
    Resource.objects.filter(pk=busy.pk).update(use_count=7)
    assert pages()["Resource page (signed-in member)"] == f"/library/r/{busy.slug}/"
    assert quiet.slug != busy.slug
