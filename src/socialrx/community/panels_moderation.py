"""The staff dashboard's "Flags waiting" panel (declared in menus.py): how many flags are open
and the oldest one's post. Two queries."""

from __future__ import annotations

from socialrx.core.permissions import allowed

from .selectors.moderation import flags_panel


def flags(request) -> dict | None:
    if not allowed(request.user, "community.moderate"):
        return None
    found = flags_panel()
    return {"waiting": found.waiting, "oldest": found.oldest}
