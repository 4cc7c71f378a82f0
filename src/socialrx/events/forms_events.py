"""The staff forms of an event: its details and dates, and its status.

Dates and times are typed on the EVENT's clock (the zone chosen in the same form), whatever
zone the person at the screen uses; a time that does not exist or happens twice on that clock
(the daylight-saving change) is refused by the field."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from socialrx.accounts.models import TIME_ZONE_CHOICES
from socialrx.core.forms import Form
from socialrx.taxonomy.models import Platform, Topic

from .calendars import is_time_zone
from .models import EventFormat, EventKind
from .services.event_admin import FIELDS, RELATED

DEFAULT_ZONE = "America/Chicago"


class EventDateTimeField(forms.DateTimeField):
    """A date and time on the event's clock; `zone` is set by the form."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    zone: ZoneInfo = ZoneInfo(DEFAULT_ZONE)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)

    def prepare_value(self, value):
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            return timezone.localtime(value, self.zone).strftime("%Y-%m-%dT%H:%M")
        return value


DATE_FIELDS = (
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "rename_until",
    "refund_until",
)


class EventForm(Form):
    title = forms.CharField(max_length=160)
    slug = forms.SlugField(
        label="Web address",
        max_length=80,
        help_text="Letters, numbers and hyphens: /events/<this>/",
    )
    kind = forms.ChoiceField(choices=EventKind.choices)
    format = forms.ChoiceField(choices=EventFormat.choices)
    summary = forms.CharField(max_length=400, help_text="One or two sentences for the list.")
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8}), help_text="Markdown."
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    platforms = forms.ModelMultipleChoiceField(
        Platform.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=TIME_ZONE_CHOICES,
        initial=DEFAULT_ZONE,
        help_text="Where the event meets: every date and time below is on this clock.",
    )
    starts_at = EventDateTimeField(label="Starts")
    ends_at = EventDateTimeField(label="Ends")
    venue_name = forms.CharField(label="Venue", max_length=160, required=False)
    venue_address = forms.CharField(label="Venue address", max_length=300, required=False)
    online_url = forms.URLField(
        label="Online link",
        required=False,
        assume_scheme="https",
        help_text="The stream or meeting link, shown to confirmed attendees only.",
    )
    capacity = forms.IntegerField(
        label="Capacity (places)",
        min_value=1,
        max_value=100_000,
        error_messages={"min_value": "Capacity must be at least 1 place."},
    )
    registration_opens_at = EventDateTimeField(label="Registration opens")
    registration_closes_at = EventDateTimeField(label="Registration closes")
    rename_until = EventDateTimeField(
        label="Attendees may be renamed until", help_text="No later than the start."
    )
    refund_until = EventDateTimeField(
        label="Cancellations are refunded until", help_text="No later than the start."
    )
    refund_percent = forms.IntegerField(
        label="Refund (percent of the price)",
        initial=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attendance_hours = forms.DecimalField(
        label="Hours of attendance", max_digits=5, decimal_places=1, min_value=0, initial=0
    )
    ce_hours = forms.DecimalField(
        label="Continuing-education hours", max_digits=5, decimal_places=1, min_value=0, initial=0
    )

    def __init__(self, *args, event=None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(event)
        super().__init__(*args, **kwargs)
        zone_name = (event.time_zone if event is not None else "") or DEFAULT_ZONE
        if self.is_bound and is_time_zone(self.data.get("time_zone", "")):
            zone_name = self.data["time_zone"]
        choices = list(self.fields["time_zone"].choices)
        if event is not None and event.time_zone not in dict(choices):
            choices.append((event.time_zone, event.time_zone.replace("_", " ")))
            self.fields["time_zone"].choices = choices
        for name in DATE_FIELDS:
            self.fields[name].zone = ZoneInfo(zone_name)
            self.fields[name].help_text = self.fields[name].help_text or (
                f"On the event's clock ({zone_name.replace('_', ' ')})."
            )

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS + RELATED}


def initial_for(event) -> dict:
    values = {name: getattr(event, name) for name in FIELDS}
    if event.pk:
        for name in RELATED:
            values[name] = list(getattr(event, name).all())
    return values


STATUS_ACTIONS = (
    ("publish", "Publish"),
    ("unpublish", "Take back to draft"),
    ("cancel", "Cancel the event"),
)


class StatusForm(Form):
    action = forms.ChoiceField(choices=STATUS_ACTIONS, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is the event cancelled?",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit log with the cancellation.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "cancel" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why the event is cancelled.")
        return cleaned
