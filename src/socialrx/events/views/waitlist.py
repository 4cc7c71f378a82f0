"""The waitlist's pages for the person waiting: joining a sold-out ticket type, leaving, and the
time-limited claim link of an offered place."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import Conflict, DomainError, NotFound, add_error_to_form

from ..forms_waitlist import ClaimForm
from ..models import EventStatus, OrderStatus, TicketType, WaitlistEntry
from ..selectors.prices import price_for
from ..selectors.waitlist import position
from ..services import waitlist as service
from ..services import waitlist_claim


def _reverse_first(candidates) -> str | None:
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def event_url(event) -> str:
    return _reverse_first([("events:event", [event.slug])]) or "/"


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _ticket_type(slug: str, public_id) -> TicketType:
    """A ticket type of a published event (staff also reach drafts, to be refused by rule)."""
    ticket_type = (
        TicketType.objects.select_related("event")
        .filter(public_id=public_id, event__slug=slug)
        .first()
    )
    if ticket_type is None or ticket_type.event.status == EventStatus.DRAFT:
        raise NotFound("Ticket type not found.")
    return ticket_type


@login_required
@require_POST
def join(request, slug, public_id):
    ticket_type = _ticket_type(slug, public_id)
    try:
        entry = service.join_waitlist(request.user, ticket_type)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"You are on the waitlist for {ticket_type.name}: number {position(entry)} in the "
            "queue. We will email you a link to claim a place if one frees for you.",
        )
    return redirect(_next_or(request, event_url(ticket_type.event)))


def _own_entry(request, public_id) -> WaitlistEntry:
    entry = (
        WaitlistEntry.objects.select_related("event", "ticket_type", "person")
        .filter(public_id=public_id, person_id=request.user.pk)
        .first()
    )
    if entry is None:
        raise NotFound("Waitlist entry not found.")
    return entry


@login_required
@require_POST
def leave(request, public_id):
    entry = _own_entry(request, public_id)
    try:
        service.leave_waitlist(request.user, entry)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"You left the waitlist for {entry.ticket_type.name}.")
    return redirect(_next_or(request, event_url(entry.event)))


def after_claim_url(order) -> str:
    """Billing's checkout for a priced order; the order's page (or the person's events) once
    confirmed."""
    if order.status == OrderStatus.PENDING:
        query = {
            "kind": "events.ticket",
            "item": str(order.public_id),
            "quantity": order.quantity,
            "buyer": "me",
        }
        return reverse("billing:checkout") + "?" + urlencode(query)
    return _reverse_first(
        [("events:order", [order.public_id]), ("events:my_events", [])]
    ) or event_url(order.event)


@login_required
@require_http_methods(["GET", "POST"])
def claim(request, public_id, token):
    """The offer for its person: GET shows it with the attendee form; POST registers. Another
    person's entry or a forged token is not found; a closed offer says why (409), writing
    nothing."""
    entry = _own_entry(request, public_id)
    try:
        waitlist_claim.check_claim(request.user, entry, token)
    except Conflict as refusal:
        return _claim_page(request, entry, token, None, error=refusal.message, status=409)
    form = ClaimForm(request.POST if request.method == "POST" else None, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            order = waitlist_claim.claim_offer(request.user, entry, token, form.details())
        except Conflict as refusal:
            entry.refresh_from_db()
            return _claim_page(request, entry, token, None, error=refusal.message, status=409)
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            if order.status == OrderStatus.PENDING:
                messages.success(request, "Your place is held: pay to confirm it.")
            else:
                messages.success(request, "Your place is confirmed: your ticket is on its way.")
            return redirect(after_claim_url(order))
    status = 400 if request.method == "POST" else 200
    return _claim_page(request, entry, token, form, status=status)


def _claim_page(request, entry, token, form, *, error: str = "", status: int = 200):
    price = None if error else price_for(request.user, entry.ticket_type)
    return render(
        request,
        "events/waitlist/claim.html",
        {
            "entry": entry,
            "event": entry.event,
            "ticket_type": entry.ticket_type,
            "price": price,
            "form": form,
            "token": token,
            "error": error,
            "event_url": event_url(entry.event),
        },
        status=status,
    )
