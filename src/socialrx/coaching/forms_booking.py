"""Booking forms: what the slot picker shows (a week, a length, a coach), the slot chosen with
an agenda and a meeting link, the slot a session moves to, and a cancellation's reason.

The forms only read the request; the rules (a slot offered, an agenda written, an https link,
the hours left, the cancellation policy) are the service's, and its refusals are shown beside
the field they concern (`core.errors.add_error_to_form`)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms

from socialrx.core.forms import Form

from .selectors.booking import monday_of, parse_slot_key
from .services.booking import AGENDA_LIMIT, MEETING_URL_LIMIT, REASON_LIMIT

WEEKS_AHEAD = 52
LENGTH_CHOICES = [(60, "60 minutes"), (30, "30 minutes")]


class SlotQueryForm(Form):
    """`?week=YYYY-MM-DD` (any day of it: the week starting its Monday on the viewer's clock),
    `?minutes=30|60`, `?coach=<public id>` when the engagement has several coaches."""

    week = forms.DateField(
        label="Week of",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Give the week as a date, YYYY-MM-DD (a Monday)."},
    )
    minutes = forms.TypedChoiceField(
        label="Length",
        choices=LENGTH_CHOICES,
        coerce=int,
        required=False,
        empty_value=60,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "A session lasts 30 or 60 minutes."},
    )
    coach = forms.ChoiceField(
        label="Coach",
        required=False,
        error_messages={"invalid_choice": "Choose one of this engagement's coaches."},
    )

    def __init__(self, data, *, coaches, today: date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["coach"].choices = [("", "Any coach")] + [
            (str(coach.public_id), coach.full_name or coach.email) for coach in coaches
        ]

    def clean_week(self) -> date:
        day = self.cleaned_data.get("week")
        this_week = monday_of(self.today)
        if day is None:
            return this_week
        monday = monday_of(day)
        if monday < this_week:
            raise forms.ValidationError("That week is over: choose this week or a later one.")
        if monday > this_week + timedelta(weeks=WEEKS_AHEAD):
            raise forms.ValidationError("Sessions are booked up to a year ahead.")
        return monday


class SlotChoiceForm(Form):
    """One of the times offered (its radio value: the coach and the start)."""

    slot = forms.CharField(
        label="Time", error_messages={"required": "Choose one of the times offered."}
    )

    def clean_slot(self):
        parsed = parse_slot_key(self.cleaned_data["slot"])
        if parsed is None:
            raise forms.ValidationError("Choose one of the times offered.")
        return parsed


class BookForm(SlotChoiceForm):
    agenda = forms.CharField(
        label="Agenda",
        required=False,  # the service says why it is needed, beside the field
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": AGENDA_LIMIT}),
        help_text=(
            "What you would like to work on, so your coach can prepare "
            f"(up to {AGENDA_LIMIT:,} characters)."
        ),
    )
    meeting_url = forms.CharField(
        label="Meeting link",
        required=False,
        max_length=MEETING_URL_LIMIT,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text="Optional: a video call link starting with https://. Leave it empty to use "
        "the engagement's link.",
    )


class CancelForm(Form):
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_LIMIT}),
    )

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if reason_required:
            field.help_text = "Required: the organization reads it in the cancellation email."
        else:
            field.help_text = "Optional: your coach reads it in the cancellation email."
