from django import forms

from .forms import Form


class EmailPreferencesForm(Form):
    """The declared mailing lists, each a checkbox: ticked, the person receives it."""

    subscribed = forms.MultipleChoiceField(
        label="Emails you receive", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, streams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subscribed"].choices = [(stream.key, stream.label) for stream in streams]
