"""On-site training sold through billing. Never bought at the checkout (buyable=False): the
organization's acceptance of a proposal issues the invoice (`services.onsite.accept_onsite`),
priced by `sale_quote`.

- Paid (`on_paid`): a step "Invoice paid" on the request's timeline, audited, staff emailed;
  the status stays (accepted, or delivered when paid late).
- Voided (`on_void`) while accepted: the request goes back to "proposed" with its proposal
  standing and the trainers still booked; a step "Invoice voided" tells the organization's
  admins they may accept again (a new invoice), decline or withdraw, and staff may send a
  revised proposal. Voided after delivery: only the step (staff settle it in billing). An
  invoice the request no longer points to (voided before) changes nothing.
"""

from __future__ import annotations

from socialrx.billing.sellables import Quote, SellableKind
from socialrx.core.errors import DomainError, NotFound

from ..models import OnsiteRequest, OnsiteStatus
from ..models.onsite import OnsiteEvent
from . import onsite_notify as tell

SALE_KIND = "training.onsite"


def sale_quote(onsite: OnsiteRequest) -> Quote:
    """The invoice line of a proposal: what billing charges when it is accepted."""
    if onsite.quote_cents is None or onsite.starts_at is None:
        raise DomainError("This on-site training request has no proposal to invoice.")
    return Quote(
        description=f"On-site training at {onsite.organization}, {tell.session_date(onsite)}",
        unit_price_cents=onsite.quote_cents,
    )


def invoice_paid(line) -> None:
    """Billing's `on_paid`: the accepted session's invoice is paid; staff are told."""
    onsite = OnsiteRequest.objects.select_for_update(of=("self",)).filter(
        public_id=line.sold_public_id, invoice_id=line.invoice_id
    )
    onsite = onsite.select_related("organization").first()
    if onsite is None:
        return
    number = line.invoice.number
    tell.step(
        onsite,
        actor=None,
        event=OnsiteEvent.INVOICE_PAID,
        verb="invoice_paid",
        before={"status": onsite.status},
        after={"invoice": number},
        note=f"Invoice {number} paid.",
        tell=tell.STAFF,
    )


def invoice_voided(line) -> None:
    """Billing's `on_void`: see the module's docstring for the rule."""
    onsite = OnsiteRequest.objects.select_for_update(of=("self",)).filter(
        public_id=line.sold_public_id, invoice_id=line.invoice_id
    )
    onsite = onsite.select_related("organization").first()
    if onsite is None or onsite.status not in (OnsiteStatus.ACCEPTED, OnsiteStatus.DELIVERED):
        return
    invoice = line.invoice
    before = {"status": onsite.status, "invoice": invoice.number}
    note = f"Invoice {invoice.number} voided by the center"
    note += f" ({invoice.void_reason})." if invoice.void_reason else "."
    if onsite.status == OnsiteStatus.ACCEPTED:
        onsite.status, onsite.invoice = OnsiteStatus.PROPOSED, None
        onsite.save(update_fields=["status", "invoice", "updated_at"])
        note += (
            " The proposal stands: accept it again for a new invoice, or the center will send "
            "a revised one."
        )
    tell.step(
        onsite,
        actor=None,
        event=OnsiteEvent.INVOICE_VOIDED,
        verb="invoice_voided",
        before=before,
        note=note,
        tell=tell.ORGANIZATION,
    )


def quote_onsite(buyer, sold_public_id, quantity) -> Quote:
    """The accepted (or proposed) quote of the request: "On-site training at <org>, <date>"."""
    onsite = (
        OnsiteRequest.objects.select_related("organization")
        .filter(public_id=sold_public_id)
        .first()
    )
    if onsite is None:
        raise NotFound("No such on-site training request.")
    return sale_quote(onsite)


ONSITE_KIND = SellableKind(
    code=SALE_KIND,
    label="On-site training",
    quote=quote_onsite,
    on_paid=invoice_paid,
    on_void=invoice_voided,
    buyable=False,
    max_quantity=1,
)
