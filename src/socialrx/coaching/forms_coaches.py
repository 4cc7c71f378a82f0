"""The coach profile form (the coach's own page and staff's), staff's "new profile" form and
the assign form. The services check the same rules again: these put the message beside the
field before anything is sent."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator

from socialrx.accounts.models import TIME_ZONE_CHOICES
from socialrx.core.forms import Form
from socialrx.organizations.models import OrganizationType
from socialrx.taxonomy.models import Platform, Topic

from .photos import MAX_PHOTO_BYTES, PhotoError, prepare_photo
from .services.coaches import ALT_NEEDED, HTTPS_ONLY, NOT_A_ZONE, OFF_THE_GRID
from .services.matching import NOTE_LIMIT
from .slots import is_time_zone, on_half_hour_offsets


class CoachPhotoField(forms.FileField):
    """A JPEG, PNG or WebP photo up to 5 MB, judged by its content (see `photos`); cleans to
    the re-encoded photo."""

    widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            return prepare_photo(upload)
        except PhotoError as error:
            raise forms.ValidationError(str(error), code="invalid_image") from error


class HttpsURLField(forms.URLField):
    """A link that must be https ("meet.example.org/x" is read as the https one)."""

    default_validators = [URLValidator(schemes=["https"])]
    # The field's "invalid" message replaces its validators': one message for any bad link.
    default_error_messages = {"invalid": HTTPS_ONLY}

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class CoachProfileForm(Form):
    headline = forms.CharField(
        max_length=160,
        required=False,
        help_text="One line under your name, for example “Crisis communications for hospitals”.",
    )
    bio = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Markdown: **bold**, *italics*, lists and links.",
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=TIME_ZONE_CHOICES,
        help_text="Your weekly availability is on this clock.",
    )
    platforms = forms.ModelMultipleChoiceField(
        Platform.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    organization_types = forms.MultipleChoiceField(
        label="Organization types",
        choices=OrganizationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    default_meeting_url = HttpsURLField(
        label="Default meeting link",
        required=False,
        max_length=200,
        help_text="Your video call link (https). Sessions use it unless they give their own.",
    )
    photo = CoachPhotoField(
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
    accepting_engagements = forms.BooleanField(
        label="Taking new engagements", required=False, initial=True
    )
    is_listed = forms.BooleanField(label="Listed on the public coaching page", required=False)

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        if "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(profile, name)
                for name in ("headline", "bio", "time_zone", "default_meeting_url", "photo_alt")
                + ("organization_types", "accepting_engagements", "is_listed")
            } | {
                "platforms": [p.pk for p in profile.platforms.all()],
                "topics": [t.pk for t in profile.topics.all()],
            }
        super().__init__(*args, **kwargs)
        field = self.fields["time_zone"]
        field.error_messages["invalid_choice"] = NOT_A_ZONE.replace("{name}", "%(value)s")
        if profile.time_zone not in dict(TIME_ZONE_CHOICES) and is_time_zone(profile.time_zone):
            # A zone set elsewhere (the admin) stays selectable rather than being lost.
            field.choices = [(profile.time_zone, profile.time_zone), *TIME_ZONE_CHOICES]
        if not profile.photo:
            del self.fields["remove_photo"]

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"]
        if not is_time_zone(name):
            raise forms.ValidationError(NOT_A_ZONE.format(name=name), code="invalid_zone")
        if not on_half_hour_offsets(name):
            raise forms.ValidationError(OFF_THE_GRID.format(name=name), code="off_the_grid")
        return name

    def clean(self):
        cleaned = super().clean()
        keeps_photo = bool(self.profile.photo) and not cleaned.get("remove_photo")
        has_photo = bool(cleaned.get("photo")) or keeps_photo
        if has_photo and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", ALT_NEEDED)
        return cleaned


class NewCoachProfileForm(Form):
    coach = forms.ModelChoiceField(
        queryset=None,
        label="Coach",
        empty_label="Choose a coach",
        help_text="People with the coach role who have no profile yet.",
    )

    def __init__(self, *args, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches
        self.fields["coach"].label_from_instance = lambda user: (
            f"{user.full_name} ({user.email})" if user.full_name else user.email
        )


class AssignCoachForm(Form):
    """`coach` is a coach profile's public id among the suggestions shown."""

    coach = forms.ChoiceField(
        label="Coach",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a coach.", "invalid_choice": "Choose a coach."},
    )
    note = forms.CharField(
        label="Note to the coach",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: anything the coach should know; it goes in their email.",
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(s.profile.public_id): s.profile for s in suggestions}
        self.fields["coach"].choices = [
            (str(s.profile.public_id), str(s.profile)) for s in suggestions
        ]

    @property
    def chosen_profile(self):
        return self.by_id[self.cleaned_data["coach"]]
