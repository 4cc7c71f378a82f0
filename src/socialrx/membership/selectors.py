"""The one place other capabilities ask about membership: is this organization a member,
on which plan, what does it pay, how many coaching hours remain, may this person read
member-only content. Member prices and member-only gates across the product go through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles, person_cache
from socialrx.organizations.models import Organization
from socialrx.organizations.selectors import seats_used

from .models import (
    ApplicationStatus,
    Invoice,
    InvoiceStatus,
    Membership,
    MembershipApplication,
    MembershipStatus,
    Payment,
    Plan,
    PlanAudience,
)
from .models.memberships import center_today


@dataclass(frozen=True)
class Benefits:
    plan: Plan
    membership: Membership

    @property
    def coaching_hours(self) -> int:
        return self.plan.coaching_hours

    def member_price(self, list_price_cents: int, *, kind: str) -> int:
        """A boot camp's or conference's price after this plan's member discount."""
        percent = {
            "boot_camp": self.plan.boot_camp_discount_percent,
            "conference": self.plan.conference_discount_percent,
        }[kind]
        return list_price_cents - (list_price_cents * percent + 50) // 100


def membership_of(organization: Organization) -> Membership | None:
    return (
        Membership.objects.select_related("plan", "organization")
        .filter(organization=organization)
        .first()
    )


def benefits_of(organization: Organization, *, today: date | None = None) -> Benefits | None:
    """The benefits an organization holds today, or None if it is not a member (a lapsed or
    cancelled organization keeps its records but no benefits)."""
    membership = membership_of(organization)
    today = today or center_today()
    if membership is None or not membership.has_benefits_on(today):
        return None
    return Benefits(plan=membership.plan, membership=membership)


def is_member(organization: Organization, *, today: date | None = None) -> bool:
    return benefits_of(organization, today=today) is not None


def member_price(organization: Organization | None, list_price_cents: int, *, kind: str) -> int:
    benefits = benefits_of(organization) if organization else None
    return benefits.member_price(list_price_cents, kind=kind) if benefits else list_price_cents


def coaching_hours_remaining(organization: Organization) -> int:
    """Included hours of the current plan. Coaching, when it books hours, will subtract the
    hours used in the current period here."""
    benefits = benefits_of(organization)
    return benefits.coaching_hours if benefits else 0


def member_organization_ids(user, *, today: date | None = None) -> set[int]:
    """Organizations of `user` that hold benefits today, in one query."""
    today = today or center_today()
    ids = set(org_roles(user))
    if not ids:
        return set()
    memberships = Membership.objects.filter(organization_id__in=ids).exclude(
        status=MembershipStatus.CANCELLED
    )
    return {m.organization_id for m in memberships if m.has_benefits_on(today)}


def may_read_member_content(user) -> bool:
    """A person reads member-only content when one of their organizations is a member
    (center staff always can)."""
    if allowed(user, "core.view_audit_log"):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(person_cache(user, "membership.member_orgs", lambda: member_organization_ids(user)))


def seat_limit(organization: Organization) -> int:
    """Seats an organization may fill: its plan's limit while a member, else the guest tier."""
    return seat_limit_of(membership_of(organization))


def seat_limit_of(membership: Membership | None, *, today: date | None = None) -> int:
    """seat_limit for an organization whose membership (with its plan) is already loaded."""
    if membership is None or not membership.has_benefits_on(today or center_today()):
        return settings.GUEST_SEAT_LIMIT
    return membership.plan.seat_limit


# --- pages ----------------------------------------------------------------------------------


def plans_for_pricing() -> dict[str, list[Plan]]:
    """Active plans grouped by audience, in the audiences' order, for the pricing page."""
    grouped: dict[str, list[Plan]] = {audience: [] for audience in PlanAudience.values}
    for plan in Plan.objects.active().order_by("audience", "size_min"):
        grouped[plan.audience].append(plan)
    return {audience: plans for audience, plans in grouped.items() if plans}


def invoices_of(organization: Organization) -> QuerySet[Invoice]:
    return Invoice.objects.filter(organization=organization).order_by("-issued_on", "-number")


def invoice_for(user, public_id) -> Invoice:
    """The invoice if `user` may see it (its organization's admins, staff); else NotFound."""
    invoice = (
        Invoice.objects.select_related("organization", "membership", "plan")
        .prefetch_related("lines", "payments")
        .filter(public_id=public_id)
        .first()
    )
    if invoice is None or not allowed(user, "membership.view_invoice", invoice):
        raise NotFound("Invoice not found.")
    return invoice


def pending_application(organization: Organization) -> MembershipApplication | None:
    return (
        MembershipApplication.objects.filter(
            organization=organization, status=ApplicationStatus.PENDING
        )
        .select_related("plan")
        .first()
    )


def application_queue() -> QuerySet[MembershipApplication]:
    return (
        MembershipApplication.objects.filter(status=ApplicationStatus.PENDING)
        .select_related("organization", "plan", "applicant")
        .order_by("created_at")
    )


def memberships_list(*, status: str = "", audience: str = "", query: str = "") -> QuerySet:
    memberships = Membership.objects.select_related("organization", "plan").order_by(
        "organization__name"
    )
    if status:
        memberships = memberships.filter(status=status)
    if audience:
        memberships = memberships.filter(plan__audience=audience)
    if query:
        memberships = memberships.filter(organization__name__icontains=query)
    return memberships


def invoices_list(*, state: str = "", today: date | None = None, query: str = "") -> QuerySet:
    """Staff's invoice list: open, overdue (open past due), paid, void, or all."""
    today = today or center_today()
    invoices = Invoice.objects.select_related("organization").order_by("-issued_on", "-number")
    if state == "overdue":
        invoices = invoices.filter(status=InvoiceStatus.OPEN, due_on__lt=today)
    elif state:
        invoices = invoices.filter(status=state)
    if query:
        invoices = invoices.filter(
            Q(number__icontains=query) | Q(organization__name__icontains=query)
        )
    return invoices


def revenue_by_month(*, months: int = 12, today: date | None = None) -> list[tuple[date, int]]:
    """Paid amounts (by payment date) per month for the last `months` months, oldest first,
    with empty months shown as zero."""
    today = today or center_today()
    first = _months_back(today.replace(day=1), months - 1)
    rows = (
        Payment.objects.filter(received_on__gte=first)
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(total=Sum("amount_cents"))
    )
    totals = {_as_date(row["month"]): row["total"] for row in rows}
    return [
        (month, totals.get(month, 0)) for month in (_months_back(first, -i) for i in range(months))
    ]


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _months_back(month: date, count: int) -> date:
    index = month.year * 12 + (month.month - 1) - count
    return date(index // 12, index % 12 + 1, 1)


def member_counts(*, today: date | None = None) -> list[dict]:
    """Members holding benefits today, by plan audience and plan."""
    rows = (
        Membership.objects.filter(status__in=[MembershipStatus.ACTIVE, MembershipStatus.GRACE])
        .values("plan__audience", "plan__name", "plan__size_min")
        .annotate(count=Count("pk"))
        .order_by("plan__audience", "plan__size_min")
    )
    labels = dict(PlanAudience.choices)
    return [
        {
            "audience": labels[row["plan__audience"]],
            "plan": row["plan__name"],
            "count": row["count"],
        }
        for row in rows
    ]


def seat_summary(organization: Organization) -> tuple[int, int]:
    """(seats used, seat limit) for the billing and people pages."""
    return seats_used(organization), seat_limit(organization)
