"""What the center sells, declared by the apps that sell it. `billing` imports no selling app:
each declares on its AppConfig where its kinds are, and billing collects them once every app is
ready.

    class TrainingConfig(AppConfig):
        sellable_kinds = "socialrx.training.sales.KINDS"

    # socialrx/training/sales.py
    KINDS = [SellableKind(code="training.seat", label="Boot camp seat", quote=quote_seat,
                          on_paid=seat_paid, on_void=seat_released, on_refund=seat_refunded,
                          capacity=seats_left_in)]

The hooks, each called inside billing's transaction (so the selling app's writes and billing's
commit or roll back together):

- `quote(buyer, sold_public_id, quantity) -> Quote`: the description and price of a line for
  this buyer, priced on the server (member prices from `membership.selectors`). Raise
  `DomainError` when the thing cannot be sold (sold out, closed, unknown id).
- `on_paid(line)`: the invoice is paid (or free): fulfil the line. Called exactly once.
- `on_void(line)`: the invoice was voided (its hold expired, staff cancelled it, or a payment
  was reversed after delivery): cancel what the line sold.
- `on_refund(line, amount_cents)`: part or all of a paid line was refunded or credited
  (`line.refunded_cents` already includes it: the line is fully refunded when it reaches
  `line.amount_cents`).
- `capacity(sold_public_id) -> int | None`: the units there are in all, or None when unlimited.
  Units taken are counted by billing from its holds under a lock on the sold object.
- `extra["upcoming"](days) -> list[ExpectedSale]`: sales expected within `days` (renewals).
- `buyable`: False for kinds only their app issues (membership years come from applications
  and the renewal run, never from the checkout page).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.apps import apps
from django.utils.module_loading import import_string

from socialrx.core.errors import DomainError


@dataclass(frozen=True)
class Quote:
    """A line as it will be invoiced. `unit_price_cents` is the list price; the discount is for
    the whole line, with its reason (for example "Member price, Enterprise plan (15% off)")."""

    description: str
    unit_price_cents: int
    quantity: int = 1
    discount_cents: int = 0
    discount_reason: str = ""

    @property
    def amount_cents(self) -> int:
        return self.unit_price_cents * self.quantity - self.discount_cents


@dataclass(frozen=True)
class ExpectedSale:
    """A sale a selling app expects soon (a renewal due), for the revenue page's forecast."""

    due_on: object
    buyer_name: str
    description: str
    amount_cents: int


def _nothing(*args, **kwargs) -> None:
    return None


@dataclass(frozen=True)
class SellableKind:
    code: str
    label: str
    quote: Callable[[Any, UUID, int], Quote]
    on_paid: Callable[[Any], None] = _nothing
    on_void: Callable[[Any], None] = _nothing
    on_refund: Callable[[Any, int], None] = _nothing
    capacity: Callable[[UUID], int | None] | None = None
    buyable: bool = True
    max_quantity: int = 50
    extra: dict = field(default_factory=dict)


class UnknownKind(DomainError):
    def __init__(self, code: str):
        super().__init__(
            f"Nothing called “{code[:60]}” is sold here.", field="kind", code="unknown_kind"
        )


# Kinds registered by tests (a kind defined only in the test suite).
_registered: dict[str, SellableKind] = {}


@functools.cache
def _declared() -> dict[str, SellableKind]:
    kinds: dict[str, SellableKind] = {}
    for config in apps.get_app_configs():
        path = getattr(config, "sellable_kinds", None)
        for kind in import_string(path) if path else ():
            if kind.code in kinds:
                raise ValueError(f"Two apps sell {kind.code}")
            kinds[kind.code] = kind
    return kinds


def all_kinds() -> dict[str, SellableKind]:
    return {**_declared(), **_registered}


def kind(code: str) -> SellableKind:
    found = all_kinds().get(code)
    if found is None:
        raise UnknownKind(code)
    return found


def label_of(code: str) -> str:
    found = all_kinds().get(code)
    return found.label if found else code


def register(sellable: SellableKind) -> None:
    """Add a kind outside an AppConfig (the test suite's own kind)."""
    _registered[sellable.code] = sellable


def unregister(code: str) -> None:
    _registered.pop(code, None)
