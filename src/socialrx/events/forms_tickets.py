"""The form of renaming an attendee (handing a ticket to a colleague, or correcting it)."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .services.registration import AttendeeDetails

NEEDS = ("dietary_needs", "accessibility_needs")


class RenameForm(Form):
    full_name = forms.CharField(label="Name", max_length=160)
    email = forms.EmailField(
        label="Email", max_length=254, help_text="The new ticket is sent to this address."
    )
    job_title = forms.CharField(label="Title", max_length=160, required=False)
    organization_name = forms.CharField(label="Organization", max_length=160, required=False)
    dietary_needs = forms.CharField(
        label="Dietary needs",
        max_length=300,
        required=False,
        help_text="For the caterers; never printed on the ticket. Not passed on to a new holder.",
    )
    accessibility_needs = forms.CharField(
        label="Accessibility needs",
        max_length=300,
        required=False,
        help_text=(
            "So the center can prepare; never printed on the ticket. Not passed on to a new holder."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["organization_name"].widget.attrs["autocomplete"] = "organization"

    def clean(self):
        """A ticket handed to someone else (a new email) does not carry the previous holder's
        dietary or accessibility needs, which the form shows prefilled: left as they were, they
        are cleared; needs typed for the new holder are kept."""
        data = super().clean()
        before = (self.initial.get("email") or "").strip().lower()
        email = (data.get("email") or "").strip().lower()
        if before and email and email != before:
            for name in NEEDS:
                if (data.get(name) or "").strip() == (self.initial.get(name) or "").strip():
                    data[name] = ""
        return data

    @classmethod
    def initial_of(cls, attendee) -> dict:
        return {name: getattr(attendee, name) for name in cls.base_fields}

    def details(self) -> AttendeeDetails:
        return AttendeeDetails(**{name: self.cleaned_data[name] for name in self.base_fields})
