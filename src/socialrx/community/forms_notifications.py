"""The notification settings form: how forum notifications are emailed, and whether posting in
a thread follows it."""

from django import forms

from socialrx.core.forms import Form

from .models import EmailMode


class PreferenceForm(Form):
    email_mode = forms.ChoiceField(
        label="Email me about forum notifications",
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
        help_text="Every notification also appears on your notifications page.",
    )
    follow_on_reply = forms.BooleanField(
        label="Follow a thread when I post in it",
        required=False,
        help_text="You then hear of every reply in it.",
    )
