"""Name badges for an event's confirmed attendees, as a printable PDF sheet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from socialrx.core.pdf_downloads import limits_pdf_downloads
from socialrx.core.permissions import require

from ..badges import badge_sheet_pdf
from ..selectors import check_in as selectors


@login_required
@require_GET
@limits_pdf_downloads
def badges_pdf(request, slug):
    """`?ticket_type=<public id>` prints one ticket type's badges."""
    require(request.user, "events.check_in")
    event = selectors.door_event(slug)
    ticket_type = selectors.badge_ticket_type(event, request.GET.get("ticket_type", ""))
    attendees = selectors.badge_attendees(event, ticket_type)
    pdf = badge_sheet_pdf(event, attendees, ticket_type=ticket_type)
    name = f"badges-{event.slug}"
    if ticket_type is not None:
        name += f"-{slugify(ticket_type.name)[:40]}"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
