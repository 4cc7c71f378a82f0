"""Capacity: units of a limited kind (seats, tickets) taken by invoice lines, never more than
the selling app says there are, and released when a card checkout is abandoned."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.locks import hold_transaction_lock, lock_key

from ..models import Hold, HoldStatus, Invoice, InvoiceStatus
from ..sellables import kind


def lock_sold_object(code: str, sold_public_id: UUID) -> None:
    hold_transaction_lock(lock_key(f"billing.hold:{code}:{sold_public_id}"))


def units_taken(code: str, sold_public_id: UUID, *, now=None) -> int:
    """Units sold, reserved by invoice, or held by a card checkout that has not expired."""
    now = now or timezone.now()
    live = Q(status__in=[HoldStatus.RESERVED, HoldStatus.SOLD]) | Q(
        status=HoldStatus.HELD, expires_at__gt=now
    )
    taken = Hold.objects.filter(live, kind=code, sold_public_id=sold_public_id).aggregate(
        units=Sum("quantity")
    )
    return taken["units"] or 0


def units_left(code: str, sold_public_id: UUID) -> int | None:
    """None when the kind has no capacity limit."""
    sellable = kind(code)
    if sellable.capacity is None:
        return None
    capacity = sellable.capacity(sold_public_id)
    if capacity is None:
        return None
    return max(capacity - units_taken(code, sold_public_id), 0)


def check_and_lock(code: str, sold_public_id: UUID, quantity: int) -> bool:
    """Inside the transaction: lock the sold object and check `quantity` units are free.
    Returns whether the kind is capacity-limited (and so needs a hold)."""
    sellable = kind(code)
    if sellable.capacity is None:
        return False
    lock_sold_object(code, sold_public_id)
    left = units_left(code, sold_public_id)
    if left is None:
        return False
    if quantity > left:
        if left == 0:
            raise DomainError(f"{sellable.label}: sold out.", code="sold_out")
        raise DomainError(
            f"{sellable.label}: only {left} left; choose {left} or fewer.",
            field="quantity",
            code="sold_out",
        )
    return True


def hold_minutes() -> int:
    return settings.BILLING_HOLD_MINUTES


def new_hold(invoice: Invoice, line, *, status: str) -> Hold:
    expires_at = (
        timezone.now() + timedelta(minutes=hold_minutes()) if status == HoldStatus.HELD else None
    )
    return Hold.objects.create(
        invoice=invoice,
        line=line,
        kind=line.kind,
        sold_public_id=line.sold_public_id,
        quantity=line.quantity,
        status=status,
        expires_at=expires_at,
    )


EXPIRED_REASON = "Card checkout was not completed in time; the places were released."


def release_expired_holds(*, now=None) -> int:
    """Void each unpaid card checkout whose hold ran out, so its places can be sold again.
    Each invoice in its own transaction; safe to run twice or alongside a payment."""
    from .invoices import void  # noqa: PLC0415 - invoices import this module for holds

    now = now or timezone.now()
    invoice_ids = list(
        Hold.objects.filter(status=HoldStatus.HELD, expires_at__lte=now)
        .values_list("invoice_id", flat=True)
        .distinct()
    )
    released = 0
    for invoice_id in invoice_ids:
        with transaction.atomic():
            invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
            if invoice.status != InvoiceStatus.OPEN or invoice.net_paid_cents > 0:
                continue
            void(invoice, reason=EXPIRED_REASON)
            released += 1
    return released


def retake_released_holds(invoice: Invoice) -> bool:
    """A payment arrived after the invoice's hold expired: take the places again if they are
    still free (all or nothing). Returns whether they were taken."""
    holds = list(
        invoice.holds.filter(status=HoldStatus.RELEASED).order_by("kind", "sold_public_id")
    )
    for hold in holds:
        lock_sold_object(hold.kind, hold.sold_public_id)
    wanted: dict[tuple[str, UUID], int] = {}
    for hold in holds:  # two lines may name the same thing: their units count together
        key = (hold.kind, hold.sold_public_id)
        wanted[key] = wanted.get(key, 0) + hold.quantity
    for (code, sold_public_id), quantity in wanted.items():
        left = units_left(code, sold_public_id)
        if left is not None and quantity > left:
            return False
    Hold.objects.filter(pk__in=[hold.pk for hold in holds]).update(
        status=HoldStatus.RESERVED, expires_at=None, released_reason=""
    )
    return True


def hold_ran_out(invoice: Invoice) -> bool:
    """An unpaid card checkout whose places are no longer held (the sweep will void it)."""
    return (
        invoice.status == InvoiceStatus.OPEN
        and invoice.net_paid_cents == 0
        and invoice.holds.filter(status=HoldStatus.HELD, expires_at__lte=timezone.now()).exists()
    )
