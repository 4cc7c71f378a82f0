"""News test data: posts published a given number of days ago, and drafts."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.utils import timezone

from socialrx.core.markdown import render
from socialrx.library.models import NewsPost

_numbers = count(1)


def make_post(
    *,
    title: str | None = None,
    published_days_ago: int | None = 1,
    published_at=None,
    body: str = "## What changes\n\nThe library is open to members.",
) -> NewsPost:
    number = next(_numbers)
    title = title or f"News {number}"
    if published_at is None and published_days_ago is not None:
        published_at = timezone.now() - timedelta(days=published_days_ago)
    return NewsPost.objects.create(
        slug=f"news-{number}",
        title=title,
        summary=f"Summary of {title}.",
        body=body,
        body_html=render(body),
        published_at=published_at,
    )
