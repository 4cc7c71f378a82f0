"""The toolkit's home (/toolkit/, everyone): the four tools for the champion who must convince
leadership, legal and IT, each leading to its tool; for a signed-in person, where their
organizations stand with them (the dashboard panel's rows: one query)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialrx.core.permissions import org_roles

from ..selectors.dashboard import toolkit_rows


@require_GET
def home(request):
    roles = org_roles(request.user)
    return render(
        request,
        "toolkit/home.html",
        {"rows": toolkit_rows(list(roles)) if roles else []},
    )
