"""Extra coaching hours sold through billing (kind "coaching.hours"). The sold object is the
engagement; one unit is one hour; the buyer is always the engagement's organization.

- Quoted (`quote_hours`) at settings.COACHING_HOUR_PRICE_CENTS an hour, less the member
  discount the organization's plan gives on this kind (`membership.selectors.member_price`;
  a plan that gives none on coaching hours: the list price). Only while the engagement is
  proposed or active.
- Paid (`hours_paid`): an HourPackage of the line's hours is counted in the allowance from
  now (one per invoice line, whatever number of times billing says so), and the 80 %/100 %
  warnings are re-armed.
- Voided (`hours_voided`): the package leaves the allowance. Hours already used stay used, so
  the allowance may go below zero; the engagement page says so, and the warnings run.
- Refunded (`hours_refunded`): a line refunded in full voids its package, as a void does. A
  partial refund takes no hours away: the rule is that money given back short of the whole
  line is a goodwill gesture (or a price correction) on hours that stay bought.

The invoice is never written here: billing calls these hooks inside its own transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from socialrx.billing.sellables import Quote, SellableKind
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.membership.selectors import member_price
from socialrx.organizations.models import Organization

from ..models import Engagement, EngagementStatus, HourPackage, PackageStatus
from . import hours

HOURS_CODE = "coaching.hours"
MAX_HOURS = 40
OPEN_STATUSES = (EngagementStatus.PROPOSED, EngagementStatus.ACTIVE)


def _engagement(sold_public_id) -> Engagement | None:
    return (
        Engagement.objects.select_related("organization").filter(public_id=sold_public_id).first()
    )


def unit_price(buyer) -> tuple[int, int, str]:
    """(list cents an hour, discount cents an hour, the discount's reason) for `buyer`."""
    list_cents = settings.COACHING_HOUR_PRICE_CENTS
    price = member_price(buyer, list_cents, kind=HOURS_CODE)
    return list_cents, price.discount_cents, price.reason


def quote_hours(buyer, sold_public_id, quantity: int) -> Quote:
    """`quantity` hours for the engagement, priced for its organization now."""
    engagement = _engagement(sold_public_id)
    if engagement is None:
        raise DomainError("That engagement was not found.", field="item")
    if not isinstance(buyer, Organization) or buyer.pk != engagement.organization_id:
        raise DomainError("Hours are bought by the engagement's organization.", field="buyer")
    if engagement.status not in OPEN_STATUSES:
        raise DomainError(
            "This engagement is completed: hours can no longer be bought for it.", field="item"
        )
    if not 1 <= quantity <= MAX_HOURS:
        raise DomainError(f"Choose from 1 to {MAX_HOURS} hours.", field="quantity")
    list_cents, discount_cents, reason = unit_price(buyer)
    return Quote(
        description=f"Coaching hours: {engagement.title} ({quantity} h)",
        unit_price_cents=list_cents,
        quantity=quantity,
        discount_cents=discount_cents * quantity,
        discount_reason=reason,
    )


def _locked(line) -> tuple[Engagement | None, HourPackage | None]:
    engagement = _engagement(line.sold_public_id)
    if engagement is None:
        return None, None
    engagement = hours.lock_engagement(engagement)
    return engagement, HourPackage.objects.filter(invoice_line_id=line.pk).first()


def hours_paid(line) -> None:
    """Billing's `on_paid`: the line's hours join the allowance (once per line)."""
    engagement, package = _locked(line)
    if engagement is None or (package is not None and package.status == PackageStatus.PAID):
        return
    now = timezone.now()
    before = package.status if package is not None else None
    if package is None:
        package = HourPackage.objects.create(
            engagement=engagement,
            hours=line.quantity,
            status=PackageStatus.PAID,
            invoice=line.invoice,
            invoice_line_id=line.pk,
            amount_cents=max(line.amount_cents, 0),
            bought_by=line.invoice.created_by,
            paid_at=now,
        )
    else:  # paid after all (a late payment billing let through): counted again
        package.status, package.paid_at, package.voided_at = PackageStatus.PAID, now, None
        package.save(update_fields=["status", "paid_at", "voided_at"])
    audit.record(
        actor=None,
        action="coaching.hour_package.bought",
        target=engagement,
        before={"package": before},
        after={
            "package": package.public_id,
            "hours": package.hours,
            "invoice": line.invoice.number,
            "amount_cents": package.amount_cents,
        },
    )
    hours.rearm_warnings(engagement)


def _void(line, *, why: str) -> None:
    engagement, package = _locked(line)
    if package is None or package.status == PackageStatus.VOIDED:
        return  # never paid (nothing was counted) or already taken back
    package.status, package.voided_at = PackageStatus.VOIDED, timezone.now()
    package.save(update_fields=["status", "voided_at"])
    audit.record(
        actor=None,
        action="coaching.hour_package.voided",
        target=engagement,
        before={"package": package.public_id, "status": PackageStatus.PAID},
        after={
            "status": PackageStatus.VOIDED,
            "hours": package.hours,
            "invoice": line.invoice.number,
            "why": why,
        },
    )
    hours.warn_if_crossed(engagement)


def hours_voided(line) -> None:
    """Billing's `on_void`: the package's hours leave the allowance (see the module)."""
    _void(line, why="invoice voided")


def hours_refunded(line, amount_cents: int) -> None:
    """Billing's `on_refund`: a full refund voids the package; a partial one changes no hours
    (see the module's docstring for why)."""
    if line.refunded_cents >= line.amount_cents:
        _void(line, why="refunded")


HOURS_KIND = SellableKind(
    code=HOURS_CODE,
    label="Coaching hours",
    quote=quote_hours,
    on_paid=hours_paid,
    on_void=hours_voided,
    on_refund=hours_refunded,
    max_quantity=MAX_HOURS,
)
