"""The public agenda's filters: one track, one room (GET parameters, ids of the event's own)."""

from __future__ import annotations

import re

from django import forms


class AgendaFilterForm(forms.Form):
    track = forms.TypedChoiceField(label="Track", required=False, coerce=int, empty_value=None)
    room = forms.TypedChoiceField(label="Room", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, tracks=(), rooms=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["track"].choices = [("", "All tracks")] + [(t.pk, t.name) for t in tracks]
        self.fields["room"].choices = [("", "All rooms")] + [(r.pk, r.name) for r in rooms]
        if not tracks:
            del self.fields["track"]
        if not rooms:
            del self.fields["room"]


def id_param(data, name: str) -> int | None:
    """A GET parameter read as an id; anything else (missing, "abc", "-1") is None."""
    value = (data.get(name) or "").strip()
    return int(value) if re.fullmatch(r"[0-9]{1,11}", value) else None  # not "²", "١"
