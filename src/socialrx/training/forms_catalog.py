"""The catalogue's filters: a GET form that works without JavaScript."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .models import Level
from .selectors.catalog import (
    FORMAT_CHOICES,
    UPCOMING_CHOICES,
    Filters,
)


class CatalogFilterForm(Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title or summary"}),
    )
    format = forms.ChoiceField(label="Format", required=False, choices=FORMAT_CHOICES)
    topic = forms.ChoiceField(label="Topic", required=False)
    platform = forms.ChoiceField(label="Platform", required=False)
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "Any level"), *Level.choices]
    )
    upcoming = forms.ChoiceField(label="Dates", required=False, choices=UPCOMING_CHOICES)
    free = forms.BooleanField(label="Free for members", required=False)

    def __init__(self, *args, topics=(), platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Any topic")] + [(t.slug, t.name) for t in topics]
        self.fields["platform"].choices = [("", "Any platform")] + [
            (p.code, p.name) for p in platforms
        ]

    def filters(self) -> Filters:
        """The valid filters (a field with a bad value is left out and shown with its error)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            q=data.get("q") or "",
            format=data.get("format") or "",
            topic=data.get("topic") or "",
            platform=data.get("platform") or "",
            level=data.get("level") or "",
            upcoming=data.get("upcoming") or "",
            free=bool(data.get("free")),
        )
