"""The dashboard's "Toolkit" panel (declared in menus.py): for each of the person's
organizations, where it stands with the four tools (latest assessment, policy, checks saved
in the last 90 days, latest executive brief), each with its link. Left out when none of them
has anything yet."""

from __future__ import annotations

from socialrx.core.permissions import org_roles

from .selectors.dashboard import toolkit_rows


def organization_toolkit(request) -> dict | None:
    """One query however many organizations and rows (the person's org roles are cached for
    the request by core.permissions)."""
    roles = org_roles(request.user)
    if not roles:
        return None
    rows = [row for row in toolkit_rows(list(roles)) if row.has_anything]
    if not rows:
        return None
    return {"rows": rows}
