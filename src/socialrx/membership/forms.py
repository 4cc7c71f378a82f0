from django import forms
from django.utils import timezone

from socialrx.core.forms import Form, ModelForm
from socialrx.core.money import parse_dollars
from socialrx.organizations.models import Organization

from .models import MembershipStatus, PaymentMethod, Plan, PlanAudience, ResourceTier


class MoneyField(forms.CharField):
    """Dollars as typed by a person ('12,500.00'), cleaned to integer cents."""

    MAX_CENTS = 10_000_000_00  # ten million dollars: beyond any membership or invoice

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "In US dollars, for example 12500.00")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 16})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 16:
            raise forms.ValidationError("Enter an amount in dollars, such as 12500.00.")
        try:
            cents = parse_dollars(value)
        except ValueError as error:
            raise forms.ValidationError(
                "Enter an amount in dollars, such as 12500.00 (no negative amounts)."
            ) from error
        if cents > self.MAX_CENTS:
            raise forms.ValidationError("That amount is too large: the limit is $10,000,000.")
        return cents

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value / 100:.2f}"
        return value


class PlanForm(ModelForm):
    annual_price = MoneyField(label="Annual price")
    resource_tiers = forms.MultipleChoiceField(
        choices=ResourceTier.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Plan
        fields = [
            "audience",
            "name",
            "size_min",
            "size_max",
            "seat_limit",
            "coaching_hours",
            "boot_camp_discount_percent",
            "conference_discount_percent",
            "resource_tiers",
            "is_active",
        ]
        labels = {"size_min": "Size from", "size_max": "Size up to"}
        help_texts = {
            "size_max": "Leave empty for the open-ended top band.",
            "size_min": "Beds for hospitals, hospitals for systems, providers for practices.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["annual_price"] = self.instance.annual_price_cents

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("annual_price") is not None:
            cleaned["annual_price_cents"] = cleaned.pop("annual_price")
        return cleaned

    def _post_clean(self):
        """Model validation and band rules run in the service, which names the clash."""


class ApplicationForm(Form):
    billing_contact_name = forms.CharField(label="Billing contact", max_length=150)
    billing_email = forms.EmailField(label="Billing email", max_length=254)
    po_number = forms.CharField(
        label="Purchase order number",
        max_length=60,
        required=False,
        help_text="Optional. Printed on every invoice.",
    )
    agree_to_terms = forms.BooleanField(
        label="I agree to the membership terms on behalf of my organization",
        error_messages={"required": "Please agree to the membership terms."},
    )


class DeclineForm(Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Sent to the applicant.",
    )


class ManualPaymentForm(Form):
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
        initial=timezone.localdate,
    )


class VoidForm(Form):
    reason = forms.CharField(max_length=500)


class PurchaseOrderForm(Form):
    po_number = forms.CharField(label="Purchase order number", max_length=60)


class CancelForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    credit = MoneyField(
        label="Credit note (optional)", required=False, help_text="Leave empty for none."
    )


class AdjustmentForm(Form):
    description = forms.CharField(
        max_length=255, help_text="For example: Move to the 300–499 bed band"
    )
    amount = MoneyField(label="Amount")


class ComplimentaryForm(Form):
    organization = forms.ModelChoiceField(queryset=None)
    plan = forms.ModelChoiceField(queryset=Plan.objects.active())
    reason = forms.CharField(max_length=500)

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")


class MembershipFilterForm(Form):
    status = forms.ChoiceField(
        choices=[("", "Any status"), *MembershipStatus.choices], required=False
    )
    audience = forms.ChoiceField(choices=[("", "Any type"), *PlanAudience.choices], required=False)
    q = forms.CharField(label="Organization", required=False, max_length=100)


class InvoiceFilterForm(Form):
    state = forms.ChoiceField(
        label="Status",
        choices=[
            ("", "All"),
            ("open", "Open"),
            ("overdue", "Overdue"),
            ("paid", "Paid"),
            ("void", "Void"),
        ],
        required=False,
    )
    q = forms.CharField(label="Number or organization", required=False, max_length=100)
