from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from .money import parse_dollars
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


class MoneyField(forms.CharField):
    """Dollars as typed by a person ('12,500.00'), cleaned to integer cents."""

    MAX_CENTS = 10_000_000_00  # ten million dollars: beyond any membership or invoice

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "In US dollars, for example 12500.00")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 16})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 16:
            raise forms.ValidationError("Enter an amount in dollars, such as 12500.00.")
        try:
            cents = parse_dollars(value)
        except ValueError as error:
            raise forms.ValidationError(
                "Enter an amount in dollars, such as 12500.00 (no negative amounts)."
            ) from error
        if cents > self.MAX_CENTS:
            raise forms.ValidationError("That amount is too large: the limit is $10,000,000.")
        return cents

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value / 100:.2f}"
        return value


def form_errors_text(form) -> str:
    """A form's errors on one line, for a message shown after a redirect."""
    return "; ".join(
        errors[0] if name == "__all__" else f"{form.fields[name].label or name}: {errors[0]}"
        for name, errors in form.errors.items()
    )
