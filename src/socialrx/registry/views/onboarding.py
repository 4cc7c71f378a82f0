"""Adding an organization, starting from the registry: find its listing, go on to the
organization's form filled in from it, then claim the listing for the new organization.

The flow lives here because the registry sits above organizations (it may call
`organizations.services` and read `organizations.selectors`; organizations may not import the
registry). The form in between is the organizations app's own page (`organizations:create`):
this module sends the listing's details there in the query string, with `next` naming the
claim step, and organizations comes back to it with the new organization's id."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from socialrx.core.errors import DomainError, NotFound, add_error_to_form

from ..forms import FindListingForm, ListingClaimForm
from ..models import ClaimStatus
from ..selectors import entities as entity_selectors
from ..selectors import onboarding as onboarding_selectors
from ..services import onboarding as onboarding_services


@login_required
@require_GET
def find(request):
    """Step 1: find the hospital or practice by name, city, CCN or NPI."""
    form = FindListingForm(request.GET if "q" in request.GET else None)
    listings, nothing_found, status = [], "", 200
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        listings = onboarding_selectors.listings_to_start_from(query)
        if not listings:
            nothing_found = _nothing_found(query)
    elif form.is_bound:
        status = 400
    return render(
        request,
        "registry/onboarding/find.html",
        {"form": form, "listings": listings, "nothing_found": nothing_found},
        status=status,
    )


def _nothing_found(query: str) -> str:
    identifier = onboarding_selectors.identifier_kind(query)
    if identifier:
        return (
            f"No listing in the registry has the {identifier} {query.strip().upper()}. Check "
            "the number, search by name instead, or add your organization without a listing."
        )
    return (
        f"Nothing in the registry matches “{query}”. Try another spelling or the city, or add "
        "your organization without a listing."
    )


@login_required
@require_GET
def start_from_listing(request, kind, key):
    """Step 2: on to the organization's form, filled in from the listing."""
    try:
        entity = entity_selectors.entity_by_key(kind, key)
    except NotFound:
        return render(
            request,
            "registry/onboarding/find.html",
            {"form": FindListingForm(), "listings": [], "nothing_found": _unknown(kind, key)},
            status=404,
        )
    if onboarding_selectors.listing_is_claimed(entity):
        return render(request, "registry/onboarding/claimed.html", {"entity": entity}, status=409)
    prefill = onboarding_selectors.organization_prefill(entity)
    prefill["next"] = reverse("onboarding:claim", args=[entity.kind_slug, entity.key])
    return redirect(f"{reverse('organizations:create')}?{urlencode(prefill)}")


def _unknown(kind: str, key: str) -> str:
    key = key[:20]
    if kind == "hospitals":
        return f"No hospital in the registry has the CMS certification number {key}."
    if kind == "physicians":
        return f"No physician in the registry has the NPI {key}."
    return "That listing is not in the registry. Search for it by name below."


@login_required
@require_http_methods(["GET", "POST"])
def claim_listing(request, kind, key):
    """Step 3: the new organization's admin claims the listing for it, in one click."""
    entity = entity_selectors.entity_by_key(kind, key)
    organization = onboarding_selectors.organization_to_claim_for(
        request.user, request.POST.get("organization") or request.GET.get("organization", "")
    )
    existing = entity_selectors.claim_of(request.user, entity)
    claimed = not existing and onboarding_selectors.listing_is_claimed(entity)
    form = ListingClaimForm(
        request.POST if request.method == "POST" else None,
        initial={"job_title": request.user.professional_title},
    )
    status = 409 if claimed else 200
    if request.method == "POST" and not (claimed or existing):
        status = 400
        if form.is_valid():
            try:
                claim = onboarding_services.claim_listing_for_organization(
                    actor=request.user,
                    entity=entity,
                    organization=organization,
                    job_title=form.cleaned_data["job_title"],
                    message=form.cleaned_data["message"],
                )
            except DomainError as error:
                add_error_to_form(form, error)
                status = error.status_code
            else:
                return _claimed(request, claim, organization)
    return render(
        request,
        "registry/onboarding/claim.html",
        {
            "entity": entity,
            "organization": organization,
            "form": form,
            "existing": existing,
            "claimed": claimed,
        },
        status=status,
    )


def _claimed(request, claim, organization):
    entity = claim.entity
    if claim.status == ClaimStatus.VERIFIED:
        messages.success(
            request,
            f"Verified: your address {claim.matched_email} is at {entity.display_name}'s "
            f"website domain. {entity.display_name} is now {organization}'s listing: keep its "
            "accounts up to date here.",
        )
        return redirect("registry:accounts", entity.kind_slug, entity.key)
    messages.info(
        request,
        f"Your claim on {entity.display_name} for {organization} was sent. Center staff will "
        "review it and email you, usually within two working days.",
    )
    return redirect("organizations:detail", organization.public_id)
