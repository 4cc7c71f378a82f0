"""Demo data of the membership capability, run by `socialrx seed-demo` after the
organizations. Idempotent.

Plans for every type; the demo hospital an active member (one paid year, its renewal invoice
open), the practice lapsed, the health system's application waiting for review.

Reads: "center_staff", "demo_hospital", "demo_health_system", "demo_practice" and their
admins ("demo_hospital_admin", …).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from socialrx.billing.models import Invoice, PaymentMethod
from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.organizations.models import Organization

from .models import (
    ApplicationStatus,
    Membership,
    MembershipApplication,
    MembershipPeriod,
    Plan,
    PlanAudience,
    ResourceTier,
)
from .services.lifecycle import one_year_from

ALL_TIERS = [ResourceTier.PUBLIC, ResourceTier.MEMBER, ResourceTier.PREMIUM]
MEMBER_TIERS = [ResourceTier.PUBLIC, ResourceTier.MEMBER]

# audience, name, from, to, price in dollars, seats, coaching hours, boot camp %, conference %
PLANS = [
    (PlanAudience.HOSPITAL, "Community Hospital", 1, 99, 6_000, 10, 4, 10, 10),
    (PlanAudience.HOSPITAL, "Regional Hospital", 100, 299, 12_000, 20, 8, 15, 15),
    (PlanAudience.HOSPITAL, "Medical Center", 300, 499, 18_000, 35, 12, 20, 20),
    (PlanAudience.HOSPITAL, "Academic Medical Center", 500, None, 25_000, 60, 20, 25, 25),
    (PlanAudience.HEALTH_SYSTEM, "Health System", 1, 3, 30_000, 75, 24, 25, 25),
    (PlanAudience.HEALTH_SYSTEM, "Regional Health System", 4, 9, 45_000, 120, 36, 30, 30),
    (PlanAudience.HEALTH_SYSTEM, "National Health System", 10, None, 65_000, 200, 60, 30, 30),
    (PlanAudience.PRACTICE, "Small Practice", 1, 5, 2_400, 6, 2, 10, 10),
    (PlanAudience.PRACTICE, "Group Practice", 6, 20, 4_800, 15, 4, 15, 15),
    (PlanAudience.PRACTICE, "Large Group Practice", 21, None, 9_600, 30, 8, 20, 20),
    (PlanAudience.OTHER, "Health Organization", 1, 249, 3_000, 8, 2, 10, 10),
    (PlanAudience.OTHER, "Large Health Organization", 250, None, 6_000, 20, 4, 15, 15),
    (PlanAudience.INDIVIDUAL, "Individual Physician", 1, None, 495, 1, 1, 10, 10),
]


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(plans=Plan, memberships=Membership, invoices=Invoice)
    organizations = {
        kind: context.get(f"demo_{kind}") for kind in ("hospital", "health_system", "practice")
    }
    seed_membership_demo(
        staff=context.get("center_staff"),
        hospital=organizations["hospital"],
        practice=organizations["practice"],
        health_system=organizations["health_system"],
        admins={kind: context.get(f"demo_{kind}_admin") for kind in organizations},
    )
    lines = [
        f"{organization.name}: {membership_summary(organization)}"
        for organization in organizations.values()
    ]
    return DemoReport(title="Membership", lines=lines, made=tally.made())


def membership_summary(organization: Organization) -> str:
    membership = Membership.objects.select_related("plan").filter(organization=organization).first()
    if membership is None:
        waiting = MembershipApplication.objects.filter(
            organization=organization, status=ApplicationStatus.PENDING
        )
        return "membership application waiting for review" if waiting.exists() else "no membership"
    until = f" until {membership.covered_until:%b %-d, %Y}" if membership.covered_until else ""
    status = membership.get_status_display().lower()
    return f"membership {status} ({membership.plan.name}){until}"


def seed_plans() -> int:
    created = 0
    for audience, name, low, high, dollars, seats, hours, camp, conf in PLANS:
        _, made = Plan.objects.get_or_create(
            audience=audience,
            size_min=low,
            defaults={
                "name": name,
                "size_max": high,
                "annual_price_cents": dollars * 100,
                "seat_limit": seats,
                "coaching_hours": hours,
                "boot_camp_discount_percent": camp,
                "conference_discount_percent": conf,
                "resource_tiers": ALL_TIERS if dollars >= 12_000 else MEMBER_TIERS,
            },
        )
        created += made
    return created


@transaction.atomic
def seed_membership_demo(*, staff, hospital, practice, health_system, admins: dict):
    """The demo hospital is an active member (one paid year, renewal invoice open), the
    practice lapsed, the health system has a pending application."""
    from .services import applications  # noqa: PLC0415 - services import the demo's plans; a top-level import would be a cycle
    from .services.lifecycle import run_renewals  # noqa: PLC0415 - services import the demo's plans; a top-level import would be a cycle

    seed_plans()
    today = timezone.localdate()
    if not Membership.objects.filter(organization=hospital).exists():
        _member_since(staff, hospital, admins["hospital"], days_ago=320, check="10482")
        run_renewals(today=today)  # issues the renewal invoice 60 days before the end
    if not Membership.objects.filter(organization=practice).exists():
        _member_since(staff, practice, admins["practice"], days_ago=420, check="2291")
        run_renewals(today=today)  # the year ended more than 30 days ago: lapsed
    if (
        not MembershipApplication.objects.filter(
            organization=health_system, status=ApplicationStatus.PENDING
        ).exists()
        and not Membership.objects.filter(organization=health_system).exists()
    ):
        applications.apply_for_membership(
            actor=admins["health_system"],
            organization=health_system,
            billing_contact_name=admins["health_system"].full_name,
            billing_email="accounts.payable@northstar-health.example",
            po_number="NSH-PO-55120",
            agreed_to_terms=True,
        )


def _member_since(staff, organization: Organization, admin, *, days_ago: int, check: str) -> None:
    """Apply, approve and pay by check as if it had happened `days_ago` days ago."""
    from socialrx.billing.services import payments  # noqa: PLC0415 - kept beside the services below

    from .services import applications  # noqa: PLC0415 - services import the demo's plans; a top-level import would be a cycle

    start = timezone.localdate() - timedelta(days=days_ago)
    application = applications.apply_for_membership(
        actor=admin,
        organization=organization,
        billing_contact_name=admin.full_name,
        billing_email=admin.email,
        agreed_to_terms=True,
    )
    _, invoice = applications.approve_application(
        actor=staff, application=application, issued_on=start - timedelta(days=12)
    )
    payments.record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method=PaymentMethod.CHECK,
        reference=f"Check {check}",
        received_on=start,
    )
    # The payment dated `start` opened the year today; move it to start on that day.
    membership = Membership.objects.get(organization=organization)
    period = MembershipPeriod.objects.get(membership=membership, invoice=invoice)
    period.starts_on, period.ends_on = start, one_year_from(start)
    period.save(update_fields=["starts_on", "ends_on"])
    membership.covered_from, membership.covered_until = start, one_year_from(start)
    membership.save(update_fields=["covered_from", "covered_until"])
