"""What people contribute to the registry: claims, their entity's accounts, corrections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.core.requests import client_ip

from ..forms import AccountForm, AccountUpdateForm, ClaimForm, CorrectionForm, RemoveAccountForm
from ..models import ClaimStatus
from ..selectors import entities as entity_selectors
from ..selectors.reviews import organizations_for_claim
from ..services import accounts as account_services
from ..services import claims as claim_services
from ..services import corrections as correction_services


def _posted(request):
    """The submitted data on a POST, even an empty one (`request.POST or None` would leave
    the form unbound, so an empty submission showed no error at all)."""
    return request.POST if request.method == "POST" else None


def _managed_entity(request, kind, key):
    """The entity if the person may manage its accounts; the same 404 otherwise."""
    entity = entity_selectors.entity_by_key(kind, key)
    if not allowed(request.user, "registry.manage_accounts", entity):
        raise NotFound("No such entry in the registry.")
    return entity


@login_required
@require_http_methods(["GET", "POST"])
def claim(request, kind, key):
    entity = entity_selectors.entity_by_key(kind, key)
    existing = entity_selectors.claim_of(request.user, entity)
    form = ClaimForm(_posted(request), organizations=organizations_for_claim(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            new_claim = claim_services.claim_entity(
                actor=request.user,
                entity=entity,
                job_title=form.cleaned_data["job_title"],
                message=form.cleaned_data["message"],
                organization=form.cleaned_data.get("organization"),
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            if new_claim.status == ClaimStatus.VERIFIED:
                messages.success(
                    request,
                    f"Verified: your address {new_claim.matched_email} is at "
                    f"{entity.display_name}'s website domain. You can now edit its accounts.",
                )
                return redirect("registry:accounts", kind, key)
            messages.info(
                request,
                "Thank you. Center staff will review your claim and email you; usually within "
                "two working days.",
            )
            return redirect(entity)
    domain = claim_services.website_domain(entity.website)
    return render(
        request,
        "registry/claim.html",
        {"entity": entity, "form": form, "existing": existing, "domain": domain},
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_accounts(request, kind, key):
    entity = _managed_entity(request, kind, key)
    form = AccountForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = account_services.add_account(
                actor=request.user,
                entity=entity,
                address=data["address"],
                platform=data["platform"],
                followers=data["followers"],
                verified=data["verified"],
                checked_on=data["checked_on"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{account} is now listed for {entity.display_name}.")
            return redirect("registry:accounts", kind, key)
    accounts = entity_selectors.accounts_with_history(entity, include_removed=True)
    return render(
        request,
        "registry/accounts.html",
        {"entity": entity, "form": form, "accounts": accounts},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_account(request, kind, key, account_id):
    entity = _managed_entity(request, kind, key)
    account = entity_selectors.account_of(entity, account_id)
    initial = {"status": account.status, "verified": account.verified}
    form = AccountUpdateForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account_services.update_account(
                actor=request.user,
                account=account,
                followers=data["followers"],
                verified=data["verified"],
                status=data["status"],
                checked_on=data["checked_on"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{account} was updated.")
            return redirect("registry:accounts", kind, key)
    return render(
        request,
        "registry/account_edit.html",
        {"entity": entity, "account": account, "form": form, "remove_form": RemoveAccountForm()},
    )


@login_required
@require_POST
def remove_account(request, kind, key, account_id):
    entity = _managed_entity(request, kind, key)
    account = entity_selectors.account_of(entity, account_id)
    form = RemoveAccountForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        account_services.remove_account(actor=request.user, account=account, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{account} is no longer listed. Its history is kept.")
    return redirect("registry:accounts", kind, key)


@require_http_methods(["GET", "POST"])
def suggest_correction(request, kind, key):
    entity = entity_selectors.entity_by_key(kind, key)
    accounts = entity_selectors.accounts_with_history(entity)
    signed_in = request.user.is_authenticated
    form = CorrectionForm(_posted(request), accounts=accounts, signed_in=signed_in)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                correction_services.suggest_correction(
                    actor=request.user,
                    entity=entity,
                    kind=data["kind"],
                    field=data["field"],
                    proposed_value=data["proposed_value"],
                    platform=data["platform"],
                    account=data["account"],
                    explanation=data["explanation"],
                    contact_email=data.get("contact_email", ""),
                    ip_address=client_ip(request),
                )
            except DomainError as error:
                add_error_to_form(form, error)
                status = error.status_code
            else:
                messages.success(request, "Thank you: center staff will review your suggestion.")
                return redirect(entity)
    return render(
        request,
        "registry/correction.html",
        {"entity": entity, "form": form},
        status=status,
    )
