"""Who reaches the policy builder's pages, shared by its views.

Everyone of the organization reads its policy and versions (`toolkit.view_policy`); anyone
else gets a 404, as if there were none. Building (steps, assembling, adopting, review links)
is for an admin of a member organization (`toolkit.build_policy`): someone who may read the
policy but not build it gets a 403 page that says why (not the organization's admin, or the
organization is not a member right now)."""

from __future__ import annotations

import functools

from django.shortcuts import render

from socialrx.core.permissions import allowed, is_org_admin

from ..models import Policy
from ..selectors.policies import policy_for


class BuildRefused(Exception):
    def __init__(self, message: str, *, organization=None, not_member: bool = False):
        super().__init__(message)
        self.message = message
        self.organization = organization
        self.not_member = not_member


def refusals(view):
    """Draw a refused build as the 403 page with its reason."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BuildRefused as refused:
            context = {
                "message": refused.message,
                "organization": refused.organization,
                "not_member": refused.not_member,
            }
            return render(request, "toolkit/policies/refused.html", context, status=403)

    return wrapper


def check_may_build(user, organization) -> None:
    if allowed(user, "toolkit.build_policy", organization):
        return
    if is_org_admin(user, organization):
        raise BuildRefused(
            f"Building a policy is a member benefit, and {organization.name} is not a member of "
            "the center right now. Its policy versions stay here to read and download.",
            organization=organization,
            not_member=True,
        )
    raise BuildRefused(
        f"Only an admin of {organization.name} builds its policy. Ask one of its admins to make "
        "the change, or to make you an admin.",
        organization=organization,
    )


def buildable_policy(user, public_id) -> Policy:
    """The policy for its builder; 404 for people who may not read it, 403 (BuildRefused)
    for people who may read it but not build it."""
    policy = policy_for(user, public_id)
    check_may_build(user, policy.organization)
    return policy


def may_build(user, policy: Policy) -> bool:
    return allowed(user, "toolkit.build_policy", policy)
