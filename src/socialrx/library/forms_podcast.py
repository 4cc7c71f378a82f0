"""The staff episode page's form: season, episode number, explicit flag and which of the
resource's audio files is the episode's."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat

from socialrx.core.forms import Form

from .feeds import duration_text
from .services.podcast import MAX_NUMBER


def audio_label(audio) -> str:
    length = duration_text(audio.duration_seconds) or "length unknown"
    return f"{audio.original_name} ({length}, {filesizeformat(audio.size_bytes)})"


class EpisodeForm(Form):
    season = forms.IntegerField(min_value=1, max_value=MAX_NUMBER)
    number = forms.IntegerField(label="Episode number", min_value=1, max_value=MAX_NUMBER)
    explicit = forms.BooleanField(
        label="Explicit content (podcast apps show a warning)", required=False
    )
    audio = forms.TypedChoiceField(
        label="Audio file",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The episode is in the feed once it is published, public and has its audio.",
    )

    def __init__(self, *args, audio_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audio"].choices = [("", "No audio yet")] + [
            (audio.pk, audio_label(audio)) for audio in audio_files
        ]
