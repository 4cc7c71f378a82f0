"""The version of what the pricing page shows: moved once any change of a plan commits,
whoever made it (staff's plan editor, the admin, the demo), so the page kept for anonymous
visitors (core.pagecache) is drawn again; reading it costs no query."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

PLANS_VERSION_KEY = "membership:plans-version"


def plans_version(request=None) -> str:
    # A fresh number, never a reused one: were the key evicted, no page kept under an earlier
    # value can be found again.
    return str(cache.get_or_set(PLANS_VERSION_KEY, time.time_ns, None))


def plans_changed(**kwargs) -> None:
    """A receiver of Plan's post_save and post_delete (connected in apps.ready)."""
    transaction.on_commit(lambda: cache.set(PLANS_VERSION_KEY, time.time_ns(), None))
