"""The forms of engagements: staff's engagement form (new and edit), its status buttons, and the
organization admin's "buy more hours" form. The rules live in the services; these only parse."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from socialrx.core.forms import Form
from socialrx.organizations.models import Organization

from .forms_coaches import HttpsURLField
from .models import EngagementKind, EngagementStatus
from .selectors.engagements import coach_choices
from .services.hour_sales import MAX_HOURS


class CoachChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "coach_profile", None)
        name = obj.full_name or obj.email
        return f"{name} ({profile.headline})" if profile and profile.headline else name


class EngagementForm(Form):
    """New (with the organization and the starting status) or edit (`engagement` given)."""

    organization = forms.ModelChoiceField(
        Organization.objects.order_by("name"),
        to_field_name="public_id",
        empty_label="Choose the organization",
    )
    kind = forms.ChoiceField(label="Kind", choices=EngagementKind.choices)
    title = forms.CharField(max_length=160)
    goals = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the organization wants out of it, in a few lines.",
    )
    coaches = CoachChoiceField(
        coach_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one coach.",
            "invalid_choice": "Choose coaches from the list.",
            "invalid_pk_value": "Choose coaches from the list.",
        },
    )
    plan_hours = forms.DecimalField(
        label="Plan hours allotted",
        max_digits=6,
        decimal_places=2,
        min_value=Decimal(0),
        initial=Decimal(0),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the plan hours as a number, in half hours (0.5, 1, 1.5…).",
            "min_value": "Plan hours cannot be negative: enter 0 or more.",
            "max_decimal_places": "Plan hours come in half hours (0.5, 1, 1.5…).",
            "max_digits": "Enter at most 9999.5 hours.",
        },
    )
    meeting_url = HttpsURLField(
        label="Meeting link",
        required=False,
        max_length=200,
        help_text="Where sessions meet unless a booking gives its own: a secure link starting "
        "with https:// (we host no video).",
    )
    status = forms.ChoiceField(
        label="Start as",
        choices=[
            (EngagementStatus.PROPOSED, "Proposed (the organization sees it; nobody books yet)"),
            (EngagementStatus.ACTIVE, "Active (the organization may book at once)"),
        ],
        initial=EngagementStatus.PROPOSED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, engagement=None, intake=None, plan_help: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coaches"].queryset = coach_choices()
        if engagement is not None:
            del self.fields["organization"], self.fields["status"]
        elif intake is not None:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk=intake.organization_id
            )
            self.fields["organization"].disabled = True
            self.fields["organization"].help_text = "The organization of the needs assessment."
        if plan_help:
            self.fields["plan_hours"].help_text = plan_help

    def data_for_service(self) -> dict:
        names = ("kind", "title", "goals", "coaches", "plan_hours", "meeting_url")
        return {name: self.cleaned_data[name] for name in names}


def initial_for(engagement) -> dict:
    return {
        "kind": engagement.kind,
        "title": engagement.title,
        "goals": engagement.goals,
        "coaches": list(engagement.coaches.all()),
        "plan_hours": Decimal(engagement.plan_minutes) / 60,
        "meeting_url": engagement.meeting_url,
    }


class StatusChangeForm(Form):
    change = forms.ChoiceField(choices=[("activate", "Activate"), ("complete", "Complete")])


class BuyHoursForm(Form):
    hours = forms.IntegerField(
        label="Hours to buy",
        min_value=1,
        max_value=MAX_HOURS,
        initial=5,
        widget=forms.NumberInput(attrs={"min": "1", "max": str(MAX_HOURS), "inputmode": "numeric"}),
        error_messages={
            "required": f"Enter a number of hours from 1 to {MAX_HOURS}.",
            "invalid": f"Enter a whole number of hours from 1 to {MAX_HOURS}.",
            "min_value": f"Buy at least 1 hour (from 1 to {MAX_HOURS}).",
            "max_value": f"Buy at most {MAX_HOURS} hours at a time (from 1 to {MAX_HOURS}).",
        },
    )
