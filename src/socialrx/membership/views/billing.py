"""An organization's billing: membership, seats, invoices, applying and paying."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.organizations.selectors import organization_for

from .. import selectors
from ..forms import ApplicationForm
from ..models import InvoiceStatus
from ..payment_providers import card_provider
from ..pdf import invoice_pdf
from ..services import applications, payments
from ..services.plans import plan_for


@login_required
def billing(request, public_id):
    organization = organization_for(request.user, public_id, "membership.view_billing")
    membership = selectors.membership_of(organization)
    seats_used, seat_limit = selectors.seat_summary(organization)
    invoices = list(selectors.invoices_of(organization))
    try:
        quote, quote_error = plan_for(organization), None
    except DomainError as error:
        quote, quote_error = None, error.message
    return render(
        request,
        "membership/billing.html",
        {
            "organization": organization,
            "membership": membership,
            "benefits": selectors.benefits_of(organization),
            "invoices": invoices,
            "return_state": status_message(request, invoices),
            "application": selectors.pending_application(organization),
            "seats_used": seats_used,
            "seat_limit": seat_limit,
            "quote": quote,
            "quote_error": quote_error,
            "card_enabled": card_provider() is not None,
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
        return redirect("membership:billing", organization.public_id)
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
                agreed_to_terms=form.cleaned_data["agree_to_terms"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                "Your application was sent. The center reviews it within two business days.",
            )
            return redirect("membership:billing", organization.public_id)
    return render(
        request,
        "membership/apply.html",
        {"organization": organization, "form": form, "quote": quote},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def invoice_download(request, invoice_id):
    invoice = selectors.invoice_for(request.user, invoice_id)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


@login_required
@require_POST
def pay_by_card(request, invoice_id):
    invoice = selectors.invoice_for(request.user, invoice_id)
    billing_url = reverse("membership:billing", args=[invoice.organization.public_id])
    try:
        session = payments.start_card_checkout(
            actor=request.user,
            invoice=invoice,
            success_url=request.build_absolute_uri(billing_url + "?paid=" + invoice.number),
            cancel_url=request.build_absolute_uri(billing_url + "?cancelled=" + invoice.number),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(billing_url)
    return redirect(session.redirect_url)


def status_message(request, invoices):
    """After the provider sends the person back: say what happened to their invoice."""
    number = request.GET.get("paid")
    if number:
        paid = any(i.number == number and i.status == InvoiceStatus.PAID for i in invoices)
        return "paid" if paid else "processing"
    return None
