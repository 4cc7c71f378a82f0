"""The "Your organizations" panel of the dashboard (declared in menus.py)."""

from . import selectors


def organizations(request) -> dict:
    """The person's organizations with their role and head count, and the invitations waiting
    for their address: two queries however many."""
    user = request.user
    return {
        "memberships": list(selectors.seats_of_user(user)),
        "invitations": list(selectors.open_invitations_for_email(user.email)),
        # Staff, coaches and researchers work for the center: no organization is missing.
        "works_for_the_center": user.has_center_role,
        "add_organization_url": selectors.organization_start_url(),
    }
