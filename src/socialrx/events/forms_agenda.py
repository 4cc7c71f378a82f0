"""The agenda builder's forms: a session (its day and times on the EVENT's clock), a room,
a track, and a speaker with a photo judged by its content."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone

from socialrx.core.forms import Form

from .calendars import event_zone, local
from .models import Room, SessionKind, Speaker, Track
from .selectors.staff_agenda import event_dates
from .speaker_photos import MAX_PHOTO_BYTES, PhotoError, prepare_photo

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEB_ONLY = [URLValidator(schemes=["http", "https"])]


class SessionForm(Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=SessionKind.choices, initial=SessionKind.TALK)
    abstract = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), help_text="Markdown."
    )
    track = forms.ModelChoiceField(Track.objects.none(), required=False, empty_label="No track")
    room = forms.ModelChoiceField(
        Room.objects.none(),
        required=False,
        empty_label="No room (a plenary or online session)",
        help_text="A room holds one session at a time.",
    )
    day = forms.ChoiceField()
    starts = forms.TimeField(label="Starts", widget=TIME_INPUT)
    ends = forms.TimeField(label="Ends", widget=TIME_INPUT)
    speakers = forms.ModelMultipleChoiceField(
        Speaker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each one who speaks (names A to Z). A speaker is in one place at once.",
    )
    recording_url = forms.URLField(
        label="Recording link", required=False, validators=WEB_ONLY, assume_scheme="https"
    )
    slides_url = forms.URLField(
        label="Slides link", required=False, validators=WEB_ONLY, assume_scheme="https"
    )

    def __init__(self, *args, event, session=None, **kwargs):
        self.event = event
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = _session_initial(session, event)
        super().__init__(*args, **kwargs)
        zone = local(event.starts_at, event).tzname()
        dates = event_dates(event)
        if session is not None:
            own = local(session.starts_at, event).date()
            if own not in dates:
                dates = sorted([*dates, own])
        self.fields["day"].choices = [
            (day.isoformat(), f"Day {number}: {day:%a}, {day:%b} {day.day}")
            for number, day in enumerate(dates, start=1)
        ]
        self.fields["day"].help_text = f"Times are on the event's clock ({zone})."
        self.fields["track"].queryset = Track.objects.filter(event=event)
        self.fields["room"].queryset = Room.objects.filter(event=event)
        self.fields["speakers"].queryset = Speaker.objects.order_by("full_name", "pk")
        self.fields["speakers"].label_from_instance = _speaker_label

    def data_for_service(self) -> dict:
        values = dict(self.cleaned_data)
        day = datetime.fromisoformat(values.pop("day")).date()
        zone = event_zone(self.event)
        values["starts_at"] = timezone.make_aware(datetime.combine(day, values.pop("starts")), zone)
        values["ends_at"] = timezone.make_aware(datetime.combine(day, values.pop("ends")), zone)
        values["speakers"] = list(values["speakers"])
        return values


def _speaker_label(speaker: Speaker) -> str:
    """ "Dr. Ana Delgado, MD (Chief of Staff, Mercy Hospital)": the template shows the same
    parts on two lines (staff/agenda/_speaker_choices.html)."""
    name = ", ".join(part for part in (speaker.full_name, speaker.credentials) if part)
    role = ", ".join(part for part in (speaker.job_title, speaker.organization_name) if part)
    return f"{name} ({role})" if role else name


def _session_initial(session, event) -> dict:
    return {
        "title": session.title,
        "kind": session.kind,
        "abstract": session.abstract,
        "track": session.track_id,
        "room": session.room_id,
        "day": local(session.starts_at, event).date().isoformat(),
        "starts": local(session.starts_at, event).time().replace(second=0, microsecond=0),
        "ends": local(session.ends_at, event).time().replace(second=0, microsecond=0),
        "speakers": [slot.speaker_id for slot in session.speaker_slots.all()],
        "recording_url": session.recording_url,
        "slides_url": session.slides_url,
    }


class RoomForm(Form):
    name = forms.CharField(max_length=80)
    seats = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={"min_value": "Seats must be at least 1 (or left empty)."},
    )


class TrackForm(Form):
    name = forms.CharField(max_length=80)
    description = forms.CharField(max_length=300, required=False)


class SpeakerPhotoField(forms.FileField):
    """A JPEG, PNG or WebP photo up to 5 MB, judged by its content (see `speaker_photos`);
    cleans to the re-encoded photo."""

    widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            return prepare_photo(upload)
        except PhotoError as error:
            raise forms.ValidationError(str(error), code="invalid_image") from error


class SpeakerForm(Form):
    full_name = forms.CharField(label="Full name", max_length=160)
    credentials = forms.CharField(max_length=80, required=False, help_text="For example MD, MPH.")
    job_title = forms.CharField(label="Job title", max_length=160, required=False)
    organization_name = forms.CharField(label="Organization", max_length=160, required=False)
    bio = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), help_text="Markdown."
    )
    photo = SpeakerPhotoField(
        required=False,
        help_text=f"JPEG, PNG or WebP, up to {MAX_PHOTO_BYTES // (1024 * 1024)} MB.",
    )
    photo_alt = forms.CharField(
        label="Photo description",
        max_length=200,
        required=False,
        help_text="What the photo shows, for people who cannot see it (needed with a photo).",
    )
    remove_photo = forms.BooleanField(label="Remove the current photo", required=False)

    def __init__(self, *args, speaker=None, **kwargs):
        self.speaker = speaker
        if speaker is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(speaker, name)
                for name in ("full_name", "credentials", "job_title", "organization_name")
                + ("bio", "photo_alt")
            }
        super().__init__(*args, **kwargs)
        if speaker is None or not speaker.photo:
            del self.fields["remove_photo"]

    def clean(self):
        cleaned = super().clean()
        keeps_photo = bool(self.speaker and self.speaker.photo) and not cleaned.get("remove_photo")
        has_photo = bool(cleaned.get("photo")) or keeps_photo
        if has_photo and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", "Describe the photo for people who cannot see it.")
        return cleaned
