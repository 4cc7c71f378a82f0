"""save_post: staff write the center's news in Markdown (sanitised), save drafts, publish
(dated when first published; republishing keeps the date), unpublish; the address is made from
the title when empty and is unique; each change is audited; others are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import NewsPost
from socialrx.library.services.news import save_post

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

POST = {
    "title": "Spring boot camp dates",
    "slug": "",
    "summary": "Three cohorts from March to May.",
    "body": "## Dates\n\nMarch 9–11. <script>alert(1)</script>",
}


def _actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="library.news_post")
        .values_list("action", flat=True)
        .order_by("id")
    )


def test_a_draft_is_saved_with_its_address_made_from_the_title(staff):
    post = save_post(actor=staff, post=None, data=POST)

    assert post.slug == "spring-boot-camp-dates"
    assert post.published_at is None
    assert post.author == staff
    assert (
        post.body_html
        == "<h2>Dates</h2>\n<p>March 9–11. &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )
    assert _actions() == ["library.news_post.created"]


def test_publishing_dates_the_post_once(staff):
    with time_machine.travel(datetime(2026, 3, 2, 15, 0, tzinfo=UTC), tick=False):
        post = save_post(actor=staff, post=None, data=POST, action="publish")
    with time_machine.travel(datetime(2026, 3, 5, 15, 0, tzinfo=UTC), tick=False):
        post = save_post(
            actor=staff, post=post, data=POST | {"title": "Spring dates"}, action="publish"
        )

    assert post.published_at == datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    assert post.title == "Spring dates"
    assert post.slug == "spring-dates"
    assert _actions() == ["library.news_post.published", "library.news_post.updated"]


def test_unpublishing_makes_it_a_draft_again(staff):
    post = save_post(actor=staff, post=None, data=POST, action="publish")

    post = save_post(actor=staff, post=post, data=POST, action="unpublish")

    assert post.published_at is None
    assert _actions() == ["library.news_post.published", "library.news_post.unpublished"]
    event = AuditEvent.objects.get(action="library.news_post.unpublished")
    assert event.after["published_at"] is None


def test_an_address_in_use_is_refused(staff):
    save_post(actor=staff, post=None, data=POST | {"slug": "spring"})

    with pytest.raises(DomainError) as refused:
        save_post(actor=staff, post=None, data=POST | {"title": "Other", "slug": "spring"})

    assert (refused.value.field, refused.value.message) == (
        "slug",
        "Another news post already has this address: choose another.",
    )
    assert NewsPost.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "This field is required."),
        ({"summary": ""}, "summary", "This field is required."),
        ({"body": "x" * 50_001}, "body", "Keep this to 50,000 characters."),
        (
            {"title": "!!!", "slug": ""},
            "slug",
            "Give the post an address made of letters or numbers.",
        ),
    ],
)
def test_bad_input_is_refused_with_nothing_written(staff, changes, field, message):
    with pytest.raises(DomainError) as refused:
        save_post(actor=staff, post=None, data=POST | changes)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert not NewsPost.objects.exists()


def test_an_unknown_action_is_refused(staff):
    with pytest.raises(DomainError):
        save_post(actor=staff, post=None, data=POST, action="delete")

    assert not NewsPost.objects.exists()


def test_people_who_are_not_staff_are_refused(org_a):
    _, admin, _ = org_a

    with pytest.raises(PermissionDenied):
        save_post(actor=admin, post=None, data=POST, action="publish")

    assert not NewsPost.objects.exists()
