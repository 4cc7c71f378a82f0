"""On-site training, the organization's side: its requests, a new request, one request with
the proposal, the answer (accept, decline, withdraw) and the timeline."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.organizations.selectors import (
    organization_start_url,
    organizations_administered_by,
)

from ..forms_onsite import DeclineForm, OnsiteRequestForm, WithdrawForm, organization_address
from ..models import OnsiteStatus
from ..selectors import onsite as selectors
from ..services import onsite as services


@login_required
def onsite_list(request):
    organizations, requests = selectors.requests_of_administered(request.user)
    return render(
        request,
        "training/onsite/list.html",
        {
            "organizations": organizations,
            "requests": requests,
            "start_url": organization_start_url(),
            "center_zone": settings.TIME_ZONE,
        },
    )


def _preselected(request, organizations):
    wanted = request.GET.get("organization", "")
    if len(organizations) == 1:
        return organizations[0]
    return next((org for org in organizations if str(org.public_id) == wanted), None)


@login_required
@require_http_methods(["GET", "POST"])
def onsite_new(request):
    organizations = organizations_administered_by(request.user)
    if not organizations:
        return render(
            request,
            "training/onsite/no_organization.html",
            {"start_url": organization_start_url()},
            status=403 if request.method == "POST" else 200,
        )
    chosen = _preselected(request, organizations)
    initial = {}
    if chosen is not None:
        initial = {"organization": chosen.public_id, "address": organization_address(chosen)}
    form = OnsiteRequestForm(request.POST or None, initial=initial, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            onsite = services.request_onsite(
                actor=request.user,
                organization=data["organization"],
                topics=data["topics"],
                audience=data["audience"],
                expected_attendees=data["expected_attendees"],
                preferred_dates=form.preferred_dates,
                address=data["address"],
                needs=data["needs"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, "Your request was sent. The center will propose a date and a quote."
            )
            return redirect("training:onsite_detail", onsite.public_id)
    return render(
        request,
        "training/onsite/new.html",
        {"form": form, "organizations": organizations, "chosen": chosen},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, onsite, *, decline_form=None, withdraw_form=None, error=None, status=200):
    return render(
        request,
        "training/onsite/detail.html",
        {
            "onsite": onsite,
            "steps": selectors.timeline(onsite),
            "may_answer": allowed(request.user, "training.answer_onsite", onsite),
            "may_manage": allowed(request.user, "training.manage_onsite"),
            "decline_form": decline_form or DeclineForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "error": error,
            "center_zone": settings.TIME_ZONE,
            "S": OnsiteStatus,
        },
        status=status,
    )


@login_required
def onsite_detail(request, public_id):
    return _detail(request, selectors.onsite_for(request.user, public_id))


def _with(form, error: DomainError):
    """The form with the service's refusal beside its field (when it names one)."""
    if error.field in form.fields:
        add_error_to_form(form, error)
    return form


def _refusal(form, error: DomainError) -> dict:
    """A refusal about the request itself (its status) is shown above everything."""
    message = None if error.field in form.fields else error.message
    return {"error": message, "status": error.status_code}


@login_required
@require_POST
def onsite_accept(request, public_id):
    onsite = selectors.onsite_for(request.user, public_id)
    try:
        onsite = services.accept_onsite(actor=request.user, onsite=onsite)
    except DomainError as error:
        return _detail(request, onsite, error=error.message, status=error.status_code)
    messages.success(
        request,
        f"Accepted. Invoice {onsite.invoice.number} is on its way to your billing contact.",
    )
    return redirect("training:onsite_detail", onsite.public_id)


@login_required
@require_POST
def onsite_decline(request, public_id):
    onsite = selectors.onsite_for(request.user, public_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.decline_onsite(
                actor=request.user, onsite=onsite, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            return _detail(
                request, onsite, decline_form=_with(form, error), **_refusal(form, error)
            )
        messages.success(request, "You declined the proposal; the center was told why.")
        return redirect("training:onsite_detail", onsite.public_id)
    return _detail(request, onsite, decline_form=form, status=400)


@login_required
@require_POST
def onsite_withdraw(request, public_id):
    onsite = selectors.onsite_for(request.user, public_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_onsite(
                actor=request.user, onsite=onsite, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            return _detail(
                request, onsite, withdraw_form=_with(form, error), **_refusal(form, error)
            )
        messages.success(request, "The request was withdrawn.")
        return redirect("training:onsite_detail", onsite.public_id)
    return _detail(request, onsite, withdraw_form=form, status=400)
