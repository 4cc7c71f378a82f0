"""Scale data of membership, for `socialrx seed-scale` (see `socialrx.core.scale`):
memberships with their years, charges and renewal reminders, invoiced through billing.

Three organizations in five are members (by position: the first, second and third of every
five), on the plan their size falls into. Memberships cycle through ten histories: six active,
one active with its renewal invoiced, one in grace, one lapsed (its renewal invoice unpaid), one
approved and awaiting its first payment; each paid history has one to four years. Every paid
year is an invoice paid by check or ACH and a period, as approval, payment and the renewal run
would have left them; one organization in ten has an application waiting for review. The
plans are the demo's (made if missing).

Reads: "scale_organizations", "invoice_book"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.billing.models import PaymentMethod
from socialrx.billing.sellables import Quote
from socialrx.billing.services.invoices import PAYMENT_TERMS_DAYS, Line
from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
    random_uuid,
)
from socialrx.organizations.models import OrganizationType

from .demo import seed_plans
from .models import (
    GRACE_DAYS,
    ApplicationStatus,
    ChargeKind,
    Membership,
    MembershipApplication,
    MembershipCharge,
    MembershipPeriod,
    MembershipStatus,
    PeriodSource,
    Plan,
    RenewalReminder,
)
from .services.invoicing import PERIOD_KIND
from .services.lifecycle import REMINDER_DAYS, RENEWAL_INVOICE_DAYS, one_year_from
from .services.plans import AUDIENCE_OF_TYPE

MEMBER_POSITIONS = (0, 1, 2)  # of every five organizations
PENDING_POSITION = 3  # of every ten: an application waiting for review
HISTORIES = 10


@dataclass
class Planned:
    """An invoice to issue, and the charge (and, once paid, the period) it stands for."""

    issued_on: date
    plan: Plan
    kind: str
    description: str
    billing: dict  # the invoice's billing name, email, purchase order, tax exemption
    organization_id: int = 0
    membership_id: int = 0
    period: tuple[date, date] | None = None  # the year it pays for
    paid_on: date | None = None
    method: str = PaymentMethod.CHECK
    due_on: date | None = None


class MembershipRows:
    """The writers of membership's rows, and what one organization's history adds to them."""

    def __init__(self, context: ScaleContext):
        self.rng, self.today = context.random("membership"), context.today
        self.memberships = context.writer(
            Membership,
            (
                "public_id", "organization", "plan", "status", "billing_contact_name",
                "billing_email", "po_number", "tax_exempt_note", "covered_from",
                "covered_until", "created_at",
            ),
        )  # fmt: skip
        self.applications = context.writer(
            MembershipApplication,
            (
                "public_id", "organization", "plan", "quoted_price_cents", "applicant",
                "billing_contact_name", "billing_email", "po_number", "tax_exempt_note",
                "agreed_to_terms_at", "status", "decided_at", "created_at",
            ),
        )  # fmt: skip
        self.charges = context.writer(
            MembershipCharge,
            (
                "public_id", "membership", "invoice", "kind", "plan", "period_starts_on",
                "period_ends_on", "created_at",
            ),
        )  # fmt: skip
        self.periods = context.writer(
            MembershipPeriod,
            ("membership", "plan", "starts_on", "ends_on", "price_cents", "source", "invoice"),
        )
        self.reminders = context.writer(
            RenewalReminder, ("membership", "period_ends_on", "days_before")
        )

    def application(self, organization, plan: Plan, billing: dict, applied: date, decided=None):
        self.applications.add(
            random_uuid(self.rng),
            organization.id,
            plan.pk,
            plan.annual_price_cents,
            organization.admin_id,
            *billing.values(),
            _at(applied),
            ApplicationStatus.APPROVED if decided else ApplicationStatus.PENDING,
            _at(decided) if decided else None,
            _at(applied),
        )

    def membership(self, organization, plan: Plan, billing: dict, history: int, years: int):
        """The membership, its approved application and reminders; returns its invoices."""
        invoices, status, covered = _history(self.rng, self.today, history, years, plan, billing)
        approved = invoices[0].issued_on
        membership_id = self.memberships.add(
            random_uuid(self.rng),
            organization.id,
            plan.pk,
            status,
            *billing.values(),
            *covered,
            _at(approved),
        )
        self.application(organization, plan, billing, approved - timedelta(days=5), approved)
        for invoice in invoices:
            invoice.organization_id, invoice.membership_id = organization.id, membership_id
        for period_ends_on, days_before in _reminders(self.today, invoices, covered[1]):
            self.reminders.add(membership_id, period_ends_on, days_before)
        return invoices

    def invoice(self, book, invoice: Planned) -> None:
        """Issue the invoice through billing's book; write its charge, and its period once
        paid, as invoice_membership and the payment would have."""
        charge_id = random_uuid(self.rng)
        price = invoice.plan.annual_price_cents
        invoice_id = book.issue(
            organization_id=invoice.organization_id,
            lines=[Line(PERIOD_KIND, charge_id, Quote(invoice.description, price))],
            issued_on=invoice.issued_on,
            due_on=invoice.due_on,
            paid_on=invoice.paid_on,
            method=invoice.method,
            **invoice.billing,
        )
        renewal = invoice.kind == ChargeKind.RENEWAL
        self.charges.add(
            charge_id,
            invoice.membership_id,
            invoice_id,
            invoice.kind,
            invoice.plan.pk,
            *(invoice.period if renewal else (None, None)),
            _at(invoice.issued_on),
        )
        if invoice.paid_on:
            self.periods.add(
                invoice.membership_id,
                invoice.plan.pk,
                *invoice.period,
                price,
                PeriodSource.PAYMENT,
                invoice_id,
            )

    def counts(self) -> dict[str, int]:
        return {
            "memberships": self.memberships.count,
            "periods": self.periods.count,
            "charges": self.charges.count,
            "applications": self.applications.count,
            "reminders": self.reminders.count,
        }


def seed(context: ScaleContext) -> ScaleReport:
    book = context.get("invoice_book")
    seed_plans()
    plans = list(Plan.objects.active().order_by("audience", "size_min"))
    rows = MembershipRows(context)
    planned, members = [], 0
    for position, organization in enumerate(context.get("scale_organizations")):
        plan = _plan_for(plans, organization)
        billing = _billing(rows.rng, organization)
        if position % 5 in MEMBER_POSITIONS:
            history, years = members % HISTORIES, 1 + (members // HISTORIES) % 4
            planned += rows.membership(organization, plan, billing, history, years)
            members += 1
        elif position % 10 == PENDING_POSITION:
            applied = context.today - timedelta(days=rows.rng.randrange(1, 20))
            rows.application(organization, plan, billing, applied)
    # Invoice numbers follow the order of issue, as they would have.
    for invoice in sorted(planned, key=lambda invoice: invoice.issued_on):
        rows.invoice(book, invoice)
    return ScaleReport(rows.counts())


def _plan_for(plans: list[Plan], organization) -> Plan:
    """The plan whose band holds the organization's size (services.plans.plan_for)."""
    audience = AUDIENCE_OF_TYPE[OrganizationType(organization.org_type)]
    return next(p for p in plans if p.audience == audience and p.covers(organization.size))


def _billing(rng, organization) -> dict:
    """The billing contact (the admin), in the order of the rows' billing columns."""
    exempt = organization.org_type in (OrganizationType.HOSPITAL, OrganizationType.HEALTH_SYSTEM)
    return {
        "billing_name": organization.admin_name,
        "billing_email": organization.admin_email,
        "po_number": f"PO-{rng.randrange(10_000, 99_999)}" if rng.random() < 0.2 else "",
        "tax_exempt_note": "501(c)(3) nonprofit" if exempt and rng.random() < 0.6 else "",
    }


def _history(rng, today: date, history: int, years: int, plan: Plan, billing: dict):
    """The invoices of one membership, its status and (covered_from, covered_until)."""
    if history == HISTORIES - 1:  # approved, awaiting its first payment
        issued = today - timedelta(days=rng.randrange(0, 25))
        first = Planned(issued, plan, ChargeKind.INITIAL, _initial(plan), billing)
        return [first], MembershipStatus.AWAITING_PAYMENT, (None, None)
    start = _years_before(_last_day(rng, today, history) + timedelta(days=1), years)
    invoices = []
    for year in range(years):
        ends = one_year_from(start)
        method = PaymentMethod.ACH if rng.random() < 0.45 else PaymentMethod.CHECK
        if year == 0:  # applied, approved, paid: the first year starts on the payment day
            issued = start - timedelta(days=rng.randint(3, 25))
            invoice = Planned(issued, plan, ChargeKind.INITIAL, _initial(plan), billing)
            invoice.paid_on = start
        else:  # the renewal run invoiced it 60 days before the year began
            issued = start - timedelta(days=RENEWAL_INVOICE_DAYS)
            invoice = Planned(issued, plan, ChargeKind.RENEWAL, _renewal(plan, start), billing)
            invoice.paid_on = issued + timedelta(days=rng.randint(5, 55))
        invoice.period, invoice.method = (start, ends), method
        invoices.append(invoice)
        start = ends + timedelta(days=1)
    covered = (invoices[0].period[0], invoices[-1].period[1])
    end = covered[1]
    if (end - today).days <= RENEWAL_INVOICE_DAYS:  # the renewal is invoiced, still open
        issued = end - timedelta(days=RENEWAL_INVOICE_DAYS)
        renewal = Planned(issued, plan, ChargeKind.RENEWAL, _renewal(plan, start), billing)
        renewal.period = (start, one_year_from(start))
        renewal.due_on = min(
            issued + timedelta(days=PAYMENT_TERMS_DAYS), end + timedelta(GRACE_DAYS)
        )
        invoices.append(renewal)
    if end >= today:
        status = MembershipStatus.ACTIVE
    elif today <= end + timedelta(days=GRACE_DAYS):
        status = MembershipStatus.GRACE
    else:
        status = MembershipStatus.LAPSED
    return invoices, status, covered


def _last_day(rng, today: date, history: int) -> date:
    """The last day the history's paid years reach, a few days clear of each boundary (a year
    begun on 29 February ends a day or two early)."""
    if history == 6:  # within 60 days: the renewal is invoiced
        return today + timedelta(days=rng.randint(3, RENEWAL_INVOICE_DAYS - 3))
    if history == 7:  # in grace
        return today - timedelta(days=rng.randint(3, GRACE_DAYS - 3))
    if history == 8:  # lapsed
        return today - timedelta(days=rng.randint(GRACE_DAYS + 3, 400))
    return today + timedelta(days=rng.randint(RENEWAL_INVOICE_DAYS + 5, 330))


def _reminders(today: date, invoices: list[Planned], covered_until: date | None):
    """The reminders the renewal run sent: before each year's end, every reminder due before
    the renewal was paid (all three when it was not)."""
    if covered_until is None:
        return
    paid_renewals = {i.period[0]: i.paid_on for i in invoices if i.kind == ChargeKind.RENEWAL}
    for invoice in invoices:
        if invoice.paid_on is None:
            continue
        ends = invoice.period[1]
        renewed_on = paid_renewals.get(ends + timedelta(days=1))
        for days_before in REMINDER_DAYS:
            sent_on = ends - timedelta(days=days_before)
            if sent_on <= today and (renewed_on is None or sent_on < renewed_on):
                yield ends, days_before


def _initial(plan: Plan) -> str:
    return f"SocialRx membership, {plan.name} ({plan.band_label}), one year"


def _renewal(plan: Plan, starts: date) -> str:
    return (
        f"SocialRx membership renewal, {plan.name} ({plan.band_label}), "
        f"{starts:%b %-d, %Y} to {one_year_from(starts):%b %-d, %Y}"
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11)))


def _generated():
    # Memberships belong to organizations: those of the organizations seed-scale made.
    return Membership.objects.filter(organization__website__endswith=f".{EMAIL_DOMAIN}/")


SCALE = ScaleData(
    seed=seed,
    foreign_rows=lambda: {"memberships": Membership.objects.count() - _generated().count()},
    loaded_rows=lambda: {"memberships": _generated().count()},
    clear=lambda: delete_all(
        RenewalReminder, MembershipPeriod, MembershipCharge, MembershipApplication, Membership
    ),
)
