"""Who may apply, pay, read member-only content, and run the membership back office."""

import rules

from socialrx.core.permissions import declare, is_center_staff, is_org_admin

from .selectors import may_read_member_content


@rules.predicate
def reads_member_content(user) -> bool:
    return may_read_member_content(user)


declare(
    {
        "membership.apply": is_org_admin,
        "membership.view_billing": is_org_admin | is_center_staff,
        "membership.read_member_content": reads_member_content,
        "membership.manage_plans": is_center_staff,
        "membership.review_applications": is_center_staff,
        "membership.manage_memberships": is_center_staff,
        "membership.view_reports": is_center_staff,
    }
)
