"""The dashboard panel of the site's own pages, for center staff: the contact form's messages
waiting for an answer (one query)."""

from __future__ import annotations

from .selectors.site import waiting_count


def contact_queue(request) -> dict:
    return {"waiting": waiting_count()}
