from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from .validators import validate_single_line

# The log's dates are filtered from midnight to the next midnight in the viewer's zone: a date
# at the calendar's edge would overflow. No event is dated outside these years.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
DATE_RANGE_MESSAGE = "Enter a date between 1900 and 2999."


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        validators=[
            MinValueValidator(EARLIEST_DATE, message=DATE_RANGE_MESSAGE),
            MaxValueValidator(LATEST_DATE, message=DATE_RANGE_MESSAGE),
        ],
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}
        ),
    )


TARGET_TYPES = [
    ("", "Any object"),
    ("accounts.user", "Person"),
    ("organizations.organization", "Organization"),
    ("organizations.seat", "Seat in an organization"),
    ("organizations.invitation", "Invitation"),
]


class SingleLineFieldsMixin:
    """Every text field of the form that is not a multi-line text area refuses line breaks and
    other control characters, so no form can let one through by forgetting a validator."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.Textarea | forms.PasswordInput
            ):
                field.validators.append(validate_single_line)


class Form(SingleLineFieldsMixin, forms.Form):
    """The base of SocialRx's forms."""


class ModelForm(SingleLineFieldsMixin, forms.ModelForm):
    """The base of SocialRx's model forms."""


class AuditFilterForm(Form):
    actor = forms.CharField(label="Who (email)", required=False, max_length=254)
    action = forms.CharField(
        label="Action",
        required=False,
        max_length=80,
        help_text="For example organizations.invitation or membership.invoice.",
    )
    target_type = forms.ChoiceField(label="Object", choices=TARGET_TYPES, required=False)
    since = _date_field("From")
    until = _date_field("To")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise forms.ValidationError("“From” must be on or before “To”.")
        return cleaned
