"""The center's till: invoices, payments, refunds, late payments and the revenue report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.calendar import center_today
from socialrx.core.csv_export import csv_response
from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.forms import form_errors_text
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import require

from .. import selectors
from ..forms import InvoiceFilterForm, ManualPaymentForm, RefundForm, ReversalForm, VoidForm
from ..models import Invoice, Payment
from ..services import invoices, late_payments, payments, refunds


@login_required
def invoice_list(request):
    require(request.user, "billing.record_payments")
    form = InvoiceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.invoices_list(
        state=filters.get("state", ""), kind=filters.get("kind", ""), query=filters.get("q", "")
    )
    if request.GET.get("format") == "csv":
        return _invoices_csv(found)
    return render(
        request,
        "billing/staff/invoices.html",
        {
            "form": form,
            "page": paginate(request, found),
            "querystring": querystring_without_page(request),
            "today": center_today(),
        },
    )


def _invoices_csv(found) -> HttpResponse:
    header = [
        "Number",
        "Buyer",
        "Billing contact",
        "Status",
        "Issued",
        "Due",
        "Total",
        "Paid",
        "Refunded",
        "Credited",
        "Balance",
        "PO number",
    ]
    rows = (
        [
            i.number,
            str(i.buyer),
            i.billing_name,
            i.get_status_display(),
            i.issued_on,
            i.due_on,
            f"{i.total_cents / 100:.2f}",
            f"{i.paid_cents / 100:.2f}",
            f"{i.refunded_cents / 100:.2f}",
            f"{i.credited_cents / 100:.2f}",
            f"{i.balance_cents / 100:.2f}",
            i.po_number,
        ]
        for i in found.iterator(chunk_size=500)
    )
    return csv_response("socialrx-invoices.csv", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def invoice_detail(request, invoice_id):
    require(request.user, "billing.record_payments")
    invoice = selectors.invoice_for(request.user, invoice_id)
    form = ManualPaymentForm(request.POST or None)
    needs_confirmation = None
    if request.method == "POST" and form.is_valid():
        try:
            payments.record_manual_payment(
                actor=request.user,
                invoice=invoice,
                amount_cents=form.cleaned_data["amount"],
                method=form.cleaned_data["method"],
                reference=form.cleaned_data["reference"],
                received_on=form.cleaned_data["received_on"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except payments.NeedsConfirmation as warning:
            needs_confirmation = warning.message
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"The payment on {invoice.number} was recorded.")
            return redirect("billing:staff_invoice", invoice.public_id)
    return render(
        request,
        "billing/staff/invoice_detail.html",
        {
            "invoice": invoice,
            "form": form,
            "needs_confirmation": needs_confirmation,
            "today": center_today(),
            "void_form": VoidForm(),
            "refund_form": RefundForm(),
            "reversal_form": ReversalForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _invoice_action(request, invoice_id, action, done: str):
    invoice = get_object_or_404(Invoice, public_id=invoice_id)
    try:
        action(invoice)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done.format(number=invoice.number))
    return redirect("billing:staff_invoice", invoice.public_id)


@login_required
@require_POST
def void(request, invoice_id):
    require(request.user, "billing.manage_invoices")
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("billing:staff_invoice", invoice_id)
    return _invoice_action(
        request,
        invoice_id,
        lambda invoice: invoices.void_invoice(
            actor=request.user, invoice=invoice, reason=form.cleaned_data["reason"]
        ),
        "Invoice {number} is void.",
    )


@login_required
@require_POST
def refund(request, invoice_id):
    require(request.user, "billing.refund")
    form = RefundForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("billing:staff_invoice", invoice_id)

    def _refund(invoice):
        refunds.refund(
            actor=request.user,
            invoice=invoice,
            amount_cents=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            method=form.cleaned_data["method"],
            line_id=form.cleaned_data["line"],
        )

    return _invoice_action(request, invoice_id, _refund, "The refund on {number} was recorded.")


@login_required
@require_POST
def seat_anyway(request, invoice_id):
    require(request.user, "billing.manage_invoices")
    return _invoice_action(
        request,
        invoice_id,
        lambda invoice: late_payments.seat_anyway(actor=request.user, invoice=invoice),
        "Invoice {number} is paid and its places are taken.",
    )


@login_required
@require_POST
def reverse_payment(request, payment_id):
    require(request.user, "billing.record_payments")
    payment = get_object_or_404(Payment.objects.select_related("invoice"), public_id=payment_id)
    form = ReversalForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(form_errors_text(form))
        payments.reverse_payment(
            actor=request.user, payment=payment, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The payment on {payment.invoice.number} was reversed.")
    return redirect("billing:staff_invoice", payment.invoice.public_id)


@login_required
def payment_list(request):
    require(request.user, "billing.record_payments")
    query = request.GET.get("q", "")[:100]
    found = selectors.payments_list(query=query)
    if request.GET.get("format") == "csv":
        header = ["Received", "Invoice", "Buyer", "Method", "Reference", "Amount", "Reversed"]
        rows = (
            [
                p.received_on,
                p.invoice.number,
                p.invoice.billing_name,
                p.get_method_display(),
                p.reference,
                f"{p.amount_cents / 100:.2f}",
                p.reversal_reason if p.is_reversed else "",
            ]
            for p in found.iterator(chunk_size=500)
        )
        return csv_response("socialrx-payments.csv", header, rows)
    return render(
        request,
        "billing/staff/payments.html",
        {
            "page": paginate(request, found),
            "query": query,
            "querystring": querystring_without_page(request),
            "unapplied": list(selectors.unapplied_payments()[:50]),
        },
    )


@login_required
def revenue(request):
    require(request.user, "billing.view_revenue")
    months = selectors.revenue_by_month()
    by_kind = selectors.revenue_by_kind()
    if request.GET.get("format") == "csv":
        header = ["Month", "Invoiced (USD)", "Paid (USD)", "Refunded (USD)", "Outstanding (USD)"]
        rows = (
            [
                m.month.strftime("%Y-%m"),
                f"{m.invoiced_cents / 100:.2f}",
                f"{m.paid_cents / 100:.2f}",
                f"{m.refunded_cents / 100:.2f}",
                f"{m.outstanding_cents / 100:.2f}",
            ]
            for m in months
        )
        return csv_response("socialrx-revenue.csv", header, rows)
    peak = max((max(m.invoiced_cents, m.paid_cents) for m in months), default=0) or 1
    upcoming = selectors.upcoming_sales(days=90)
    return render(
        request,
        "billing/staff/revenue.html",
        {
            "months": months,
            "bars": [
                (m, round(m.invoiced_cents * 100 / peak), round(m.paid_cents * 100 / peak))
                for m in months
            ],
            "by_kind": by_kind,
            "totals": {
                "invoiced": sum(m.invoiced_cents for m in months),
                "paid": sum(m.paid_cents for m in months),
                "refunded": sum(m.refunded_cents for m in months),
                "outstanding": sum(m.outstanding_cents for m in months),
            },
            "upcoming": upcoming,
            "upcoming_total_cents": sum(sale.amount_cents for sale in upcoming),
            "overdue_count": selectors.invoices_list(state="overdue").count(),
        },
    )
