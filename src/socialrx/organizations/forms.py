from functools import partial

from django import forms
from django.core.validators import MinValueValidator

from socialrx.core.forms import Form, ModelForm

from .models import Organization, OrgRole


class OrganizationForm(ModelForm):
    website = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="Used to verify your domain later, e.g. https://www.example-hospital.org",
    )

    class Meta:
        model = Organization
        fields = [
            "org_type",
            "name",
            "street_address",
            "city",
            "state",
            "postal_code",
            "website",
            "phone",
            "licensed_beds",
            "hospital_count",
            "provider_count",
            "employee_count",
            "cms_certification_number",
            "npi",
        ]
        help_texts = {
            "phone": "The main number, e.g. (507) 555-0100.",
            "licensed_beds": "Hospitals: the number of licensed beds.",
            "hospital_count": "Health systems: how many hospitals the system runs.",
            "provider_count": "Practices: physicians and advanced practice providers.",
            "employee_count": "All organizations: total employees (optional).",
            "cms_certification_number": "Hospitals only: the 6-character CCN, e.g. 240010.",
            "npi": "Practices only: the organization's 10-digit NPI.",
        }

    SIZE_FIELDS = ("licensed_beds", "hospital_count", "provider_count", "employee_count")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.SIZE_FIELDS:
            # A size is at least 1 (the model field alone would say "at least 0").
            field = self.fields[name]
            field.min_value = 1
            field.widget.attrs["min"] = 1
            field.validators = [
                v for v in field.validators if not isinstance(v, MinValueValidator)
            ] + [MinValueValidator(1, message="Enter a whole number of 1 or more.")]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_cms_certification_number(self):
        return self.cleaned_data.get("cms_certification_number", "").strip().upper()

    def clean_npi(self):
        return self.cleaned_data.get("npi", "").strip()

    def validate_unique(self):
        """Uniqueness is a business rule with its own message; the service checks it."""

    def _post_clean(self):
        # Model constraints are left to the service as well: checked here, a duplicate name in
        # the same city would get the constraint's generic message above the form instead of
        # the service's message beside the name field.
        self.instance.full_clean = partial(self.instance.full_clean, validate_constraints=False)
        try:
            super()._post_clean()
        finally:
            del self.instance.full_clean


class InvitationForm(Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(choices=OrgRole.choices, initial=OrgRole.MEMBER)


class MemberRoleForm(Form):
    role = forms.ChoiceField(choices=OrgRole.choices)
