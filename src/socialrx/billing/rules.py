"""Who may see and pay an invoice, buy for a buyer, and run the center's till."""

import rules

from socialrx.core.permissions import declare, is_center_staff, is_org_admin
from socialrx.organizations.models import Organization


@rules.predicate
def is_invoice_buyer(user, invoice) -> bool:
    """The person the invoice is made out to, or an admin of its organization."""
    if invoice is None or not getattr(user, "is_authenticated", False):
        return False
    if invoice.person_id is not None:
        return invoice.person_id == user.pk
    return is_org_admin(user, invoice.organization)


@rules.predicate
def may_buy_for(user, buyer) -> bool:
    """A person buys in their own name, or for an organization they administer."""
    if buyer is None or not getattr(user, "is_authenticated", False):
        return False
    if isinstance(buyer, Organization):
        return is_org_admin(user, buyer)
    return getattr(buyer, "pk", None) == user.pk


declare(
    {
        "billing.view_invoice": is_invoice_buyer | is_center_staff,
        "billing.pay_invoice": is_invoice_buyer,
        "billing.buy_for": may_buy_for,
        "billing.view_org_billing": is_org_admin | is_center_staff,
        "billing.manage_invoices": is_center_staff,
        "billing.record_payments": is_center_staff,
        "billing.refund": is_center_staff,
        "billing.view_revenue": is_center_staff,
    }
)
