"""The door: a phone-first page to scan tickets or find attendees by name, and the small JSON
endpoints its script calls (scan, search, counts). Everything also works without JavaScript:
the search is a GET form, each result's button a POST that comes back with a message."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from socialrx.core.permissions import require

from ..models import AttendeeStatus
from ..selectors import check_in as selectors
from ..services import check_in as service

TOKEN_LENGTH = 300
_LEVEL = {"success": messages.SUCCESS, "warning": messages.WARNING, "error": messages.ERROR}


def _door_event(request, slug):
    require(request.user, "events.check_in")
    return selectors.door_event(slug)


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.content_type == "application/json" or "application/json" in accept


def _door(value) -> str:
    return service.clean_door(value if isinstance(value, str) else "")


def _back(event, *, door: str = "", q: str = ""):
    url = reverse("events:check_in", args=[event.slug])
    query = {key: value for key, value in (("door", door), ("q", q)) if value}
    return redirect(f"{url}?{urlencode(query)}" if query else url)


def attendee_row(attendee, event) -> dict:
    """What the door shows of one search result, and whether it may be checked in now."""
    record = service.existing_check_in(attendee)
    if record is not None:
        state, tone = service.describe_earlier(record, event, lead="Checked in"), "warning"
    elif attendee.status == AttendeeStatus.CANCELLED:
        state, tone = "Ticket cancelled", "error"
    elif attendee.status != AttendeeStatus.CONFIRMED:
        state, tone = "Not paid: awaiting payment", "error"
    else:
        state, tone = "Not checked in yet", "neutral"
    return {
        "attendee": attendee,
        "state": state,
        "tone": tone,
        "can_check_in": record is None and attendee.status == AttendeeStatus.CONFIRMED,
        "url": reverse("events:check_in_attendee", args=[event.slug, attendee.public_id]),
    }


def _row_json(row: dict) -> dict:
    attendee = row["attendee"]
    return {
        "id": str(attendee.public_id),
        "name": attendee.full_name,
        "email": attendee.email,
        "job_title": attendee.job_title,
        "organization": attendee.organization_name,
        "ticket_type": attendee.ticket_type.name,
        "status": attendee.status,
        "state": row["state"],
        "tone": row["tone"],
        "can_check_in": row["can_check_in"],
        "check_in_url": row["url"],
    }


def _search_context(event, q: str) -> dict:
    words = selectors.search_words(q)
    return {
        "rows": [attendee_row(a, event) for a in selectors.search_attendees(event, q)],
        "q": q,
        "searched": bool(words),
        "too_short": bool(words) and len("".join(words)) < selectors.SEARCH_MIN_LENGTH,
        "limit": selectors.SEARCH_LIMIT,
    }


@login_required
@require_GET
def check_in_page(request, slug):
    event = _door_event(request, slug)
    q = request.GET.get("q", "")[:200]
    door = _door(request.GET.get("door", ""))
    context = {
        "event": event,
        "door": door,
        "counts": selectors.door_counts(event),
        "ticket_types": selectors.ticket_types(event),
        **_search_context(event, q),
    }
    return render(request, "events/check_in/page.html", context)


def _scan_input(request) -> tuple[str, str]:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ValueError("The request is not valid JSON.") from None
        if not isinstance(data, dict):
            raise ValueError("Send an object with a token.")
    else:
        data = request.POST
    token = data.get("token", "")
    if not isinstance(token, str) or not token.strip():
        raise ValueError("Scan a ticket or type its code.")
    if len(token) > TOKEN_LENGTH:
        token = ""  # longer than any ticket's code: not a ticket
    return token, _door(data.get("door", ""))


@login_required
@require_POST
def scan(request, slug):
    """A scanned (or typed) ticket code: JSON for the page's script; a form without
    JavaScript comes back to the page with the answer as a message."""
    event = _door_event(request, slug)
    try:
        token, door = _scan_input(request)
    except ValueError as error:
        if _wants_json(request):
            return JsonResponse({"error": str(error)}, status=400)
        messages.error(request, str(error))
        return _back(event, door=_door(request.POST.get("door", "")))
    result = service.check_in_token(request.user, event, token, door=door)
    if _wants_json(request):
        return JsonResponse(result.as_json())
    messages.add_message(request, _LEVEL[result.tone], result.message)
    return _back(event, door=door)


@login_required
@require_GET
def search(request, slug):
    """Up to 20 attendees by name, email or organization: an HTML fragment for the page (or
    JSON with `?format=json` or an Accept of application/json)."""
    event = _door_event(request, slug)
    q = request.GET.get("q", "")[:200]
    context = _search_context(event, q)
    if request.GET.get("format") == "json" or _wants_json(request):
        return JsonResponse({"q": q, "results": [_row_json(row) for row in context["rows"]]})
    context.update(event=event, door=_door(request.GET.get("door", "")))
    return render(request, "events/check_in/_results.html", context)


@login_required
@require_POST
def check_in_attendee(request, slug, public_id):
    """Check in an attendee found by search."""
    event = _door_event(request, slug)
    attendee = selectors.door_attendee(event, public_id)
    door = _door(request.POST.get("door", ""))
    result = service.check_in(request.user, event, attendee, door=door, method="search")
    if _wants_json(request):
        return JsonResponse(result.as_json())
    messages.add_message(request, _LEVEL[result.tone], result.message)
    return _back(event, door=door, q=request.POST.get("q", "")[:200])


@login_required
@require_GET
def counts(request, slug):
    event = _door_event(request, slug)
    return JsonResponse(selectors.door_counts(event).as_json())
