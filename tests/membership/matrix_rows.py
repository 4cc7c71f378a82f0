"""Membership's rows of the permission matrix: pricing, applying, billing, the staff back office,
its API and the payment webhook."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from socialrx.billing.models import Invoice, Payment
from socialrx.membership.models import ChargeKind as InvoiceKind
from socialrx.membership.models import (
    Membership,
    MembershipApplication,
    Plan,
)
from tests.factories import org_with_admin
from tests.membership.factories import invoices_of_kind, issue_invoice, standard_plans
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    MEMBER_A,
    METHOD,
    NOT_FOUND,
    ORG_A_MANAGERS,
    ORG_A_MANAGERS_API,
    PUBLIC,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    World,
    api_cases,
    everyone,
    fixed,
    get,
    named,
    only,
    org_a,
    post,
    post_only,
    status,
)


def _invoice_a(world: World) -> str:
    return str(world.invoice_a.public_id)


def _membership_a(world: World) -> str:
    return str(world.membership_a.public_id)


def _application_c(world: World) -> str:
    return str(world.application_c.public_id)


def _member_benefits_as_member(world: World) -> str:
    world.org_a_is_member  # noqa: B018 - makes org A a member before the request
    return reverse("membership:member_benefits")


ORG_A_ADMIN_ONLY = only(ADMIN_A, grant=ALLOW, deny=NOT_FOUND)
PLAN_DATA = {
    "audience": "hospital",
    "name": "Critical Access",
    "size_min": 1,
    "size_max": 25,
    "annual_price": "3000.00",
    "seat_limit": 5,
    "coaching_hours": 2,
    "boot_camp_discount_percent": 10,
    "conference_discount_percent": 10,
    "resource_tiers": ["public"],
    "is_active": "on",
}


class MembershipData:
    """Plans, organization A's membership and invoice, and a third organization's pending
    application for a case (mixed into the matrix's `World`)."""

    @cached_property
    def plans(self) -> dict:
        return standard_plans()

    @cached_property
    def membership_a(self) -> Membership:
        """Org A approved, its first invoice open (awaiting payment)."""
        return Membership.objects.create(
            organization=self.org_a,
            plan=self.plans["Medical Center"],
            billing_contact_name="Accounts payable",
            billing_email="ap@example-health.org",
        )

    @cached_property
    def invoice_a(self) -> Invoice:
        return issue_invoice(
            membership=self.membership_a,
            kind=InvoiceKind.INITIAL,
            lines=[("Membership", 1_800_000)],
        )

    @cached_property
    def org_a_is_member(self) -> Membership:
        membership = self.membership_a
        today = timezone.localdate()
        Membership.objects.filter(pk=membership.pk).update(
            status="active", covered_from=today, covered_until=today + timedelta(days=364)
        )
        return membership

    @cached_property
    def application_c(self) -> MembershipApplication:
        """A pending application of a third organization (not A, not B)."""
        organization, admin = org_with_admin(name="Lakeview Clinic", city="Winona")
        return MembershipApplication.objects.create(
            organization=organization,
            plan=self.plans["Medical Center"],
            quoted_price_cents=1_800_000,
            applicant=admin,
            billing_contact_name="AP",
            billing_email="ap@lakeview.example",
            agreed_to_terms_at=timezone.now(),
        )


WORLD_DATA = MembershipData

ROWS: dict[str, tuple[Case, ...]] = {
    "membership:pricing": (get(named("membership:pricing"), PUBLIC),),
    "membership:member_benefits": (
        get(
            named("membership:member_benefits"),
            only(STAFF, grant=ALLOW, deny=FORBIDDEN),
            label="GET, org A not a member",
        ),
        get(
            _member_benefits_as_member,
            only(MEMBER_A, ADMIN_A, STAFF, grant=ALLOW, deny=FORBIDDEN),
            label="GET, org A a member",
        ),
    ),
    "membership:overview": (get(named("membership:overview", org_a), ORG_A_MANAGERS),),
    "membership:apply": (
        get(
            lambda world: world.plans and reverse("membership:apply", args=[org_a(world)]),
            ORG_A_ADMIN_ONLY,
        ),
        post(
            named("membership:apply", org_a),
            only(ADMIN_A, grant=DONE, deny=NOT_FOUND),
            data=lambda world: (
                world.plans
                and {
                    "billing_contact_name": "Accounts payable",
                    "billing_email": "ap@example-health.org",
                    "agree_to_terms": "on",
                }
            ),
            effect=lambda world: MembershipApplication.objects.filter(
                organization=world.org_a
            ).exists(),
        ),
    ),
    "billing:invoice_pdf": (get(named("billing:invoice_pdf", _invoice_a), ORG_A_MANAGERS),),
    "billing:pay_by_card": post_only(
        named("billing:pay_by_card", _invoice_a),
        # No card provider is configured here: the admin is sent back to billing. Staff may
        # see the invoice but only the organization's admins pay it.
        only(ADMIN_A, grant=DONE, deny=NOT_FOUND) | {STAFF: FORBIDDEN},
    ),
    "billing:stripe_webhook": (
        get(fixed("/webhooks/stripe/"), everyone(METHOD)),
        post(fixed("/webhooks/stripe/"), everyone(NOT_FOUND), label="POST, no provider"),
    ),
    "membership:staff_applications": (get(named("membership:staff_applications"), STAFF_ONLY),),
    "membership:staff_approve": post_only(
        named("membership:staff_approve", _application_c),
        STAFF_ONLY_ACTION,
        effect=lambda world: Invoice.objects.filter(
            organization=world.application_c.organization
        ).exists(),
    ),
    "membership:staff_decline": post_only(
        named("membership:staff_decline", _application_c),
        STAFF_ONLY_ACTION,
        data=lambda world: {"reason": "Please add your bed count."},
        effect=lambda world: MembershipApplication.objects.filter(status="declined").exists(),
    ),
    "membership:staff_memberships": (get(named("membership:staff_memberships"), STAFF_ONLY),),
    "membership:staff_complimentary": post_only(
        named("membership:staff_complimentary"),
        STAFF_ONLY_ACTION,
        data=lambda world: {
            "organization": world.org_a.pk,
            "plan": world.plans["Medical Center"].pk,
            "reason": "Conference speaker",
        },
        effect=lambda world: Membership.objects.filter(
            organization=world.org_a, complimentary=True
        ).exists(),
    ),
    "membership:staff_membership": (
        get(named("membership:staff_membership", _membership_a), STAFF_ONLY),
    ),
    "membership:staff_activate_po": post_only(
        named(
            "membership:staff_activate_po",
            lambda world: (world.invoice_a, world.membership_a.public_id)[1],
        ),
        STAFF_ONLY_ACTION,
        data=lambda world: {"po_number": "PO-1"},
        effect=lambda world: world.membership_a.periods.exists(),
    ),
    "membership:staff_cancel": post_only(
        named("membership:staff_cancel", _membership_a),
        STAFF_ONLY_ACTION,
        data=lambda world: {"reason": "Closed the hospital"},
        effect=lambda world: Membership.objects.filter(status="cancelled").exists(),
    ),
    "membership:staff_adjustment": post_only(
        named("membership:staff_adjustment", _membership_a),
        STAFF_ONLY_ACTION,
        data=lambda world: {"description": "Band change", "amount": "500.00"},
        effect=lambda world: invoices_of_kind("adjustment").exists(),
    ),
    "billing:staff_invoices": (get(named("billing:staff_invoices"), STAFF_ONLY),),
    "billing:staff_invoice": (
        get(named("billing:staff_invoice", _invoice_a), STAFF_ONLY | {STAFF: ALLOW}),
        post(
            named("billing:staff_invoice", _invoice_a),
            # Non-staff are refused before the invoice is looked up.
            STAFF_ONLY_ACTION,
            data=lambda world: {
                "amount": "100.00",
                "method": "check",
                "reference": "Check 1",
                "received_on": timezone.localdate().isoformat(),
            },
            effect=lambda world: Payment.objects.exists(),
        ),
    ),
    "billing:staff_void": post_only(
        named("billing:staff_void", _invoice_a),
        STAFF_ONLY_ACTION,
        data=lambda world: {"reason": "Issued twice"},
        effect=lambda world: Invoice.objects.filter(status="void").exists(),
    ),
    "membership:staff_reports": (get(named("membership:staff_reports"), STAFF_ONLY),),
    "membership:staff_plans": (get(named("membership:staff_plans"), STAFF_ONLY),),
    "membership:staff_plan_new": (
        get(named("membership:staff_plan_new"), STAFF_ONLY),
        post(
            named("membership:staff_plan_new"),
            # Every band of 1+ beds is taken by the standard plans: the service refuses
            # the overlap (400) for staff, and nothing is written for anyone.
            only(STAFF, grant=status(400), deny=FORBIDDEN),
            data=lambda world: world.plans and PLAN_DATA,
            effect=lambda world: Plan.objects.filter(name="Critical Access").exists(),
            effect_roles=frozenset(),
        ),
    ),
    "membership:staff_plan_edit": (
        get(
            named(
                "membership:staff_plan_edit",
                lambda world: world.plans["Medical Center"].public_id,
            ),
            STAFF_ONLY,
        ),
    ),
    "GET /api/v1/membership/plans": (
        get(fixed("/api/v1/membership/plans"), PUBLIC, label="session"),
    ),
    "GET /api/v1/membership/organizations/<public_id>/membership": api_cases(
        lambda world: f"/api/v1/membership/organizations/{world.org_a.public_id}/membership",
        ORG_A_MANAGERS_API,
    ),
}
