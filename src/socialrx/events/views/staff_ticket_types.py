"""Staff's ticket types of an event: the list with what each has sold and has left, adding one,
and editing one. Center staff only (`events.manage_events`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.permissions import require

from ..forms_registration import TicketTypeForm
from ..models import TicketType
from ..selectors.orders import staff_ticket_rows
from ..selectors.staff_events import staff_event
from ..services import ticket_types as service

# The form's fields each service field's refusal is shown beside.
FIELD_OF = {"price_cents": "price"}


def _refused(form, error: DomainError) -> None:
    error.field = FIELD_OF.get(error.field, error.field)
    add_error_to_form(form, error)


@login_required
@require_http_methods(["GET", "POST"])
def ticket_types(request, slug):
    require(request.user, "events.manage_events")
    event = staff_event(slug)
    form = TicketTypeForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            created = service.create_ticket_type(request.user, event, form.data_for_service())
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{created.name} tickets were added.")
            return redirect("events:staff_ticket_types", slug=event.slug)
    rows, places = staff_ticket_rows(event)
    return render(
        request,
        "events/registration/staff_ticket_types.html",
        {"event": event, "rows": rows, "form": form, "places": places},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ticket_type_edit(request, slug, public_id):
    require(request.user, "events.manage_events")
    event = staff_event(slug)
    ticket_type = TicketType.objects.filter(event=event, public_id=public_id).first()
    if ticket_type is None:
        raise NotFound("Ticket type not found.")
    form = TicketTypeForm(request.POST or None, event=event, ticket_type=ticket_type)
    if request.method == "POST" and form.is_valid():
        try:
            service.update_ticket_type(request.user, ticket_type, form.data_for_service())
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} was saved.")
            return redirect("events:staff_ticket_types", slug=event.slug)
    return render(
        request,
        "events/registration/staff_ticket_type_form.html",
        {"event": event, "ticket_type": ticket_type, "form": form},
        status=400 if request.method == "POST" else 200,
    )
