"""The coaching pages `make bench` measures (`coaching.bench.PAGES`): found in the demo and in
data made here, skipped when the data has none, and rendered for the member the bench signs in
as."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import resolve
from django.utils import timezone

from socialrx.coaching import bench
from socialrx.coaching.models import Engagement
from socialrx.membership.selectors import first_member_admin_id
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]

KAREN = "karen.lindqvist@riverside-rmc.example"


def pages() -> dict[str, str | None]:
    return {page.name: page.url() for page in bench.PAGES}


def test_the_bench_finds_its_pages_in_the_demo(demo_small):
    # Karen Lindqvist, Riverside's admin, is the member the bench signs in as; of Riverside's
    # two engagements the crisis one has the most sessions (nine against five).
    crisis = Engagement.objects.get(title="Crisis readiness and review responses")

    assert get_user_model().objects.get(pk=first_member_admin_id()).email == KAREN
    assert pages() == {
        "Coaching page": "/coaching/",
        "Coach page": "/coaching/coaches/marcus-bell/",  # nine sessions
        "Engagement (signed-in member)": f"/coaching/engagements/{crisis.public_id}/",
        "Booking slots (signed-in member)": f"/coaching/engagements/{crisis.public_id}/book/",
        "My coaching (signed-in member)": "/coaching/engagements/",
    }
    for url in pages().values():
        assert resolve(url).namespace == "coaching"


def test_every_page_renders_for_its_visitor(demo_small, client):
    for page in bench.PAGES:
        if page.visitor == "member":
            client.force_login(get_user_model().objects.get(pk=first_member_admin_id()))
        else:
            client.logout()
        response = client.get(page.url(), secure=True)
        assert response.status_code == 200, page.name


def test_the_bench_pages_are_skipped_when_the_data_has_none(db):
    assert pages() == {
        "Coaching page": "/coaching/",
        "Coach page": None,
        "Engagement (signed-in member)": None,
        "Booking slots (signed-in member)": None,
        "My coaching (signed-in member)": "/coaching/engagements/",
    }


def test_the_members_active_engagement_with_the_most_sessions_is_measured(db):
    organization, admin, _ = member_org()
    coach = make_coach()
    assert first_member_admin_id() == admin.pk
    assert pages()["Engagement (signed-in member)"] is None  # no engagement yet

    quiet = make_engagement(organization, [coach], title="Quiet")
    busy = make_engagement(organization, [coach], title="Busy")
    done = make_engagement(organization, [coach], title="Done", status="completed")
    start = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    make_session(quiet, starts_at=start)
    for day in range(1, 3):
        make_session(busy, starts_at=start + timedelta(days=day))
    for day in range(3, 6):
        make_session(done, starts_at=start + timedelta(days=day), status="held")

    assert bench.largest_engagement() == busy  # the completed one is not bookable
    assert (
        pages()["Booking slots (signed-in member)"]
        == f"/coaching/engagements/{busy.public_id}/book/"
    )
    assert pages()["Coach page"] == f"/coaching/coaches/{coach.slug}/"
