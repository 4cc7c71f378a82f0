"""The dashboard's contribution panels (declared in menus.py by the lead):

- staff's "Contributions waiting for review": how many, and the one waiting longest (two
  queries whatever the queue's length);
- a member's "Your contributions": their drafts and the contributions staff sent back, left
  out when there are none (one query)."""

from __future__ import annotations

from django.urls import reverse

from socialrx.core.permissions import allowed

from .selectors.contributions import needing_attention, waiting_for_review


def staff_reviews(request) -> dict | None:
    if not allowed(request.user, "library.manage"):
        return None
    waiting = waiting_for_review()
    return {
        "waiting": waiting,
        "queue_url": reverse("library:staff_reviews"),
        "oldest_url": reverse("library:staff_review", args=[waiting.oldest.public_id])
        if waiting.oldest is not None
        else "",
    }


def member_contributions(request) -> dict | None:
    if not allowed(request.user, "library.contribute"):
        return None
    open_items = needing_attention(request.user)
    if not open_items:
        return None
    return {
        "contributions": open_items,
        "list_url": reverse("library:my_contributions"),
    }
