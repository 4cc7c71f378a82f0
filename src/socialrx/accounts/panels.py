"""The account panel of the dashboard (declared in menus.py): what is left to set up."""

from .middleware import user_has_mfa


def account(request) -> dict | None:
    """The person's next steps: a name on their profile, two-factor authentication while it is
    off. Nothing to show once both are done. At most one query."""
    user = request.user
    steps = []
    if not user.full_name:
        steps.append(("Complete your profile", "profile", "Add your name, title and credentials."))
    # Center roles cannot reach the dashboard without it (RequireMfaForCenterRolesMiddleware),
    # so only other people are asked, and only while it is off.
    if not user.has_center_role and not user_has_mfa(user):
        steps.append(
            (
                "Set up two-factor authentication",
                "mfa_index",
                "Keep your account safe with an authenticator app.",
            )
        )
    return {"steps": steps} if steps else None
