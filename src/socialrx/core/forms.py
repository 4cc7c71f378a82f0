from django import forms

TARGET_TYPES = [
    ("", "Any object"),
    ("accounts.user", "Person"),
    ("organizations.organization", "Organization"),
    ("organizations.orgmembership", "Seat in an organization"),
    ("organizations.invitation", "Invitation"),
]


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Who (email)", required=False, max_length=254)
    action = forms.CharField(
        label="Action",
        required=False,
        max_length=80,
        help_text="For example invitation or membership.",
    )
    target_type = forms.ChoiceField(label="Object", choices=TARGET_TYPES, required=False)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise forms.ValidationError("“From” must be on or before “To”.")
        return cleaned
