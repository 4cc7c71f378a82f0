"""Factories of the membership capability."""

import factory
from django.utils import timezone

from socialrx.billing.models import Invoice
from socialrx.membership.demo import seed_plans
from socialrx.membership.models import Membership, MembershipCharge, Plan, PlanAudience
from socialrx.membership.services import invoicing


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


def issue_invoice(*, membership, kind, lines, **kwargs):
    """A membership invoice of one line, as membership's own flows issue them."""
    [(description, amount_cents)] = lines
    return invoicing.invoice_membership(
        membership=membership,
        kind=kind,
        description=description,
        amount_cents=amount_cents,
        **kwargs,
    )


def invoices_of_kind(kind: str):
    """Membership invoices of a kind (first year, renewal, adjustment)."""
    return Invoice.objects.filter(
        pk__in=MembershipCharge.objects.filter(kind=kind).values("invoice_id")
    )


def charge_of(invoice: Invoice) -> MembershipCharge:
    """Membership's side of an invoice: its kind, plan and period."""
    return MembershipCharge.objects.select_related("plan").get(invoice=invoice)


def invoice_of_kind(kind: str) -> Invoice:
    return invoices_of_kind(kind).get()


def InvoiceFactory(  # noqa: N802 - used as the factory it replaces
    *,
    organization=None,
    membership=None,
    kind="initial",
    issued_on=None,
    due_on=None,
    total_cents=1_800_000,
    **extra,
):
    """An open membership invoice issued through billing, on the given dates."""
    membership = membership or MembershipFactory(
        **({"organization": organization} if organization else {})
    )
    invoice = issue_invoice(
        membership=membership,
        kind=kind,
        lines=[("Membership year", total_cents)],
        issued_on=issued_on or timezone.localdate(),
        due_on=due_on,
    )
    if extra:
        Invoice.objects.filter(pk=invoice.pk).update(**extra)
        invoice.refresh_from_db()
    return invoice
