"""Forms of the boot camp pages. Dates and times are entered on the center's clock
(`settings.TIME_ZONE`), whatever zone the person at the screen uses."""

from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone

from socialrx.accounts.models import User
from socialrx.core.forms import Form, ModelForm, MoneyField
from socialrx.taxonomy.models import Platform, Topic

from .calendars import center_zone, center_zone_name, local
from .models import BootCamp
from .services.boot_camp_registration import MAX_ATTENDEES


class CenterDateTimeField(forms.DateTimeField):
    """A date and time typed on the center's clock, whatever zone the viewer has activated."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"The center's time ({center_zone_name()}).")
        super().__init__(**kwargs)

    def to_python(self, value):
        with timezone.override(center_zone()):
            return super().to_python(value)

    def prepare_value(self, value):
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            return local(value).strftime("%Y-%m-%dT%H:%M")
        return value


class BootCampForm(ModelForm):
    price = MoneyField(label="List price per seat", help_text="In US dollars, for example 1200.00")
    capacity = forms.IntegerField(
        label="Capacity (seats)",
        min_value=1,
        max_value=1000,
        error_messages={"min_value": "Capacity must be at least 1 seat."},
    )
    registration_deadline = CenterDateTimeField(label="Registration closes")
    cancellation_deadline = CenterDateTimeField(
        label="Cancellations close",
        help_text=(
            f"The center's time ({center_zone_name()}). Until then a seat may be cancelled and "
            "its price is refunded."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    platforms = forms.ModelMultipleChoiceField(
        Platform.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    trainers = forms.ModelMultipleChoiceField(
        User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Coaches and center staff. Their time is booked for every day.",
    )

    class Meta:
        model = BootCamp
        fields = (
            "title",
            "slug",
            "summary",
            "description",
            "level",
            "location",
            "capacity",
            "registration_deadline",
            "cancellation_deadline",
            "ce_hours",
            "topics",
            "platforms",
            "trainers",
        )
        labels = {"slug": "Web address", "ce_hours": "Continuing-education hours"}
        help_texts = {
            "slug": "Letters, numbers and hyphens: /training/boot-camps/<this>/",
            "description": "Markdown.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    field_order = ("title", "slug", "summary", "description", "level", "location", "capacity")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = User.objects.filter(
            Q(is_coach=True) | Q(is_staff=True), is_active=True
        ).order_by("full_name", "email")
        self.fields["trainers"].label_from_instance = lambda u: u.full_name or u.email
        if self.instance.pk and not self.is_bound:
            self.initial["price"] = self.instance.price_cents
        self.fields["ce_hours"].validators.append(
            MinValueValidator(0, message="Enter zero or more hours.")
        )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["price_cents"] = data.pop("price")
        return data


class DayForm(Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="Ends", widget=forms.TimeInput(attrs={"type": "time"}))
    room = forms.CharField(label="Room", max_length=120, required=False)
    agenda = forms.CharField(
        label="Agenda", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


DayFormSet = forms.formset_factory(DayForm, extra=1, can_delete=True, max_num=30, absolute_max=30)


class CancelBootCampForm(Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Every attendee and buyer receives this in the cancellation email.",
    )


class ColleaguesForm(Form):
    """An org admin chooses people of the organization and who pays."""

    attendees = forms.TypedMultipleChoiceField(
        label="Who attends?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Up to {MAX_ATTENDEES} people with a seat in the organization.",
    )
    buyer = forms.ChoiceField(label="Who pays?", widget=forms.RadioSelect)

    def __init__(self, *args, people=(), organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [
            (person.pk, f"{person.full_name or person.email} ({person.email})") for person in people
        ]
        self.fields["buyer"].choices = [
            ("org", f"{organization} (invoice the organization)"),
            ("me", "Me, in my own name"),
        ]
        self.initial.setdefault("buyer", "org")

    def clean_attendees(self):
        chosen = self.cleaned_data["attendees"]
        if len(chosen) > MAX_ATTENDEES:
            raise forms.ValidationError(f"Register at most {MAX_ATTENDEES} people at a time.")
        return chosen


class AttendanceForm(Form):
    """One checkbox per confirmed attendee, named by registration id."""

    def __init__(self, *args, sheet=(), **kwargs):
        super().__init__(*args, **kwargs)
        for registration, present in sheet:
            self.fields[f"present_{registration.pk}"] = forms.BooleanField(
                label=registration.person.full_name or registration.person.email,
                required=False,
                initial=bool(present),
            )

    def present_ids(self) -> set[int]:
        return {
            int(name.removeprefix("present_")) for name, value in self.cleaned_data.items() if value
        }
