"""Staff's and buyers' billing forms. Amounts are typed in dollars and kept in cents."""

from django import forms

from socialrx.core.calendar import center_today
from socialrx.core.forms import Form, MoneyField

from .models import PaymentMethod, PaymentRoute
from .sellables import all_kinds
from .services.refunds import REFUND_METHODS


class ManualPaymentForm(Form):
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    amount = MoneyField(label="Amount received")
    method = forms.ChoiceField(
        choices=[(PaymentMethod.CHECK, "Check"), (PaymentMethod.ACH, "ACH transfer")]
    )
    reference = forms.CharField(
        max_length=120, required=False, help_text="Check number or ACH trace."
    )
    received_on = forms.DateField(
        label="Received on",
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=center_today,
    )


class VoidForm(Form):
    reason = forms.CharField(max_length=500)


class ReversalForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RefundForm(Form):
    amount = MoneyField(label="Amount to refund")
    method = forms.ChoiceField(label="How", choices=list(REFUND_METHODS.items()))
    line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class CheckoutForm(Form):
    buyer = forms.ChoiceField(label="Invoice to", widget=forms.HiddenInput)
    # The total the person reviewed: a different total at checkout is shown, never charged.
    reviewed_total = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    pay_by = forms.ChoiceField(
        label="How to pay",
        choices=[(PaymentRoute.CARD, "By card, now"), (PaymentRoute.INVOICE, "By invoice, net 30")],
        widget=forms.RadioSelect,
        initial=PaymentRoute.INVOICE,
    )
    billing_name = forms.CharField(label="Name on the invoice", max_length=150)
    billing_email = forms.EmailField(label="Send the invoice and receipt to")
    po_number = forms.CharField(
        label="Purchase order number (optional)", max_length=60, required=False
    )
    tax_exempt_note = forms.CharField(
        label="Tax exemption (optional)",
        max_length=200,
        required=False,
        help_text="For example: 501(c)(3) non-profit, exemption certificate 12-3456789.",
    )


class InvoiceFilterForm(Form):
    state = forms.ChoiceField(
        label="Status",
        choices=[
            ("", "All"),
            ("open", "Open"),
            ("overdue", "Overdue"),
            ("paid", "Paid"),
            ("void", "Void"),
            ("attention", "Waiting for staff"),
        ],
        required=False,
    )
    kind = forms.ChoiceField(label="What was sold", required=False)
    q = forms.CharField(label="Number, buyer or PO", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = sorted((code, kind.label) for code, kind in all_kinds().items())
        self.fields["kind"].choices = [("", "Anything"), *kinds]
