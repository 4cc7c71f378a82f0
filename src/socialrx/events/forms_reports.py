"""The staff registrations list's filters (the page and its CSV share them)."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .selectors.reports import STATUS_CHOICES, RegistrationFilters

CHECKED_IN_CHOICES = (("", "Either"), ("yes", "Checked in"), ("no", "Not checked in"))


class RegistrationFilterForm(Form):
    ticket_type = forms.TypedChoiceField(
        label="Ticket type", required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *STATUS_CHOICES]
    )
    checked_in = forms.ChoiceField(label="At the door", required=False, choices=CHECKED_IN_CHOICES)
    organization = forms.ChoiceField(label="Organization", required=False)
    q = forms.CharField(label="Name or email", required=False, max_length=100)

    def __init__(self, data=None, *, ticket_types, organizations):
        super().__init__(data)
        self.fields["ticket_type"].choices = [
            ("", "Any ticket type"),
            *((str(tt.pk), tt.name) for tt in ticket_types),
        ]
        self.fields["organization"].choices = [
            ("", "Any organization"),
            *((name, name) for name in organizations),
        ]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def filters(self) -> RegistrationFilters:
        """The valid filters (an invalid one, such as a ticket type of another event, is
        dropped: the page says so beside the field)."""
        if not self.is_bound:
            return RegistrationFilters()
        self.is_valid()
        values = getattr(self, "cleaned_data", {})
        return RegistrationFilters(
            ticket_type_id=values.get("ticket_type"),
            status=values.get("status", ""),
            checked_in=values.get("checked_in", ""),
            organization=values.get("organization", ""),
            query=values.get("q", ""),
        )
