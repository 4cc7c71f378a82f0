"""The community pages `make bench` measures (see socialrx.core.benchmarks), all as the
signed-in member the bench uses: the forums' home, the category with the most threads, the
first page of the longest visible thread, and the member directory."""

from __future__ import annotations

from django.urls import reverse

from socialrx.core.benchmarks import MEMBER, BenchPage

from .models import Category, Thread


def busiest_category() -> str | None:
    slug = (
        Category.objects.order_by("-thread_count", "position", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("community:category", args=[slug]) if slug else None


def longest_thread() -> str | None:
    public_id = (
        Thread.objects.filter(is_hidden=False)
        .order_by("-post_count", "pk")
        .values_list("public_id", flat=True)
        .first()
    )
    return reverse("community:thread", args=[public_id]) if public_id else None


PAGES = [
    BenchPage("Forums (signed-in member)", "/community/", order=85, visitor=MEMBER, public=False),
    BenchPage(
        "Forum category (signed-in member)",
        busiest_category,
        order=86,
        visitor=MEMBER,
        public=False,
    ),
    BenchPage(
        "Forum thread (signed-in member)", longest_thread, order=87, visitor=MEMBER, public=False
    ),
    BenchPage(
        "Member directory (signed-in member)",
        "/community/directory/",
        order=88,
        visitor=MEMBER,
        public=False,
    ),
]
