"""The engagement pages of the organization's people and the coaches: the list, one
engagement (hours, sessions, action items, notes, packages), and buying more hours (the org's
admins), which hands over to billing's checkout."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from socialrx.core.permissions import allowed

from ..forms_engagements import BuyHoursForm
from ..models import EngagementStatus
from ..selectors import engagements as selectors
from ..selectors.access import engagement_for
from ..selectors.records import records_for
from ..services import hour_sales


@login_required
def engagement_list(request):
    cards = selectors.engagements_for(request.user)
    return render(
        request,
        "coaching/engagements/list.html",
        {
            "cards": cards,
            "is_staff": allowed(request.user, "coaching.manage_engagements"),
        },
    )


@login_required
def engagement_detail(request, engagement_id):
    engagement = engagement_for(request.user, engagement_id)
    context = records_for(engagement, request.user)
    context.update(
        {
            "engagement": engagement,
            "page": selectors.engagement_page(engagement, request.user),
            "coaches": list(engagement.coaches.all()),
        }
    )
    return render(request, "coaching/engagements/detail.html", context)


def checkout_url(engagement, hours: int) -> str:
    query = {
        "kind": hour_sales.HOURS_CODE,
        "item": str(engagement.public_id),
        "quantity": hours,
        "buyer": str(engagement.organization.public_id),
    }
    return reverse("billing:checkout") + "?" + urlencode(query)


@login_required
@require_http_methods(["GET", "POST"])
def buy_hours(request, engagement_id):
    """How many hours, at what price for this organization, and what happens next; then on to
    billing's checkout (which prices the order again on the server)."""
    engagement = engagement_for(request.user, engagement_id)
    if not allowed(request.user, "coaching.buy_hours", engagement):
        raise PermissionDenied("Only the organization's admins buy hours.")
    is_open = engagement.status != EngagementStatus.COMPLETED
    form = BuyHoursForm(request.POST or None)
    if request.method == "POST" and is_open and form.is_valid():
        return redirect(checkout_url(engagement, form.cleaned_data["hours"]))
    list_cents, discount_cents, reason = hour_sales.unit_price(engagement.organization)
    hours = form.cleaned_data["hours"] if form.is_bound and form.is_valid() else None
    hours = hours or form.fields["hours"].initial
    return render(
        request,
        "coaching/engagements/buy_hours.html",
        {
            "engagement": engagement,
            "form": form,
            "is_open": is_open,
            "hours": selectors.hours_of(engagement),
            "quantity": hours,
            "total_cents": (list_cents - discount_cents) * hours,
            "list_cents": list_cents,
            "discount_cents": discount_cents,
            "price_cents": list_cents - discount_cents,
            "discount_reason": reason,
            "max_hours": hour_sales.MAX_HOURS,
        },
        status=400 if request.method == "POST" else 200,
    )
