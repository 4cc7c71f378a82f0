"""Registration forms: the ticket type and buyer, one form per attendee; staff's ticket type.

Attendees come as a formset whose size the page chose (`count`); the services check the rest
(group sizes, places, the same email twice)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.forms import formset_factory

from socialrx.core.forms import Form, MoneyField

from .calendars import event_zone
from .forms_events import EventDateTimeField
from .models import TicketKind
from .services.registration import MAX_ATTENDEES, AttendeeDetails


class AttendeeForm(Form):
    full_name = forms.CharField(label="Full name", max_length=160)
    email = forms.EmailField(label="Email", max_length=254, help_text="Their ticket is sent here.")
    job_title = forms.CharField(label="Title", max_length=160, required=False)
    organization_name = forms.CharField(label="Organization", max_length=160, required=False)
    dietary_needs = forms.CharField(label="Dietary needs", max_length=300, required=False)
    accessibility_needs = forms.CharField(
        label="Accessibility needs", max_length=300, required=False
    )

    def details(self) -> AttendeeDetails:
        return AttendeeDetails(**self.cleaned_data)


AttendeeFormSet = formset_factory(
    AttendeeForm,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=MAX_ATTENDEES,
    validate_max=True,
    absolute_max=MAX_ATTENDEES,
)


class RegisterForm(Form):
    """The ticket type (by public id) and who buys: the person, or an organization they run."""

    ticket_type = forms.ChoiceField(label="Ticket", widget=forms.RadioSelect)
    buyer = forms.ChoiceField(label="Who is registering?", widget=forms.RadioSelect)

    def __init__(self, *args, ticket_choices, buyer_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].choices = ticket_choices
        self.fields["ticket_type"].error_messages["invalid_choice"] = (
            "Choose a ticket type that is on sale."
        )
        self.fields["ticket_type"].error_messages["required"] = "Choose a ticket type."
        self.fields["buyer"].choices = buyer_choices
        if len(buyer_choices) == 1:
            self.fields["buyer"].widget = forms.HiddenInput()
            self.fields["buyer"].initial = buyer_choices[0][0]


class CountForm(Form):
    """How many attendee forms to show (GET)."""

    count = forms.IntegerField(
        label="Number of attendees", min_value=1, max_value=MAX_ATTENDEES, initial=1
    )


class TicketTypeForm(Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=TicketKind.choices)
    description = forms.CharField(
        max_length=300, required=False, help_text="A line shown under the name."
    )
    price = MoneyField(label="Price", help_text="In US dollars; 0 for a free ticket.")
    group_size = forms.IntegerField(
        label="Group size",
        min_value=1,
        max_value=50,
        initial=1,
        help_text="Group tickets only: how many people one ticket admits (2 or more).",
    )
    quota = forms.IntegerField(
        label="Quota (people)",
        min_value=1,
        max_value=100_000,
        required=False,
        help_text="Leave empty for no quota: the event's capacity still applies.",
    )
    sales_start = EventDateTimeField(label="On sale from", required=False)
    sales_end = EventDateTimeField(
        label="On sale until", required=False, help_text="Required for an early-bird price."
    )
    position = forms.IntegerField(
        label="Order on the page", min_value=0, max_value=999, initial=0, required=False
    )

    def __init__(self, *args, event, ticket_type=None, **kwargs):
        if ticket_type is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": ticket_type.name,
                "kind": ticket_type.kind,
                "description": ticket_type.description,
                "price": ticket_type.price_cents,
                "group_size": ticket_type.group_size,
                "quota": ticket_type.quota,
                "sales_start": ticket_type.sales_start,
                "sales_end": ticket_type.sales_end,
                "position": ticket_type.position,
            }
        super().__init__(*args, **kwargs)
        zone: ZoneInfo = event_zone(event)
        for name in ("sales_start", "sales_end"):
            self.fields[name].zone = zone
            self.fields[name].help_text = (
                f"{self.fields[name].help_text} On the event's clock "
                f"({event.time_zone.replace('_', ' ')})."
            ).strip()

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["price_cents"] = data.pop("price")
        return data
