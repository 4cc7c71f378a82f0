"""A person's events and tickets, the ticket PDF, renaming an attendee and cancelling a ticket."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.pdf_downloads import limits_pdf_downloads

from ..calendars import describe_moment, describe_span
from ..forms_tickets import RenameForm
from ..models import AttendeeStatus
from ..pdf import ticket_pdf, ticket_reference, where
from ..selectors import tickets as selectors
from ..services import cancellation, rename
from ..services.ticket_money import rule_at


@login_required
def my_events(request):
    """The person's tickets and the orders they placed for others: upcoming events first, then
    past ones (newest first) folded away."""
    now = timezone.now()
    tickets = selectors.tickets_of(request.user, now=now)
    orders = selectors.orders_of(request.user, now=now)
    rows = selectors.ticket_rows(request.user, tickets, now=now)
    order_rows = selectors.order_rows(request.user, orders, own={t.pk for t in tickets}, now=now)
    upcoming, past = selectors.split_past(rows, lambda row: row.attendee.event, now=now)
    upcoming_orders, past_orders = selectors.split_past(
        order_rows, lambda row: row.order.event, now=now
    )
    return render(
        request,
        "events/tickets/my_events.html",
        {
            "rows": upcoming,
            "orders": upcoming_orders,
            "past_rows": past,
            "past_orders": past_orders,
            "has_tickets": bool(rows),
            "now": now,
        },
    )


@login_required
@limits_pdf_downloads
def ticket_pdf_view(request, public_id):
    attendee = selectors.attendee_for(request.user, public_id)
    if attendee.status != AttendeeStatus.CONFIRMED:
        raise NotFound("Ticket not found.")
    response = HttpResponse(ticket_pdf([attendee]), content_type="application/pdf")
    filename = f"ticket-{attendee.event.slug}-{ticket_reference(attendee)}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # it carries the ticket's door token
    return response


def _ticket_context(attendee) -> dict:
    event = attendee.event
    return {
        "attendee": attendee,
        "event": event,
        "span": describe_span(event),
        "where": where(event),
        "rename_until": describe_moment(event.rename_until, event),
    }


@login_required
@require_http_methods(["GET", "POST"])
def attendee_rename(request, public_id):
    attendee = selectors.attendee_for(request.user, public_id, "events.manage_order")
    form = RenameForm(
        request.POST if request.method == "POST" else None,
        initial=RenameForm.initial_of(attendee),
    )
    closed = ""
    if attendee.status == AttendeeStatus.CANCELLED:
        closed = "This ticket is cancelled: it cannot be transferred."
    elif timezone.now() > attendee.event.rename_until:
        closed = (
            "Tickets could be transferred until "
            f"{describe_moment(attendee.event.rename_until, attendee.event)}."
        )
    if request.method == "POST" and form.is_valid():
        try:
            renamed = rename.rename_attendee(request.user, attendee, form.details())
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            messages.success(
                request,
                f"The ticket is now {renamed.full_name}'s: a new ticket was emailed to "
                f"{renamed.email} and the previous one no longer works.",
            )
            return redirect("events:my_events")
    context = _ticket_context(attendee) | {"form": form, "closed": closed}
    status = 400 if request.method == "POST" else 200
    return render(request, "events/tickets/rename.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ticket_cancel(request, public_id):
    attendee = selectors.attendee_for(request.user, public_id)
    error = ""
    if request.method == "POST":
        try:
            cancelled = cancellation.cancel_attendee(request.user, attendee)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(
                request,
                f"The ticket of {cancelled.full_name} is cancelled. {cancelled.refund_note}",
            )
            return redirect("events:my_events")
    elif attendee.status == AttendeeStatus.CANCELLED:
        error = "This ticket is already cancelled."
    elif timezone.now() >= attendee.event.ends_at:
        error = f"{attendee.event.title} has taken place: its tickets can no longer be cancelled."
    context = _ticket_context(attendee) | {"rule": rule_at(attendee.event), "error": error}
    status = 400 if request.method == "POST" else 200
    return render(request, "events/tickets/cancel.html", context, status=status)
