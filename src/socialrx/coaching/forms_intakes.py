"""The needs-assessment form. Every answer is optional here so a partial draft saves; what a
submission needs is the service's rule (`services.intakes.REQUIRED`), shown beside the fields
the same way. The bounds are the service's too."""

from __future__ import annotations

from django import forms

from socialrx.taxonomy.models import Platform

from .models import Goal, PolicyStatus
from .services.intakes import (
    HOURS_RANGE,
    PEOPLE_RANGE,
    PLATFORM_FIELDS,
    REQUIRED,
    SCALAR_FIELDS,
    TEXT_LIMIT,
)

TOO_LONG = "Keep this under 2,000 characters (it has %(show_value)d)."


def _text(label: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG},
    )


def _platforms(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Platform.objects.order_by("position", "name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose platforms from the list (“%(value)s” is not one)."
        },
    )


class IntakeForm(forms.Form):
    goals = forms.MultipleChoiceField(
        label="What do you want help with?",
        choices=Goal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose goals from the list (“%(value)s” is not one)."},
    )
    goals_detail = _text(
        "What success looks like",
        "A year from now, what would tell you it worked? For example: two patient videos a "
        "month, or every physician with an up-to-date profile.",
    )
    platforms_in_use = _platforms("Platforms in use today")
    platforms_planned = _platforms("Platforms planned")
    audience = _text(
        "Who you want to reach",
        "Patients, families, job seekers, referring physicians, donors, the local community…",
    )
    people_available = forms.IntegerField(
        label="People who will work on social media",
        required=False,
        min_value=PEOPLE_RANGE[0],
        max_value=PEOPLE_RANGE[1],
        help_text="From 1 to 500.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter a whole number of people, such as 2.",
            "min_value": "At least 1 person: someone has to do the work.",
            "max_value": "At most 500 people.",
        },
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week they have for it, together",
        required=False,
        min_value=HOURS_RANGE[0],
        max_value=HOURS_RANGE[1],
        decimal_places=1,
        help_text="From 0.5 to 168, for example 6 or 2.5.",
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter a number of hours, such as 6 or 2.5.",
            "min_value": "At least half an hour (0.5) a week.",
            "max_value": "At most 168 hours: that is every hour of the week.",
            "max_decimal_places": "Use at most one decimal, such as 2.5.",
        },
    )
    approval_process = _text(
        "How a post is approved today",
        "Who drafts, who reviews, who has the last word, and how long it takes.",
    )
    legal_concerns = _text("Legal or compliance", rows=3)
    it_concerns = _text("IT or security", rows=3)
    leadership_concerns = _text("Leadership", rows=3)
    policy_status = forms.ChoiceField(
        label="Do you have a social media policy?",
        choices=PolicyStatus.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers."},
    )
    anything_else = _text("Anything else the coach should know")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Marks the answers a submission needs (the template shows "needed to submit").
        for name in REQUIRED:
            if name in self.fields:
                self.fields[name].needed_to_submit = True

    def valid_answers(self) -> dict:
        """The answers that passed their checks, to save as a draft even when others did not
        (a typo in one box must not lose the rest)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in (*SCALAR_FIELDS, *PLATFORM_FIELDS)
            if name in cleaned and name not in self.errors
        }

    def add_missing(self, missing: dict[str, str]) -> None:
        """Show a refused submission's missing answers beside their fields (the platforms'
        beside the first list)."""
        for name, message in missing.items():
            field = "platforms_in_use" if name == "platforms" else name
            if field not in self.errors:
                self.add_error(field, message)


def initial_from(intake) -> dict:
    """The form's starting values from a saved intake."""
    values = {name: getattr(intake, name) for name in SCALAR_FIELDS}
    values.update({name: [p.code for p in getattr(intake, name).all()] for name in PLATFORM_FIELDS})
    return values
