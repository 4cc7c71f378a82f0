"""Forms of on-site training: the organization's request and answers, staff's proposal and
delivery record. They parse; the rules (dates in the future, distinct, no double booking…)
are the services'."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.forms import Form, MoneyField
from socialrx.taxonomy.models import Topic

from .selectors.onsite import people_of_organization, trainer_choices


class PersonChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def organization_address(organization) -> str:
    """The organization's address as one block, for the request form."""
    place = " ".join(part for part in (organization.state, organization.postal_code) if part)
    town = ", ".join(part for part in (organization.city, place) if part)
    return "\n".join(part for part in (organization.street_address, town) if part)


class OnsiteRequestForm(Form):
    organization = forms.ModelChoiceField(
        queryset=None, to_field_name="public_id", empty_label=None, label="Organization"
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Topics",
        help_text="Choose at least one.",
        error_messages={"required": "Choose at least one topic."},
    )
    audience = forms.CharField(
        max_length=300,
        label="Audience",
        help_text="Who will attend, for example “Marketing team and nurse managers”.",
    )
    expected_attendees = forms.IntegerField(
        min_value=1, max_value=10_000, label="Expected attendees"
    )
    preferred_date_1 = forms.DateField(label="First preferred date", widget=_date_input())
    preferred_date_2 = forms.DateField(label="Second preferred date", widget=_date_input())
    preferred_date_3 = forms.DateField(label="Third preferred date", widget=_date_input())
    address = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Address of the training",
        help_text="Street, city, state and ZIP code; add the building or room if you know it.",
    )
    needs = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Specific needs",
        help_text="Accessibility, equipment, a policy you want reviewed… (optional)",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].widget = forms.HiddenInput()
        for number in (1, 2, 3):
            self.fields[f"preferred_date_{number}"].widget.attrs["min"] = (
                center_today() + timedelta(days=1)
            ).isoformat()

    @property
    def preferred_dates(self) -> list:
        return [self.cleaned_data[f"preferred_date_{n}"] for n in (1, 2, 3)]


class DeclineForm(Form):
    reason = forms.CharField(
        max_length=300,
        label="Reason for declining",
        help_text="The center reads it, for example “The date clashes with our survey”.",
        error_messages={"required": "Give the center a reason for declining."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "decline_%s")  # beside the withdraw form on one page
        super().__init__(*args, **kwargs)


class WithdrawForm(Form):
    reason = forms.CharField(max_length=300, required=False, label="Reason (optional)")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "withdraw_%s")
        super().__init__(*args, **kwargs)


class ProposeForm(Form):
    date = forms.DateField(label="Date", widget=_date_input())
    starts_at = forms.TimeField(
        label="Start time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label="End time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    trainers = PersonChoices(
        queryset=None,
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
        label="Trainers",
        error_messages={"required": "Choose at least one trainer."},
    )
    quote = MoneyField(label="Quote")
    note = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note to the organization",
    )

    def __init__(self, *args, zone_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_choices()
        self.fields["starts_at"].help_text = f"In the center's time zone ({zone_name})."
        self.fields["ends_at"].help_text = f"In the center's time zone ({zone_name})."

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("date"), cleaned.get("starts_at"), cleaned.get("ends_at")
        if day and starts and ends:
            zone = timezone.get_default_timezone()
            cleaned["starts"] = timezone.make_aware(datetime.combine(day, starts), zone)
            cleaned["ends"] = timezone.make_aware(datetime.combine(day, ends), zone)
        return cleaned


class DeliverForm(Form):
    attendees_count = forms.IntegerField(min_value=1, max_value=10_000, label="Attendees")
    trainer_notes = forms.CharField(
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Trainer notes",
    )
    certify = PersonChoices(
        queryset=None,
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Certificates of attendance for",
        help_text="People of the organization who attended.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certify"].queryset = people_of_organization(organization)
