"""The library pages `make bench` measures (see socialrx.core.benchmarks): the library's home
and a search with a query (as a visitor), the page of the most used resource for members (as
the signed-in member the bench uses), the podcast's RSS feed and the news."""

from __future__ import annotations

from django.urls import reverse

from socialrx.core.benchmarks import MEMBER, BenchPage

from .models import Access, Resource, ResourceStatus

SEARCH = "/library/?q=social+media+policy"


def most_used_member_resource() -> str | None:
    """The published members' resource used most (the earliest published of equals)."""
    slug = (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED, access=Access.MEMBER)
        .order_by("-use_count", "published_on", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("library:resource", args=[slug]) if slug else None


PAGES = [
    BenchPage("Library home", "/library/", order=80),
    BenchPage("Library search (q=social media policy)", SEARCH, order=81),
    BenchPage(
        "Resource page (signed-in member)",
        most_used_member_resource,
        order=82,
        visitor=MEMBER,
        public=False,
    ),
    BenchPage("Podcast feed", "/podcast/feed.xml", order=83),
    BenchPage("News", "/news/", order=84),
]
