"""The availability page's forms: a weekly window and a date exception, in times on the
coach's own clock, on the hour or the half hour. The forms only read what was typed; the
rules (no overlap, dates ahead, at most 12 windows a day) are the service's."""

from __future__ import annotations

from datetime import time

from django import forms

from socialrx.core.forms import Form

from .models import Weekday
from .selectors.availability import clock
from .services.availability import ExceptionKind, latest_exception_date

OFF_STEP = "Choose a time on the hour or the half hour."


def _parse_time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


TIME_CHOICES = [
    (f"{hour:02d}:{minute:02d}", clock(time(hour, minute)))
    for hour in range(24)
    for minute in (0, 30)
]


def _time_field(label: str, *, required: bool = True, initial: str | None = None):
    choices = TIME_CHOICES if required else [("", "—"), *TIME_CHOICES]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=_parse_time,
        empty_value=None,
        required=required,
        initial=initial,
        error_messages={"invalid_choice": OFF_STEP},
    )


class WindowForm(Form):
    weekday = forms.TypedChoiceField(
        label="Day",
        choices=Weekday.choices,
        coerce=int,
        error_messages={"invalid_choice": "Choose a day of the week."},
    )
    starts_at = _time_field("From", initial="09:00")
    ends_at = _time_field("To", initial="12:00")

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class ExceptionForm(Form):
    on_date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label="What changes",
        choices=ExceptionKind.choices,
        initial=ExceptionKind.DAY_OFF,
        widget=forms.RadioSelect,
    )
    starts_at = _time_field("From", required=False)
    ends_at = _time_field("To", required=False)
    note = forms.CharField(
        label="Note",
        max_length=200,
        required=False,
        help_text="For yourself and the center, for example “Conference in Denver”.",
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if today is not None:  # the browser's date picker offers the dates the rules allow
            self.fields["on_date"].widget.attrs.update(
                min=today.isoformat(), max=latest_exception_date(today).isoformat()
            )

    def data_for_service(self) -> dict:
        values = dict(self.cleaned_data)
        if values["kind"] == ExceptionKind.DAY_OFF:
            values["starts_at"] = values["ends_at"] = None
        return values
