"""Registering for an event (one or several attendees; an org admin for their organization),
then on to billing's checkout; the buyer's order page and its pay button."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.organizations.selectors import organizations_administered_by

from ..forms_registration import AttendeeFormSet, CountForm, RegisterForm
from ..models import OrderStatus, TicketKind
from ..selectors.listing import event_for_viewer
from ..selectors.orders import order_for, order_state
from ..selectors.places import event_places
from ..selectors.prices import prices_for, registration_refusal
from ..selectors.waitlist import entries_for
from ..services.registration import register as register_attendees

PREFIX = "attendee"


def checkout_url(order) -> str:
    """Billing's checkout for the order, for its buyer (the organization of a team order)."""
    query = {
        "kind": "events.ticket",
        "item": str(order.public_id),
        "quantity": order.quantity,
        "buyer": str(order.organization.public_id) if order.organization_id else "me",
    }
    return reverse("billing:checkout") + "?" + urlencode(query)


@dataclass(frozen=True)
class Row:
    ticket_type: object
    price: object  # selectors.prices.TicketPrice
    places: object  # selectors.places.TypePlaces
    waitlist_entry: object = None

    @property
    def on_sale(self) -> bool:
        return self.price.available and not self.places.sold_out

    @property
    def label(self) -> str:
        return self.ticket_type.name


def _rows(viewer, event, now) -> list[Row]:
    ticket_types = list(event.ticket_types.order_by("position", "price_cents", "name"))
    prices = prices_for(viewer, ticket_types, now=now)
    places = event_places(event, ticket_types, now=now).by_type
    waiting = entries_for(viewer, event)
    return [Row(tt, prices[tt.pk], places[tt.pk], waiting.get(tt.pk)) for tt in ticket_types]


def _count(request) -> int:
    form = CountForm(request.GET or None)
    return form.cleaned_data["count"] if form.is_bound and form.is_valid() else 1


def _me(user) -> dict:
    return {
        "full_name": user.full_name,
        "email": user.email,
        "job_title": getattr(user, "professional_title", "") or "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    """Choose a ticket type and who comes; a free order is confirmed here, a priced one goes on
    to billing's checkout with its places held."""
    event = event_for_viewer(request.user, slug)
    now = timezone.now()
    rows = _rows(request.user, event, now)
    on_sale = [row for row in rows if row.on_sale]
    organizations = {str(org.public_id): org for org in organizations_administered_by(request.user)}
    buyer_choices = [("me", f"Myself ({request.user.full_name or request.user.email})")] + [
        (key, f"Register for {org} (invoice to the organization)")
        for key, org in organizations.items()
    ]
    chosen = request.GET.get("type", "")
    if not chosen and len(on_sale) == 1:
        chosen = str(on_sale[0].ticket_type.public_id)
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        ticket_choices=[(str(row.ticket_type.public_id), row.label) for row in on_sale],
        buyer_choices=buyer_choices,
        initial={"ticket_type": chosen, "buyer": "me"},
    )
    count = _count(request)
    prefill_me = request.GET.get("me") != "0"
    initial = [_me(request.user) if prefill_me else {}] + [{} for _ in range(count - 1)]
    if request.method == "POST":
        formset = AttendeeFormSet(request.POST, prefix=PREFIX)
    else:
        formset = AttendeeFormSet(prefix=PREFIX, initial=initial)
    refusal = None
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        by_id = {str(row.ticket_type.public_id): row.ticket_type for row in on_sale}
        ticket_type = by_id[form.cleaned_data["ticket_type"]]
        organization = organizations.get(form.cleaned_data["buyer"])
        try:
            order = register_attendees(
                request.user,
                event,
                ticket_type,
                [item.details() for item in formset if item.cleaned_data],  # blanks skipped
                organization=organization,
            )
        except DomainError as error:
            add_error_to_form(form, error)
            refusal = error
        else:
            if order.status == OrderStatus.CONFIRMED:
                messages.success(
                    request,
                    f"You're registered for {event.title}: the tickets are on their way by email.",
                )
                return redirect("events:order", public_id=order.public_id)
            return redirect(checkout_url(order))
    closed = registration_refusal(event, now=now)
    context = {
        "event": event,
        "rows": rows,
        "on_sale": on_sale,
        "form": form,
        "formset": formset,
        "count": formset.total_form_count(),
        "count_form": CountForm(initial={"count": count}),
        "prefill_me": prefill_me,
        "chosen": form["ticket_type"].value() or chosen,
        "closed": closed,
        "sold_out": bool(rows) and not on_sale and not closed,
        "refusal": refusal,
        "group_types": [row for row in rows if row.ticket_type.kind == TicketKind.GROUP],
        "has_orgs": bool(organizations),
        "hold_minutes": _hold_minutes(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "events/registration/register.html", context, status=status)


def _hold_minutes() -> int:
    from django.conf import settings  # noqa: PLC0415 - read when drawn (tests override it)

    return settings.BILLING_HOLD_MINUTES


@login_required
def order(request, public_id):
    """The buyer's order (staff too): status, attendees, amount, invoice, pay while pending."""
    found = order_for(request.user, public_id)
    state = order_state(found)
    attendees = list(found.attendees.all())
    return render(
        request,
        "events/registration/order.html",
        {
            "order": found,
            "event": found.event,
            "attendees": attendees,
            "state": state,
            "line": state.line,
            "each_cents": _each_cents(state.line),
            "staff_view": allowed(request.user, "events.view_reports"),
        },
    )


def _each_cents(line) -> int | None:
    """The price of one ticket on the order's invoice line, when it holds several."""
    if line is None or line.quantity < 2 or line.amount_cents % line.quantity:
        return None
    return line.amount_cents // line.quantity


@login_required
@require_POST
def order_pay(request, public_id):
    """On to billing: the checkout of a pending order, or its open invoice."""
    found = order_for(request.user, public_id)
    state = order_state(found)
    if found.made_by_id != request.user.pk:
        messages.error(request, "Only the person who placed the order pays for it.")
        return redirect("events:order", public_id=found.public_id)
    if state.stage == "on_invoice":
        return redirect("billing:invoice", state.line.invoice.public_id)
    if state.stage in ("checkout", "expired"):
        return redirect(checkout_url(found))
    if state.stage == "confirmed":
        messages.info(request, "This order is already confirmed: nothing to pay.")
    else:
        messages.error(request, "This order was cancelled; register again.")
    return redirect("events:order", public_id=found.public_id)
