"""The claim form of a waitlist offer: the attendee's details, prefilled from the account (the
email is the account's, shown and not editable: the offer is for this person)."""

from __future__ import annotations

from django import forms

from socialrx.organizations.selectors import seats_of_user

from .services.registration import AttendeeDetails


class ClaimForm(forms.Form):
    full_name = forms.CharField(label="Name on the ticket", max_length=160)
    job_title = forms.CharField(label="Title", max_length=160, required=False)
    organization_name = forms.CharField(label="Organization", max_length=160, required=False)
    dietary_needs = forms.CharField(
        label="Dietary needs",
        max_length=300,
        required=False,
        help_text="For example: vegetarian, no nuts.",
    )
    accessibility_needs = forms.CharField(
        label="Accessibility needs",
        max_length=300,
        required=False,
        help_text="Anything that would make the event easier to attend.",
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        kwargs.setdefault("initial", initial_for(person))
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["organization_name"].widget.attrs["autocomplete"] = "organization"

    def details(self) -> AttendeeDetails:
        data = self.cleaned_data
        return AttendeeDetails(
            full_name=data["full_name"],
            email=self.person.email,
            job_title=data["job_title"],
            organization_name=data["organization_name"],
            dietary_needs=data["dietary_needs"],
            accessibility_needs=data["accessibility_needs"],
        )


def initial_for(person) -> dict:
    seat = seats_of_user(person).first()
    return {
        "full_name": person.full_name or "",
        "job_title": person.professional_title or "",
        "organization_name": seat.organization.name if seat else "",
    }
