"""Who may see and run an organization: its members see it, its admins run it, center staff
do both."""

import rules

from socialrx.core.permissions import (
    declare,
    is_authenticated,
    is_center_staff,
    is_org_admin,
    is_org_member,
)


@rules.predicate
def is_invitation_admin(user, invitation) -> bool:
    return invitation is not None and is_org_admin(user, invitation.organization)


declare(
    {
        "organizations.create_organization": is_authenticated,
        "organizations.view_profile": is_org_member | is_center_staff,
        "organizations.edit_profile": is_org_admin | is_center_staff,
        "organizations.view_people": is_org_member | is_center_staff,
        "organizations.manage_people": is_org_admin | is_center_staff,
        "organizations.manage_invitations": is_org_admin | is_center_staff,
        "organizations.manage_invitation": is_invitation_admin | is_center_staff,
    }
)
