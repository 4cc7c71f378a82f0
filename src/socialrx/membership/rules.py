"""Who may apply, pay, read member-only content, and run the membership back office."""

import rules

from socialrx.core.permissions import declare, is_center_staff, is_org_admin

from .selectors import may_read_member_content


@rules.predicate
def is_invoice_org_admin(user, invoice) -> bool:
    return invoice is not None and is_org_admin(user, invoice.organization)


@rules.predicate
def reads_member_content(user) -> bool:
    return may_read_member_content(user)


declare(
    {
        "membership.apply": is_org_admin,
        "membership.view_billing": is_org_admin | is_center_staff,
        "membership.view_invoice": is_invoice_org_admin | is_center_staff,
        "membership.pay_invoice": is_invoice_org_admin,
        "membership.read_member_content": reads_member_content,
        "membership.manage_plans": is_center_staff,
        "membership.review_applications": is_center_staff,
        "membership.manage_memberships": is_center_staff,
        "membership.record_payments": is_center_staff,
        "membership.view_reports": is_center_staff,
    }
)
