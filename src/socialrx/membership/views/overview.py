"""An organization's membership: plan, status, seats, its membership invoices, applying."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.billing.selectors import card_payment_available
from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.organizations.selectors import organization_for

from .. import selectors
from ..forms import ApplicationForm
from ..services import applications
from ..services.plans import plan_for


@login_required
def overview(request, public_id):
    organization = organization_for(request.user, public_id, "membership.view_billing")
    membership = selectors.membership_of(organization)
    seats_used, seat_limit = selectors.seat_summary(organization)
    charges = list(selectors.membership_charges(organization))
    try:
        quote, quote_error = plan_for(organization), None
    except DomainError as error:
        quote, quote_error = None, error.message
    return render(
        request,
        "membership/overview.html",
        {
            "organization": organization,
            "membership": membership,
            "benefits": selectors.benefits_of(organization),
            "charges": charges,
            "application": selectors.pending_application(organization),
            "seats_used": seats_used,
            "seat_limit": seat_limit,
            "quote": quote,
            "quote_error": quote_error,
            "card_enabled": card_payment_available(),
            "can_manage": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, public_id):
    organization = organization_for(request.user, public_id, "membership.apply")
    try:
        quote = plan_for(organization)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("membership:overview", organization.public_id)
    initial = {"billing_contact_name": request.user.full_name, "billing_email": request.user.email}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            applications.apply_for_membership(
                actor=request.user,
                organization=organization,
                billing_contact_name=form.cleaned_data["billing_contact_name"],
                billing_email=form.cleaned_data["billing_email"],
                po_number=form.cleaned_data["po_number"],
                tax_exempt_note=form.cleaned_data["tax_exempt_note"],
                agreed_to_terms=form.cleaned_data["agree_to_terms"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                "Your application was sent. The center reviews it within two business days.",
            )
            return redirect("membership:overview", organization.public_id)
    return render(
        request,
        "membership/apply.html",
        {"organization": organization, "form": form, "quote": quote},
        status=400 if request.method == "POST" else 200,
    )
