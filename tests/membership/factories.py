"""Factories of the membership capability."""

from datetime import timedelta

import factory
from django.utils import timezone

from socialrx.membership.demo import seed_plans
from socialrx.membership.models import Invoice, Membership, Plan, PlanAudience


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    audience = PlanAudience.HOSPITAL
    name = factory.Sequence(lambda n: f"Plan {n}")
    size_min = 1
    size_max = None
    annual_price_cents = 1_200_000
    seat_limit = 20
    coaching_hours = 8
    boot_camp_discount_percent = 15
    conference_discount_percent = 15
    resource_tiers = factory.LazyFunction(lambda: ["public", "member"])


def standard_plans() -> dict[str, Plan]:
    """The center's published plans (those of the demo data), by name."""
    seed_plans()
    return {plan.name: plan for plan in Plan.objects.all()}


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory("tests.factories.OrganizationFactory")
    plan = factory.SubFactory(PlanFactory)
    billing_contact_name = "Accounts payable"
    billing_email = "ap@example-health.org"


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    organization = factory.SubFactory("tests.factories.OrganizationFactory")
    membership = factory.SubFactory(
        MembershipFactory, organization=factory.SelfAttribute("..organization")
    )
    number = factory.Sequence(lambda n: f"INV-2026-{n + 1:05d}")
    kind = "initial"
    issued_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    total_cents = 1_800_000
    billing_name = "Accounts payable"
    billing_email = "ap@example-health.org"
