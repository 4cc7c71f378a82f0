"""The policy builder's forms: one step's questions (built from `policy_sections`), the
assembly note, the adoption date, a review link, a reviewer's comment, and the back office's
clause form. The services check every value again; the forms give the types and the first
messages beside each field."""

from __future__ import annotations

from django import forms

from socialrx.core.calendar import center_today

from .policy_answers import CONDITION_CHOICES, PLACEHOLDERS, ROLE_PLACEHOLDERS
from .policy_sections import (
    CHOICE,
    NUMBER,
    SECTION_CHOICES,
    TEXT_LIMIT,
    YES_NO,
    YES_NO_CHOICES,
    Question,
    Section,
)
from .services.clauses import REVIEW_EVERY_DAYS, ClauseData
from .services.policy_reviews import COMMENT_LIMIT, LABEL_LIMIT, NAME_LIMIT

ANSWER_NEEDED = "Answer this question to go on."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _field(question: Question) -> forms.Field:
    messages = {"required": ANSWER_NEEDED}
    common = {
        "label": question.label,
        "help_text": question.help,
        "required": question.required,
        "error_messages": messages,
    }
    if question.kind == NUMBER:
        return forms.IntegerField(
            min_value=question.minimum,
            max_value=question.maximum,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-short"}),
            **common,
        )
    if question.kind in (CHOICE, YES_NO):
        choices = question.choices if question.kind == CHOICE else YES_NO_CHOICES
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    attrs = {"autocomplete": "off"}
    if question.example:
        attrs["placeholder"] = f"For example: {question.example}"
    return forms.CharField(
        max_length=TEXT_LIMIT, widget=forms.TextInput(attrs=attrs), strip=True, **common
    )


class StepForm(forms.Form):
    """The questions of one section; `values()` gives what the service checks."""

    def __init__(self, section: Section, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for question in section.questions:
            self.fields[question.name] = _field(question)

    @classmethod
    def initial_from(cls, section: Section, answers: dict) -> dict:
        return {q.name: answers[q.name] for q in section.questions if q.name in answers}

    def values(self) -> dict:
        return {
            question.name: self.cleaned_data.get(question.name)
            for question in self.section.questions
        }


class AssembleForm(forms.Form):
    change_note = forms.CharField(
        label="What changed in this version (optional)",
        max_length=300,
        required=False,
        help_text="Kept with the version, for whoever compares it with the others.",
    )


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label="Adopted on",
        widget=DateInput(),
        help_text="The date the organization's leadership approved this version.",
        error_messages={
            "required": "Give the date the policy was adopted.",
            "invalid": "Give a date.",
        },
    )

    @classmethod
    def for_version(cls, version) -> AdoptForm:
        """The blank form beside a version: today for a version not adopted yet, and the
        recorded date for one already adopted (so correcting it never moves it by accident)."""
        return cls(initial={"adopted_on": version.adopted_on or center_today()})


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label="Who is the link for?",
        max_length=LABEL_LIMIT,
        help_text="For example “Outside counsel” or “Compliance review”: it is shown beside "
        "the reviewers' comments.",
        error_messages={"required": "Say who the link is for."},
    )
    expires_on = forms.DateField(
        label="Works until (optional)",
        required=False,
        widget=DateInput(),
        help_text="Leave empty for a link that works until you revoke it (a year at most is "
        "advised).",
        error_messages={"invalid": "Give a date."},
    )


class ReviewCommentForm(forms.Form):
    clause = forms.CharField(widget=forms.HiddenInput, max_length=80)
    name = forms.CharField(
        label="Your name",
        max_length=NAME_LIMIT,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Give your name, so the organization knows who wrote."},
    )
    comment = forms.CharField(
        label="Your comment",
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Plain text, up to {COMMENT_LIMIT:,} characters.",
        error_messages={"required": "Write your comment."},
    )


class ClauseForm(forms.Form):
    """A clause template in the back office (new or changed)."""

    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        label="Short name",
        max_length=80,
        help_text="A short stable name (letters, digits, hyphens): comments and old policies "
        "refer to the clause by it.",
    )
    section = forms.ChoiceField(choices=SECTION_CHOICES)
    position = forms.IntegerField(
        min_value=0, max_value=1000, initial=10, help_text="Order within the section."
    )
    condition = forms.ChoiceField(
        label="Included when", choices=CONDITION_CHOICES, help_text="Which answers bring it in."
    )
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 12, "class": "input-code"}),
        help_text="Markdown (paragraphs, lists, **bold**). Placeholders: "
        + ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS)
        + ". Write “the” right before a role's placeholder ("
        + ", ".join(f"{{{{ {name} }}}}" for name in ROLE_PLACEHOLDERS)
        + "): it is filled with the title alone.",
    )
    reviewed_on = forms.DateField(label="Last reviewed on", widget=DateInput())
    review_due = forms.DateField(label="Next review due", widget=DateInput())
    is_active = forms.BooleanField(label="Used in new policies", required=False, initial=True)
    change_note = forms.CharField(
        label="What changed (for the version history)",
        max_length=300,
        required=False,
    )

    @classmethod
    def blank_initial(cls) -> dict:
        today = center_today()
        return {
            "reviewed_on": today,
            "review_due": today.fromordinal(today.toordinal() + REVIEW_EVERY_DAYS),
            "is_active": True,
            "position": 10,
            "condition": "always",
        }

    @classmethod
    def initial_for(cls, clause) -> dict:
        names = ("title", "slug", "section", "position", "condition", "body")
        names += ("reviewed_on", "review_due", "is_active")
        return {name: getattr(clause, name) for name in names}

    def data_for_service(self) -> ClauseData:
        data = self.cleaned_data
        return ClauseData(
            slug=data["slug"],
            section=data["section"],
            title=data["title"].strip(),
            body=data["body"].replace("\r\n", "\n").strip(),
            condition=data["condition"],
            position=data["position"],
            reviewed_on=data["reviewed_on"],
            review_due=data["review_due"],
            is_active=data["is_active"],
            change_note=data.get("change_note", ""),
        )
