"""Public pricing, a signed-in admin's quote, and the member-only benefits page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from socialrx.core.errors import DomainError
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Organization
from socialrx.organizations.selectors import organizations_administered_by

from .. import selectors
from ..models import PlanAudience
from ..services.plans import plan_for


def pricing(request):
    quotes = []
    if request.user.is_authenticated:
        for organization in organizations_administered_by(request.user):
            try:
                quotes.append((organization, plan_for(organization), None))
            except DomainError as error:
                quotes.append((organization, None, error.message))
    labels = dict(PlanAudience.choices)
    groups = [
        (labels[audience], plans) for audience, plans in selectors.plans_for_pricing().items()
    ]
    return render(request, "membership/pricing.html", {"groups": groups, "quotes": quotes})


@login_required
def member_benefits(request):
    """Member-only: what the person's organizations receive as members of the network."""
    if not allowed(request.user, "membership.read_member_content"):
        raise PermissionDenied("Member-only page: your organization needs an active membership.")
    member_ids = selectors.member_organization_ids(request.user)
    organizations = Organization.objects.filter(pk__in=member_ids).order_by("name")
    rows = [(organization, selectors.benefits_of(organization)) for organization in organizations]
    return render(request, "membership/member_benefits.html", {"rows": rows})
