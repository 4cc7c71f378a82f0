"""The forums' forms: a new thread, a reply (or an edit), accepting an answer, following.
Length and emptiness are checked by the services (one message, the same for the API)."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .models import ThreadKind
from .services.forums import TITLE_MAX_CHARS

BODY_HELP = (
    'Markdown: **bold**, *italic*, lists, links, > quotes. Mention someone with @"Full Name" '
    "or @first.last (for example @dana.whitfield)."
)
KIND_CHOICES = [
    (ThreadKind.QUESTION.value, "A question (the answer that helps can be marked accepted)"),
    (ThreadKind.DISCUSSION.value, "A discussion"),
]


def _body_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,  # the service says so when it is empty, as for the API
        strip=False,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class NewThreadForm(Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=KIND_CHOICES,
        initial=ThreadKind.QUESTION.value,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label="Title", max_length=TITLE_MAX_CHARS, required=False)
    body = _body_field("Your post")


class ReplyForm(Form):
    body = _body_field("Your reply")
    # The post quoted (from "Quote"); a number that is not one is ignored, not an error.
    quote = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_quote(self) -> int | None:
        value = self.cleaned_data["quote"]
        return int(value) if value.isdigit() and 0 < int(value) < 10**9 else None


class EditPostForm(Form):
    body = _body_field("Your post")


class AcceptForm(Form):
    post = forms.IntegerField(min_value=1)
    accept = forms.TypedChoiceField(
        choices=[("1", "Accept"), ("0", "Un-accept")], coerce=lambda value: value == "1"
    )


class FollowForm(Form):
    follow = forms.TypedChoiceField(
        choices=[("1", "Follow"), ("0", "Stop following")], coerce=lambda value: value == "1"
    )
