"""The one place other capabilities ask about membership: is this organization a member,
on which plan, what does it pay, how many coaching hours remain, may this person read
member-only content. Member prices and member-only gates across the product go through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet, Sum

from socialrx.core.permissions import allowed, org_roles, person_cache
from socialrx.organizations.models import Organization, OrgRole, Seat
from socialrx.organizations.selectors import seats_used

from . import plan_changes
from .models import (
    ApplicationStatus,
    IncludedHoursUse,
    Membership,
    MembershipApplication,
    MembershipCharge,
    MembershipPeriod,
    MembershipStatus,
    Plan,
    PlanAudience,
)
from .models.memberships import BENEFIT_STATUSES, GRACE_DAYS, center_today


@dataclass(frozen=True)
class Benefits:
    plan: Plan
    membership: Membership

    @property
    def coaching_hours(self) -> int:
        return self.plan.coaching_hours

    def member_price(self, list_price_cents: int, *, kind: str) -> MemberPrice:
        """The price of one unit of a sellable `kind` under this plan (billing's kind code,
        such as "training.seat"); a kind the plan gives no discount on keeps its list price."""
        percent = self.plan.discount_percent_for(kind)
        discount = (list_price_cents * percent + 50) // 100
        reason = f"Member price, {self.plan.name} plan ({percent}% off)" if discount else ""
        return MemberPrice(list_price_cents - discount, discount, reason)


@dataclass(frozen=True)
class MemberPrice:
    """A unit price after the member discount, with the discount and its reason for the
    invoice line ("Member price, Enterprise plan (15% off)")."""

    cents: int
    discount_cents: int = 0
    reason: str = ""


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


def member_price(buyer, list_price_cents: int, *, kind: str) -> MemberPrice:
    """What `buyer` (an organization, a person, or None for a visitor) pays for one unit of a
    sellable `kind` listed at `list_price_cents`. A person pays the best price any of their
    member organizations' plans gives."""
    if buyer is None:
        return MemberPrice(list_price_cents)
    if isinstance(buyer, Organization):
        benefits = [benefits_of(buyer)]
    else:  # one query for all of the person's organizations
        today = center_today()
        memberships = Membership.objects.filter(
            organization_id__in=org_roles(buyer), status__in=BENEFIT_STATUSES
        ).select_related("plan")
        benefits = [
            Benefits(plan=m.plan, membership=m) for m in memberships if m.has_benefits_on(today)
        ]
    prices = [b.member_price(list_price_cents, kind=kind) for b in benefits if b is not None]
    return min(prices, key=lambda price: price.cents, default=MemberPrice(list_price_cents))


def renewals_due(*, days: int = 90, today: date | None = None) -> QuerySet[Membership]:
    """Paying memberships whose year ends within `days` days: the renewals to expect."""
    today = today or center_today()
    return (
        Membership.objects.filter(
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.GRACE],
            complimentary=False,
            covered_until__gte=today,
            covered_until__lte=today + timedelta(days=days),
        )
        .select_related("organization", "plan")
        .order_by("covered_until", "organization__name")
    )


def current_period_start(organization: Organization, *, today: date | None = None) -> date | None:
    """The first day of the membership year that holds `today` (the latest one begun, so a
    member in grace keeps counting against the year that just ended), or None."""
    today = today or center_today()
    return (
        MembershipPeriod.objects.filter(membership__organization=organization, starts_on__lte=today)
        .order_by("-starts_on")
        .values_list("starts_on", flat=True)
        .first()
    )


def included_minutes_left_by_organization(
    organization_ids, *, today: date | None = None
) -> dict[int, int]:
    """{organization id: the plan's included coaching minutes left in the membership year that
    holds `today`} for organizations holding benefits that day (others are left out, meaning
    none): three queries however many organizations."""
    today = today or center_today()
    memberships = {
        membership.pk: membership
        for membership in Membership.objects.filter(
            organization_id__in=list(organization_ids)
        ).select_related("plan")
        if membership.has_benefits_on(today)
    }
    if not memberships:
        return {}
    starts: dict[int, date] = {}
    for membership_id, starts_on in MembershipPeriod.objects.filter(
        membership_id__in=list(memberships), starts_on__lte=today
    ).values_list("membership_id", "starts_on"):
        starts[membership_id] = max(starts_on, starts.get(membership_id, starts_on))
    used = {
        (row["membership_id"], row["period_starts_on"]): row["total"]
        for row in IncludedHoursUse.objects.filter(membership_id__in=list(memberships))
        .values("membership_id", "period_starts_on")
        .annotate(total=Sum("minutes"))
    }
    return {
        membership.organization_id: max(
            membership.plan.coaching_hours * 60 - used.get((pk, starts.get(pk)), 0), 0
        )
        for pk, membership in memberships.items()
    }


def included_minutes_remaining(organization: Organization, *, today: date | None = None) -> int:
    """The plan's included coaching minutes left in the membership year that holds `today`
    (`IncludedHoursUse` subtracted); 0 for an organization without benefits that day."""
    return included_minutes_left_by_organization([organization.pk], today=today).get(
        organization.pk, 0
    )


def coaching_hours_remaining(organization: Organization) -> Decimal:
    """Included hours of the current plan left this membership year (half hours count:
    coaching books 30-minute sessions)."""
    return Decimal(included_minutes_remaining(organization)) / 60


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


def resource_tiers_of(user, *, today: date | None = None) -> frozenset[str]:
    """The library tiers ("public", "member", "premium") a person reads through the plans of
    their organizations that hold benefits today: a member organization reads at least
    member resources whatever its plan lists; center staff read every tier. Cached per
    request (two queries the first time)."""
    if allowed(user, "core.view_audit_log"):
        return frozenset({"public", "member", "premium"})
    if not getattr(user, "is_authenticated", False):
        return frozenset({"public"})

    def load() -> frozenset[str]:
        today_ = today or center_today()
        ids = set(org_roles(user))
        if not ids:
            return frozenset({"public"})
        tiers = {"public"}
        memberships = (
            Membership.objects.filter(organization_id__in=ids)
            .exclude(status=MembershipStatus.CANCELLED)
            .select_related("plan")
        )
        for membership in memberships:
            if membership.has_benefits_on(today_):
                tiers.add("member")
                tiers.update(membership.plan.resource_tiers or ())
        return frozenset(tiers)

    return person_cache(user, "membership.resource_tiers", load)


def seat_limit(organization: Organization) -> int:
    """Seats an organization may fill: its plan's limit while a member, else the guest tier."""
    return seat_limit_of(membership_of(organization))


def seat_limit_of(membership: Membership | None, *, today: date | None = None) -> int:
    """seat_limit for an organization whose membership (with its plan) is already loaded."""
    if membership is None or not membership.has_benefits_on(today or center_today()):
        return settings.GUEST_SEAT_LIMIT
    return membership.plan.seat_limit


# --- organizations holding benefits, as queries (the member directory) ---------------------


def memberships_with_benefits(*, today: date | None = None) -> QuerySet[Membership]:
    """Memberships holding benefits on `today`: `Membership.has_benefits_on` written as a
    query, so other apps filter their rows by member organization without loading them (use
    `.values("organization_id")` as a subquery)."""
    today = today or center_today()
    return Membership.objects.filter(
        status__in=BENEFIT_STATUSES,
        covered_from__lte=today,
        covered_until__gte=today - timedelta(days=GRACE_DAYS),
    )


def plan_band_labels(organization_ids) -> dict[int, str]:
    """{organization id: its membership plan's size band ("100–299 licensed beds")} for the
    organizations holding benefits today (others are left out), in one query."""
    memberships = (
        memberships_with_benefits()
        .filter(organization_id__in=list(organization_ids))
        .select_related("plan")
    )
    return {membership.organization_id: membership.plan.band_label for membership in memberships}


def member_size_bands() -> list[tuple[str, str]]:
    """(plan public id, "Hospitals: 100–299 licensed beds") of the plans organizations holding
    benefits today are on, by audience and size: the size bands a list can be filtered by
    (one query)."""
    plans = Plan.objects.filter(pk__in=memberships_with_benefits().values("plan_id")).order_by(
        "audience", "size_min", "pk"
    )
    audiences = dict(PlanAudience.choices)
    return [
        (str(plan.public_id), f"{audiences[plan.audience]}: {plan.band_label}") for plan in plans
    ]


def people_of_member_organizations(today: date | None = None) -> QuerySet:
    """Active people (accounts.User) with a seat in an organization holding benefits on
    `today`, each once, in one query: the readers of members' mailings (the library's
    monthly digest). Center staff are not included unless they hold such a seat."""
    members = memberships_with_benefits(today=today).values("organization_id")
    return get_user_model().objects.filter(
        is_active=True, pk__in=Seat.objects.filter(organization_id__in=members).values("user_id")
    )


# --- pages ----------------------------------------------------------------------------------


def plans_version(request=None) -> str:
    """The version the pricing page's cached copy is kept under (core.pagecache): moved when
    a plan is edited, added or removed. No query."""
    return plan_changes.plans_version(request)


def plans_for_pricing() -> dict[str, list[Plan]]:
    """Active plans grouped by audience, in the audiences' order, for the pricing page."""
    grouped: dict[str, list[Plan]] = {audience: [] for audience in PlanAudience.values}
    for plan in Plan.objects.active().order_by("audience", "size_min"):
        grouped[plan.audience].append(plan)
    return {audience: plans for audience, plans in grouped.items() if plans}


def membership_charges(organization: Organization) -> QuerySet[MembershipCharge]:
    """The organization's membership invoices (years and adjustments), newest first."""
    return (
        MembershipCharge.objects.filter(membership__organization=organization)
        .select_related("invoice")
        .order_by("-invoice__issued_on", "-invoice__number")
    )


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


def first_member_admin_id() -> int | None:
    """The first administrator (by seat) of an organization with an active membership, without
    a center role: the person the benchmarks sign in as (bench/harness/probe.py's
    `find_member`), so that every app's bench pages look at that person's organizations."""
    return (
        Seat.objects.filter(
            role=OrgRole.ADMIN,
            organization__membership__status=MembershipStatus.ACTIVE,
            user__is_active=True,
            user__is_staff=False,
            user__is_coach=False,
            user__is_researcher=False,
        )
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
