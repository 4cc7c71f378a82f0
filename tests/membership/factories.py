"""Factories of the membership capability."""

import factory

from socialrx.membership.demo import seed_plans
from socialrx.membership.models import Plan, PlanAudience


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
