"""A buyer's billing: what a person or an organization bought, invoices, receipts, statement,
paying by card, and the one checkout every selling app sends its buyers to."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pdf_downloads import limits_pdf_downloads
from socialrx.organizations.selectors import organization_for, organizations_administered_by

from .. import selectors
from ..forms import CheckoutForm
from ..models import InvoiceStatus, PaymentRoute
from ..payment_providers import card_provider
from ..pdf import invoice_pdf, receipt_pdf, remittance, statement_pdf
from ..services import checkout as checkout_service
from ..services import payments
from ..services.holds import hold_minutes


def _asks_for_pdf(request) -> bool:
    return request.GET.get("format") == "pdf"


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def my_billing(request):
    """A person's own purchases, and the organizations whose billing they run."""
    return render(
        request,
        "billing/my_billing.html",
        {
            "invoices": list(selectors.invoices_of(request.user)),
            "organizations": list(organizations_administered_by(request.user)),
            "card_enabled": card_provider() is not None,
            "return_state": _return_state(request),
        },
    )


@login_required
def organization_billing(request, public_id):
    organization = organization_for(request.user, public_id, "billing.view_org_billing")
    invoices = list(selectors.invoices_of(organization))
    statement = selectors.statement_of(organization, invoices=invoices)
    return render(
        request,
        "billing/organization_billing.html",
        {
            "organization": organization,
            "invoices": invoices,
            "statement": statement,
            "card_enabled": card_provider() is not None,
            "return_state": _return_state(request),
        },
    )


@login_required
@limits_pdf_downloads(when=_asks_for_pdf)
def organization_statement(request, public_id):
    organization = organization_for(request.user, public_id, "billing.view_org_billing")
    statement = selectors.statement_of(organization)
    if _asks_for_pdf(request):
        return _pdf(statement_pdf(statement), f"Statement-{statement.generated_on}.pdf")
    return render(
        request,
        "billing/statement.html",
        {"organization": organization, "statement": statement},
    )


@login_required
@limits_pdf_downloads(when=_asks_for_pdf)
def my_statement(request):
    statement = selectors.statement_of(request.user)
    if _asks_for_pdf(request):
        return _pdf(statement_pdf(statement), f"Statement-{statement.generated_on}.pdf")
    return render(request, "billing/statement.html", {"statement": statement})


@login_required
def invoice_detail(request, invoice_id):
    invoice = selectors.invoice_for(request.user, invoice_id)
    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "card_enabled": card_provider() is not None,
            "remittance": remittance(),
        },
    )


@login_required
@limits_pdf_downloads
def invoice_download(request, invoice_id):
    invoice = selectors.invoice_for(request.user, invoice_id)
    return _pdf(invoice_pdf(invoice), f"{invoice.number}.pdf")


@login_required
@limits_pdf_downloads
def receipt_download(request, payment_id):
    payment = selectors.payment_for(request.user, payment_id)
    invoice = selectors.invoice_for(request.user, payment.invoice.public_id)
    return _pdf(receipt_pdf(invoice, payment), f"Receipt-{invoice.number}.pdf")


@login_required
@require_POST
def pay_by_card(request, invoice_id):
    invoice = selectors.invoice_for(request.user, invoice_id)
    back = reverse("billing:invoice", args=[invoice.public_id])
    try:
        session = payments.start_card_checkout(
            actor=request.user,
            invoice=invoice,
            success_url=request.build_absolute_uri(back + "?paid=" + invoice.number),
            cancel_url=request.build_absolute_uri(back + "?cancelled=" + invoice.number),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    return redirect(session.redirect_url)


def _return_state(request):
    """After the provider sends the person back: say what happened to their payment."""
    if request.GET.get("paid"):
        return "processing"
    return None


# --- checkout -------------------------------------------------------------------------------


def _item_from(data) -> checkout_service.Item:
    try:
        sold = UUID(str(data.get("item", "")))
        quantity = int(data.get("quantity", "1") or "1")
    except ValueError as error:
        raise DomainError("That item link is not valid.", code="bad_item") from error
    return checkout_service.Item(
        kind=str(data.get("kind", ""))[:60], sold_public_id=sold, quantity=quantity
    )


def _buyers(user) -> list[tuple[str, object, str]]:
    """(key, buyer, label): the person, then each organization they administer."""
    buyers = [("me", user, f"Myself ({user.full_name or user.email})")]
    buyers += [(str(org.public_id), org, str(org)) for org in organizations_administered_by(user)]
    return buyers


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request):
    """Review what is bought, priced on the server for the chosen buyer; then pay by card, by
    invoice or, when nothing is owed, confirm. The request names only the kind, item, quantity
    and buyer; the total the person reviewed comes back with the order, and a different total
    now (a price changed, another buyer) is shown again instead of being charged."""
    data = request.POST if request.method == "POST" else request.GET
    buyers = {key: (buyer, label) for key, buyer, label in _buyers(request.user)}
    buyer_key = str(data.get("buyer") or "me")
    try:
        if buyer_key not in buyers:
            raise DomainError("You can buy in your own name or for an organization you run.")
        chosen = buyers[buyer_key][0]
        item = _item_from(data)
        lines = checkout_service.price(chosen, [item])
    except DomainError as error:
        return render(
            request, "billing/checkout_unavailable.html", {"message": error.message}, status=400
        )
    total = sum(line.quote.amount_cents for line in lines)
    form = _checkout_form(request, chosen, buyer_key, [(k, v[1]) for k, v in buyers.items()])
    if (
        request.method == "POST"
        and not form.is_valid()
        and {"buyer", "reviewed_total"} & set(form.errors)
    ):
        form.add_error(None, "This order form is out of date: check the order and continue again.")
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["reviewed_total"] != total:
            form.add_error(
                None,
                f"The total is now ${total / 100:,.2f}. Check the order below and continue "
                "again: nothing was bought.",
            )
        else:
            try:
                invoice = checkout_service.checkout(
                    actor=request.user,
                    buyer=chosen,
                    items=[item],
                    pay_by=form.cleaned_data["pay_by"],
                    billing_name=form.cleaned_data["billing_name"],
                    billing_email=form.cleaned_data["billing_email"],
                    po_number=form.cleaned_data["po_number"],
                    tax_exempt_note=form.cleaned_data["tax_exempt_note"],
                )
            except DomainError as error:
                add_error_to_form(form, error)
            else:
                return _after_checkout(request, invoice)
    return render(
        request,
        "billing/checkout.html",
        {
            "form": form,
            "item": item,
            "lines": lines,
            "total_cents": total,
            "buyer_key": buyer_key,
            "buyer_label": buyers[buyer_key][1],
            "card_enabled": card_provider() is not None,
            "hold_minutes": hold_minutes(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _checkout_form(request, buyer, buyer_key: str, choices) -> CheckoutForm:
    organization = buyer if buyer_key != "me" else None
    form = CheckoutForm(
        request.POST or None,
        initial={
            "buyer": buyer_key,
            "billing_name": str(organization) if organization else request.user.full_name,
            "billing_email": request.user.email,
        },
    )
    form.fields["buyer"].choices = choices
    if card_provider() is None:
        form.fields["pay_by"].choices = [(PaymentRoute.INVOICE, "By invoice, net 30")]
    return form


def _after_checkout(request, invoice):
    if invoice.route == PaymentRoute.CARD and invoice.status == InvoiceStatus.OPEN:
        back = reverse("billing:invoice", args=[invoice.public_id])
        try:
            session = payments.start_card_checkout(
                actor=request.user,
                invoice=invoice,
                success_url=request.build_absolute_uri(back + "?paid=" + invoice.number),
                cancel_url=request.build_absolute_uri(back + "?cancelled=" + invoice.number),
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(back)
        return redirect(session.redirect_url)
    if invoice.status == InvoiceStatus.PAID:
        messages.success(request, "Done: nothing to pay. A receipt was emailed to you.")
    else:
        messages.success(
            request, f"Invoice {invoice.number} was issued and emailed; it is due in 30 days."
        )
    return redirect("billing:invoice", invoice.public_id)
