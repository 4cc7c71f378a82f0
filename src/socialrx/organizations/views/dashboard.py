from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from socialrx.organizations import selectors


@login_required
def dashboard(request):
    """A signed-in person's start page: their organizations, invitations, next steps."""
    memberships = list(selectors.memberships_of_user(request.user))
    invitations = list(selectors.open_invitations_for_email(request.user.email))
    user = request.user
    next_steps = []
    if not user.full_name:
        next_steps.append(
            ("Complete your profile", "profile", "Add your name, title and credentials.")
        )
    if not memberships:
        next_steps.append(
            (
                "Add your organization",
                "organizations:create",
                "Create your hospital, health system or practice and invite your team.",
            )
        )
    return render(
        request,
        "organizations/dashboard.html",
        {"memberships": memberships, "invitations": invitations, "next_steps": next_steps},
    )
