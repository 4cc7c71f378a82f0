"""Moderation forms: a member's flag, and the moderators' hide, edit, move and suspend forms.
The services check the same limits (a form is a convenience, never the only guard)."""

from django import forms

from socialrx.core.forms import Form

from .models import Category, FlagReason
from .services.forums import BODY_MAX_CHARS
from .services.moderation import DETAIL_LIMIT, NOTE_LIMIT, REASON_LIMIT
from .services.suspensions import MAX_YEARS, latest_until, until_refusal
from .services.suspensions import REASON_LIMIT as SUSPENSION_REASON_LIMIT


class FlagForm(Form):
    reason = forms.ChoiceField(
        label="What is wrong with this post?", choices=FlagReason.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label="Anything the moderators should know",
        required=False,
        max_length=DETAIL_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Required for “Something else”. At most {DETAIL_LIMIT} characters. "
        "Only moderators read it.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == FlagReason.OTHER and not cleaned.get("detail", "").strip():
            self.add_error("detail", "Say what is wrong.")
        return cleaned


class HidePostForm(Form):
    reason = forms.CharField(
        label="Why hide it",
        max_length=REASON_LIMIT,
        help_text="The author is told this reason.",
    )


class ModeratorEditForm(Form):
    body = forms.CharField(
        label="Text of the post",
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown.",
    )
    moderator_note = forms.CharField(
        label="Note shown under the post",
        max_length=NOTE_LIMIT,
        help_text="Everyone reading the thread sees it, for example “Removed a patient's name”.",
    )


class HideThreadForm(Form):
    reason = forms.CharField(
        label="Why hide the thread",
        max_length=REASON_LIMIT,
        help_text="The author is told this reason.",
    )


class MoveThreadForm(Form):
    category = forms.ModelChoiceField(
        label="Move to", queryset=Category.objects.none(), empty_label="Choose a category"
    )

    def __init__(self, *args, thread, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.exclude(pk=thread.category_id)


class SuspendForm(Form):
    email = forms.EmailField(label="Member's email address")
    reason = forms.CharField(
        label="Reason",
        max_length=SUSPENSION_REASON_LIMIT,
        help_text="Recorded in the audit log and shown to moderators.",
    )
    until = forms.DateField(
        label="Until (included)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=f"At most {MAX_YEARS} years ahead. "
        "Leave empty to suspend until a moderator lifts it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].widget.attrs["max"] = latest_until().isoformat()

    def clean_until(self):
        until = self.cleaned_data.get("until")
        if refusal := until_refusal(until):
            raise forms.ValidationError(refusal)
        return until
