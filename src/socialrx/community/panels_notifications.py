"""The dashboard's "Forum notifications" panel (declared in menus.py): the unread count and the
latest notifications, for people who may read the community and have any. Two queries."""

from __future__ import annotations

from socialrx.core.permissions import allowed

from .selectors.notifications import panel


def notifications(request) -> dict | None:
    user = request.user
    if not allowed(user, "community.read"):
        return None
    found = panel(user)
    if not found.latest:
        return None
    return {"unread": found.unread, "latest": found.latest}
