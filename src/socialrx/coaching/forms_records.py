"""Recording a session (held or missed, a note, action items), a later note, a later action
item. The forms check what a person can fix beside the field (an owner of another
organization, a due date in the past); the services check the same rules again."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.forms import formset_factory

from socialrx.core.calendar import center_today
from socialrx.core.forms import Form

from .models import NoteVisibility, SessionStatus
from .selectors.records import action_item_owner_choices
from .services.records import (
    DUE_WITHIN_DAYS,
    NOTE_MAX_CHARS,
    NewActionItem,
    NewNote,
    due_date_problem,
    note_problem,
)

# Rows for action items on the record page; empty rows are ignored.
ACTION_ITEM_ROWS = 3
MAX_ACTION_ITEMS = 10

OUTCOME_CHOICES = [
    (SessionStatus.HELD.value, "Held"),
    (SessionStatus.NO_SHOW.value, "Missed (no-show, counts the hour)"),
]


def _visibility_choices(organization) -> list[tuple[str, str]]:
    return [
        (NoteVisibility.CENTER.value, "Private to the center"),
        (NoteVisibility.SHARED.value, f"Shared with {organization.name}"),
    ]


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, person) -> str:
        return person.display_name


class ActionItemForm(Form):
    title = forms.CharField(label="What needs doing", max_length=200)
    owner = OwnerField(
        label="Owner",
        queryset=None,
        required=False,
        to_field_name="public_id",
        empty_label="Nobody yet",
        help_text="Without an owner, the organization's admins are reminded when it is overdue.",
    )
    due_on = forms.DateField(label="Due on", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.engagement = engagement
        owner = self.fields["owner"]
        owner.queryset = action_item_owner_choices(engagement)
        owner.error_messages["invalid_choice"] = (
            f"Choose someone of {engagement.organization.name} or the coach."
        )
        due_on = self.fields["due_on"]
        due_on.error_messages["invalid"] = "Enter a date, like 2026-03-31."
        # The date picker offers only the days the rule allows.
        today = center_today()
        due_on.widget.attrs["min"] = today.isoformat()
        due_on.widget.attrs["max"] = (today + timedelta(days=DUE_WITHIN_DAYS)).isoformat()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        problem = due_date_problem(due_on)
        if problem:
            raise forms.ValidationError(problem)
        return due_on

    def draft(self) -> NewActionItem:
        data = self.cleaned_data
        return NewActionItem(title=data["title"], owner=data["owner"], due_on=data["due_on"])


class ActionItemRowForm(ActionItemForm):
    """A row of the record page: left empty, it is skipped (so nothing is marked required);
    begun, it needs its title and due date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["due_on"].required = False
        self.fields["owner"].help_text = ""  # said once above the rows

    def clean_due_on(self):
        if self.cleaned_data.get("due_on") is None:
            return None
        return super().clean_due_on()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title", "").strip() and "title" not in self.errors:
            self.add_error("title", "Say what needs doing (or empty the row).")
        if cleaned.get("due_on") is None and "due_on" not in self.errors:
            self.add_error("due_on", "Choose a due date.")
        return cleaned


class BaseActionItemFormSet(forms.BaseFormSet):
    def drafts(self) -> list[NewActionItem]:
        return [form.draft() for form in self.forms if form.has_changed() and form.cleaned_data]


ActionItemFormSet = formset_factory(
    ActionItemRowForm,
    formset=BaseActionItemFormSet,
    extra=ACTION_ITEM_ROWS,
    max_num=MAX_ACTION_ITEMS,
    validate_max=True,
    absolute_max=MAX_ACTION_ITEMS,
)


class NoteForm(Form):
    body = forms.CharField(
        label="Note",
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Markdown: **bold**, lists, links. Up to {NOTE_MAX_CHARS:,} characters.",
    )
    visibility = forms.ChoiceField(
        label="Who reads it",
        widget=forms.RadioSelect,
        initial=NoteVisibility.CENTER,
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = _visibility_choices(organization)
        self.fields["body"].error_messages["max_length"] = (
            f"Keep the note to {NOTE_MAX_CHARS:,} characters."
        )

    def clean_body(self):
        body = self.cleaned_data["body"]
        problem = note_problem(body)
        if problem:
            raise forms.ValidationError(problem)
        return body

    def note(self) -> NewNote:
        return NewNote(body=self.cleaned_data["body"], visibility=self.cleaned_data["visibility"])


class RecordForm(Form):
    """The outcome and an optional note (the action items come as a formset beside it)."""

    outcome = forms.ChoiceField(
        label="How did it go?", widget=forms.RadioSelect, choices=OUTCOME_CHOICES
    )
    note_body = forms.CharField(
        label="What you discussed",
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Optional. Markdown: **bold**, lists, links. Up to {NOTE_MAX_CHARS:,} "
        "characters.",
    )
    note_visibility = forms.ChoiceField(
        label="Who reads the note",
        widget=forms.RadioSelect,
        initial=NoteVisibility.CENTER,
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = "Say whether the session was held."
        self.fields["note_visibility"].choices = _visibility_choices(organization)
        self.fields["note_body"].error_messages["max_length"] = (
            f"Keep the note to {NOTE_MAX_CHARS:,} characters."
        )

    def note(self) -> NewNote | None:
        body = self.cleaned_data.get("note_body", "")
        if not body.strip():
            return None
        return NewNote(body=body, visibility=self.cleaned_data["note_visibility"])
