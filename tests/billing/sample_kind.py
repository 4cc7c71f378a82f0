"""A sellable kind defined only in the tests: "tests.workshop_seat", seats of a workshop with a
fixed number of places. It proves billing sells what any app registers, without billing (or
any app) knowing it. Its hooks record every call, so tests can assert each was told once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from socialrx.billing.sellables import Quote, SellableKind, register, unregister
from socialrx.core.errors import DomainError

CODE = "tests.workshop_seat"
LIST_PRICE_CENTS = 45_000  # $450.00 a seat


@dataclass
class Workshop:
    public_id: uuid.UUID
    title: str
    places: int
    price_cents: int = LIST_PRICE_CENTS


@dataclass
class SampleKind:
    """The workshops for sale and what the hooks were told, by invoice line id."""

    workshops: dict[uuid.UUID, Workshop] = field(default_factory=dict)
    paid: list[int] = field(default_factory=list)
    voided: list[int] = field(default_factory=list)
    refunded: list[tuple[int, int]] = field(default_factory=list)

    def add(
        self,
        title: str = "Crisis communication workshop",
        places: int = 5,
        price_cents: int = LIST_PRICE_CENTS,
    ) -> Workshop:
        workshop = Workshop(uuid.uuid4(), title, places, price_cents)
        self.workshops[workshop.public_id] = workshop
        return workshop

    def quote(self, buyer, sold_public_id, quantity) -> Quote:
        workshop = self.workshops.get(sold_public_id)
        if workshop is None:
            raise DomainError("That workshop is not on sale.")
        return Quote(
            description=f"{workshop.title}: {quantity} seat(s)",
            unit_price_cents=workshop.price_cents,
            quantity=quantity,
        )

    def capacity(self, sold_public_id) -> int | None:
        workshop = self.workshops.get(sold_public_id)
        return workshop.places if workshop else 0

    def as_kind(self) -> SellableKind:
        return SellableKind(
            code=CODE,
            label="Workshop seat",
            quote=self.quote,
            on_paid=lambda line: self.paid.append(line.pk),
            on_void=lambda line: self.voided.append(line.pk),
            on_refund=lambda line, amount: self.refunded.append((line.pk, amount)),
            capacity=self.capacity,
        )

    def install(self) -> SampleKind:
        register(self.as_kind())
        return self

    @staticmethod
    def uninstall() -> None:
        unregister(CODE)
