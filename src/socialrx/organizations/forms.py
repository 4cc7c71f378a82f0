from django import forms

from .models import Organization, OrgRole


class OrganizationForm(forms.ModelForm):
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
            "licensed_beds",
            "hospital_count",
            "provider_count",
            "employee_count",
            "cms_certification_number",
            "npi",
        ]
        help_texts = {
            "licensed_beds": "Hospitals: the number of licensed beds.",
            "hospital_count": "Health systems: how many hospitals the system runs.",
            "provider_count": "Practices: physicians and advanced practice providers.",
            "employee_count": "All organizations: total employees (optional).",
            "cms_certification_number": "Hospitals only: the 6-character CCN, e.g. 240010.",
            "npi": "Practices only: the organization's 10-digit NPI.",
        }

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_cms_certification_number(self):
        return self.cleaned_data.get("cms_certification_number", "").strip().upper()

    def clean_npi(self):
        return self.cleaned_data.get("npi", "").strip()

    def validate_unique(self):
        """Uniqueness is a business rule with its own message; the service checks it."""


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(choices=OrgRole.choices, initial=OrgRole.MEMBER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=OrgRole.choices)
