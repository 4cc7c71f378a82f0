from django import forms

from socialrx.core.forms import Form, ModelForm, MoneyField
from socialrx.organizations.models import Organization

from .models import MembershipStatus, Plan, PlanAudience, ResourceTier


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
    tax_exempt_note = forms.CharField(
        label="Tax exemption",
        max_length=200,
        required=False,
        help_text=(
            "Optional. For a non-profit buyer, for example: 501(c)(3), exemption certificate "
            "12-3456789. Printed on every invoice; no tax is charged either way."
        ),
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
