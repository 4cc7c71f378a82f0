"""Membership periods: activation, renewal, grace, lapse, cancellation, complimentary."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from socialrx.billing.models import Invoice, InvoiceStatus
from socialrx.billing.services.invoices import PAYMENT_TERMS_DAYS, add_credit_note, void
from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import (
    GRACE_DAYS,
    ChargeKind,
    Membership,
    MembershipCharge,
    MembershipPeriod,
    MembershipStatus,
    PeriodSource,
    Plan,
    RenewalReminder,
)
from ..models.memberships import center_today
from .invoicing import invoice_membership
from .plans import plan_for, size_of

REMINDER_DAYS = (60, 30, 7)
RENEWAL_INVOICE_DAYS = 60
MEMBERSHIP_FIELDS = ["status", "plan_id", "complimentary", "covered_from", "covered_until"]


def one_year_from(start: date) -> date:
    """The last day of a one-year period starting on `start`."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


def _add_period(
    membership, *, plan: Plan, starts_on: date, price_cents: int, source, today: date, invoice=None
):
    ends_on = one_year_from(starts_on)
    MembershipPeriod.objects.create(
        membership=membership,
        plan=plan,
        starts_on=starts_on,
        ends_on=ends_on,
        price_cents=price_cents,
        source=source,
        invoice=invoice,
    )
    continues = membership.covered_until is not None and starts_on <= (
        membership.covered_until + timedelta(days=1)
    )
    if not continues:
        membership.covered_from = starts_on
    membership.covered_until = max(ends_on, membership.covered_until or ends_on)
    if starts_on <= today:  # a year paid ahead brings its plan when it begins (daily run)
        membership.plan = plan
    membership.status = MembershipStatus.ACTIVE
    membership.save()


def _next_start(membership: Membership, today: date) -> date:
    """A renewal continues the current period; a lapsed or new membership starts today."""
    end = membership.covered_until
    if (
        end is not None
        and membership.status != MembershipStatus.LAPSED
        and today <= end + timedelta(days=GRACE_DAYS)
    ):
        return end + timedelta(days=1)
    return today


def extend_for_charge(charge: MembershipCharge, *, today: date | None = None) -> None:
    """Billing reports the charge's invoice paid: its year of membership begins (or
    continues)."""
    if charge.kind == ChargeKind.ADJUSTMENT:
        return
    membership = Membership.objects.select_for_update().get(pk=charge.membership_id)
    if membership.status == MembershipStatus.CANCELLED:
        return
    invoice = charge.invoice
    if MembershipPeriod.objects.filter(membership=membership, invoice=invoice).exists():
        return  # activated on purchase order earlier; the payment settles it
    today = today or center_today()
    if membership.status == MembershipStatus.LAPSED and _received_in_grace(invoice, membership):
        # Money received in grace (a check that came on the last day, a Saturday) renews
        # without a break, even when recorded after the daily run lapsed the membership.
        membership.status = MembershipStatus.GRACE
    starts_on = _next_start(membership, today)
    if charge.period_starts_on and membership.status != MembershipStatus.LAPSED:
        starts_on = charge.period_starts_on
    _add_period(
        membership,
        plan=charge.plan or membership.plan,
        starts_on=starts_on,
        price_cents=invoice.total_cents,
        source=PeriodSource.PAYMENT,
        today=today,
        invoice=invoice,
    )


def _received_in_grace(invoice: Invoice, membership: Membership) -> bool:
    received_on = invoice.payments.filter(reversed_at__isnull=True).aggregate(
        last=Max("received_on")
    )["last"]
    return received_on is not None and received_on <= membership.grace_ends()


@transaction.atomic
def activate_on_purchase_order(*, actor, membership: Membership, po_number: str) -> Membership:
    """Staff start benefits before payment when a purchase order is on file (audited)."""
    require(actor, "membership.manage_memberships")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    po_number = (po_number or membership.po_number or "").strip()
    if not po_number:
        raise DomainError("Enter the purchase order number.", field="po_number")
    charge = (
        MembershipCharge.objects.filter(membership=membership, invoice__status=InvoiceStatus.OPEN)
        .exclude(kind=ChargeKind.ADJUSTMENT)
        .select_related("invoice", "plan")
        .order_by("invoice__issued_on")
        .first()
    )
    if charge is None:
        raise DomainError("There is no open membership invoice to activate against.")
    invoice = charge.invoice
    if MembershipPeriod.objects.filter(membership=membership, invoice=invoice).exists():
        raise DomainError("This membership year is already active.")
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    membership.po_number = po_number
    today = center_today()
    _add_period(
        membership,
        plan=charge.plan or membership.plan,
        starts_on=charge.period_starts_on or _next_start(membership, today),
        price_cents=invoice.total_cents,
        source=PeriodSource.PURCHASE_ORDER,
        today=today,
        invoice=invoice,
    )
    Invoice.objects.filter(pk=invoice.pk).update(po_number=po_number)
    audit.record(
        actor=actor,
        action="membership.membership.activated_on_po",
        target=membership,
        before=before,
        after={**audit.snapshot(membership, MEMBERSHIP_FIELDS), "po_number": po_number},
    )
    return membership


@transaction.atomic
def grant_complimentary(*, actor, organization, plan: Plan, reason: str) -> Membership:
    """Staff give a year of membership at no charge (speakers, partners…), audited."""
    require(actor, "membership.manage_memberships")
    if not (reason or "").strip():
        raise DomainError("Say why the membership is complimentary.", field="reason")
    membership, created = Membership.objects.select_for_update().get_or_create(
        organization=organization, defaults={"plan": plan}
    )
    before = {} if created else audit.snapshot(membership, MEMBERSHIP_FIELDS)
    if membership.status in {MembershipStatus.ACTIVE, MembershipStatus.GRACE} and not created:
        raise DomainError(f"{organization} already has an active membership.")
    membership.complimentary = True
    membership.cancelled_at = None
    today = center_today()
    _add_period(
        membership,
        plan=plan,
        starts_on=today,
        price_cents=0,
        source=PeriodSource.COMPLIMENTARY,
        today=today,
    )
    audit.record(
        actor=actor,
        action="membership.membership.complimentary_granted",
        target=membership,
        before=before,
        after={**audit.snapshot(membership, MEMBERSHIP_FIELDS), "reason": reason.strip()},
    )
    return membership


@transaction.atomic
def cancel_membership(*, actor, membership: Membership, reason: str, credit_cents: int = 0):
    """Staff end a membership now. Open invoices are voided; a credit note may be issued
    against the last paid invoice. Data and history stay."""
    require(actor, "membership.manage_memberships")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for the cancellation.", field="reason")
    if credit_cents < 0:
        raise DomainError("A credit cannot be negative.", field="credit")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == MembershipStatus.CANCELLED:
        raise DomainError("This membership is already cancelled.")
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    credit_note = None
    invoices = Invoice.objects.filter(
        pk__in=MembershipCharge.objects.filter(membership=membership).values("invoice_id")
    )
    if credit_cents:
        paid = invoices.filter(status=InvoiceStatus.PAID).order_by("-issued_on", "-number")
        paid = paid.select_for_update().first()
        if paid is None or credit_cents > paid.owed_cents:
            raise DomainError("A credit must not exceed the last paid invoice.", field="credit")
        credit_note = add_credit_note(paid, amount_cents=credit_cents, reason=reason, actor=actor)
    voided = list(invoices.filter(status=InvoiceStatus.OPEN, paid_cents=0).select_for_update())
    for invoice in voided:
        void(invoice, reason=f"Membership cancelled: {reason}", actor=actor)
    membership.status = MembershipStatus.CANCELLED
    membership.cancelled_at = timezone.now()
    membership.cancel_reason = reason
    membership.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    audit.record(
        actor=actor,
        action="membership.membership.cancelled",
        target=membership,
        before=before,
        after={
            **audit.snapshot(membership, MEMBERSHIP_FIELDS),
            "reason": reason,
            "credit_cents": credit_cents,
            "voided_invoices": [i.number for i in voided],
        },
    )
    return membership, credit_note


# --- the daily renewal run ------------------------------------------------------------------


def run_renewals(*, today: date | None = None) -> dict[str, int]:
    """Reminders at 60/30/7 days, the renewal invoice at 60 days, grace after the end, lapse
    after 30 days of grace. Each membership in its own transaction; safe to run twice."""
    today = today or center_today()
    counts = {"reminders": 0, "invoices": 0, "grace": 0, "lapsed": 0}
    candidates = Membership.objects.filter(
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.GRACE],
        covered_until__isnull=False,
    ).values_list("pk", flat=True)
    for membership_id in list(candidates):
        with transaction.atomic():
            membership = (
                Membership.objects.select_for_update()
                .select_related("organization", "plan")
                .get(pk=membership_id)
            )
            _renew_one(membership, today, counts)
    return counts


def _renew_one(membership: Membership, today: date, counts: dict[str, int]) -> None:
    _take_up_current_plan(membership, today)
    end = membership.covered_until
    days_left = (end - today).days
    if days_left < 0:
        _move_past_end(membership, today, counts)
        if membership.status == MembershipStatus.GRACE and not membership.complimentary:
            # A run missed at 60 days still leaves the member an invoice to pay in grace.
            counts["invoices"] += _issue_renewal_invoice(membership, today)
        return
    if membership.complimentary:
        return  # a complimentary year ends without an invoice; staff decide what follows
    if days_left <= RENEWAL_INVOICE_DAYS and _issue_renewal_invoice(membership, today):
        counts["invoices"] += 1
    due = [days for days in REMINDER_DAYS if days_left <= days]
    if due and _send_reminder(membership, due, days_left):
        counts["reminders"] += 1


def _take_up_current_plan(membership: Membership, today: date) -> None:
    """A year paid ahead on another band (the organization's size changed) brings its plan on
    its first day: until then the member uses the year it paid for, with that plan's seats."""
    period = (
        membership.periods.filter(starts_on__lte=today, ends_on__gte=today)
        .select_related("plan")
        .first()
    )
    if period is None or period.plan_id == membership.plan_id:
        return
    before = {"plan": str(membership.plan)}
    membership.plan = period.plan
    membership.save(update_fields=["plan"])
    audit.record(
        actor=None,
        action="membership.membership.plan_changed",
        target=membership,
        before=before,
        after={"plan": str(period.plan)},
    )


def _move_past_end(membership, today, counts) -> None:
    grace_ends = membership.covered_until + timedelta(days=GRACE_DAYS)
    new_status = MembershipStatus.GRACE if today <= grace_ends else MembershipStatus.LAPSED
    if new_status != membership.status:
        before = membership.status
        membership.status = new_status
        membership.save(update_fields=["status"])
        counts["grace" if new_status == MembershipStatus.GRACE else "lapsed"] += 1
        audit.record(
            actor=None,
            action=f"membership.membership.{new_status}",
            target=membership,
            before={"status": before},
            after={"status": new_status},
        )


def _issue_renewal_invoice(membership: Membership, today: date) -> bool:
    next_start = membership.covered_until + timedelta(days=1)
    if MembershipCharge.objects.filter(
        membership=membership, kind=ChargeKind.RENEWAL, period_starts_on=next_start, voided=False
    ).exists():
        return False
    try:
        plan = plan_for(membership.organization)  # the band of the organization's size today
    except DomainError:
        plan = membership.plan
    invoice = invoice_membership(
        membership=membership,
        plan=plan,  # the membership keeps its plan until the renewed year begins
        kind=ChargeKind.RENEWAL,
        description=(
            f"SocialRx membership renewal, {plan.name} ({plan.band_label}), "
            f"{next_start:%b %-d, %Y} to {one_year_from(next_start):%b %-d, %Y}"
        ),
        amount_cents=plan.annual_price_cents,
        issued_on=today,
        # Issued late (the run was down), it is due by the last day of grace, not after lapse.
        due_on=min(today + timedelta(days=PAYMENT_TERMS_DAYS), membership.grace_ends()),
        period=(next_start, one_year_from(next_start)),
    )
    if plan.pk != membership.plan_id:
        audit.record(
            actor=None,
            action="membership.membership.renewal_band_changed",
            target=membership,
            before={"plan": str(membership.plan)},
            after={
                "plan": str(plan),
                "size": size_of(membership.organization),
                "invoice": invoice.number,
            },
        )
    return True


def _send_reminder(membership: Membership, due: list[int], days_left: int) -> bool:
    """Send the most urgent reminder that is due, once. Reminders the run missed (the task
    was down) are recorded as passed, so nobody gets a "60 days" email a week before the end."""
    most_urgent = min(due)
    RenewalReminder.objects.bulk_create(
        [
            RenewalReminder(
                membership=membership, period_ends_on=membership.covered_until, days_before=days
            )
            for days in due
            if days != most_urgent
        ],
        ignore_conflicts=True,
    )
    _, created = RenewalReminder.objects.get_or_create(
        membership=membership,
        period_ends_on=membership.covered_until,
        days_before=most_urgent,
    )
    if not created:
        return False
    renewal = (
        Invoice.objects.filter(
            pk__in=MembershipCharge.objects.filter(
                membership=membership, kind=ChargeKind.RENEWAL
            ).values("invoice_id"),
            status=InvoiceStatus.OPEN,
        )
        .order_by("-issued_on")
        .first()
    )
    queue_templated_email(
        to=[membership.billing_email] if membership.billing_email else [],
        template="membership/email/renewal_reminder",
        context={"membership": membership, "days_left": days_left, "invoice": renewal},
    )
    return True
