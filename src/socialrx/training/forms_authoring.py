"""The faculty's authoring forms: a course's catalogue facts, modules, lessons, quiz questions,
media uploads and publishing. The services check the rules; these parse what was typed."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q

from socialrx.accounts.models import User
from socialrx.core.forms import Form, MoneyField
from socialrx.taxonomy.models import Platform, Topic

from .models import LessonKind, Level, QuestionKind
from .services.authoring_quiz import MAX_CHOICES, ChoiceDraft

HOURS = {"max_digits": 4, "decimal_places": 1, "max_value": Decimal("999.9")}


def faculty_people():
    return User.objects.filter(Q(is_staff=True) | Q(is_coach=True), is_active=True).order_by(
        "full_name", "email"
    )


class AuthorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


class CourseForm(Form):
    title = forms.CharField(max_length=160)
    slug = forms.SlugField(
        label="Address",
        max_length=80,
        required=False,
        help_text="The last part of the course's web address, e.g. facebook-page-safely. "
        "Leave empty to make it from the title.",
    )
    summary = forms.CharField(
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two sentences for the catalogue (at most 400 characters).",
    )
    description = forms.CharField(
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Markdown: **bold**, *italic*, lists, [links](https://…).",
    )
    level = forms.ChoiceField(choices=Level.choices)
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    platforms = forms.ModelMultipleChoiceField(
        queryset=Platform.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    estimated_hours = forms.DecimalField(label="Estimated hours", min_value=Decimal("0.5"), **HOURS)
    ce_hours = forms.DecimalField(
        label="Continuing-education hours",
        min_value=Decimal("0"),
        required=False,
        help_text="Printed on the certificate; 0 or empty when none are offered.",
        **HOURS,
    )
    objectives = forms.CharField(
        label="Learning objectives",
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line.",
    )
    price_cents = MoneyField(
        label="Price for non-members",
        required=False,
        help_text="In US dollars, e.g. 149.00. Members enrol free; leave empty to sell it to "
        "nobody else.",
    )
    authors = AuthorChoiceField(
        queryset=faculty_people(), required=False, widget=forms.CheckboxSelectMultiple
    )

    @classmethod
    def initial_for(cls, course) -> dict:
        return {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": course.description,
            "level": course.level,
            "topics": list(course.topics.all()),
            "platforms": list(course.platforms.all()),
            "estimated_hours": course.estimated_hours,
            "ce_hours": course.ce_hours,
            "objectives": course.objectives,
            "price_cents": course.price_cents,
            "authors": list(course.authors.all()),
        }


class ModuleForm(Form):
    title = forms.CharField(label="Module title", max_length=160)


class NewLessonForm(Form):
    title = forms.CharField(label="Lesson title", max_length=160)
    kind = forms.ChoiceField(label="Kind", choices=LessonKind.choices)


class MoveForm(Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class LessonForm(Form):
    title = forms.CharField(max_length=160)
    module = forms.TypedChoiceField(coerce=int, label="Module")
    kind = forms.ChoiceField(label="Kind", choices=LessonKind.choices)
    minutes = forms.IntegerField(min_value=1, max_value=600, help_text="About how long it takes.")
    is_preview = forms.BooleanField(
        label="Preview lesson: open to visitors, to let them judge the course", required=False
    )
    body_markdown = forms.CharField(
        label="Text",
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Markdown. For video and audio lessons, the notes shown under the player.",
    )
    transcript = forms.CharField(
        required=False, max_length=200_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    embed_url = forms.CharField(
        label="Video address to embed",
        required=False,
        max_length=300,
        help_text="A YouTube or Vimeo link (https). Links are turned into the privacy-friendly "
        "player address.",
        widget=forms.URLInput,
    )
    passing_percent = forms.IntegerField(
        label="Passing score (%)", min_value=1, max_value=100, initial=80
    )
    max_attempts = forms.IntegerField(label="Attempts allowed", min_value=1, max_value=20)
    shuffle_questions = forms.BooleanField(label="Shuffle the questions", required=False)
    shuffle_choices = forms.BooleanField(label="Shuffle each question's choices", required=False)

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = {module.pk: module for module in modules}
        self.fields["module"].choices = [(m.pk, m.title) for m in modules]

    @classmethod
    def initial_for(cls, lesson) -> dict:
        names = [name for name in cls.base_fields if name != "module"]
        return {**{name: getattr(lesson, name) for name in names}, "module": lesson.module_id}

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["module"] = self.modules[data["module"]]
        return data


class MediaForm(Form):
    file = forms.FileField(
        label="Video or audio file",
        required=False,
        help_text="Video: .mp4 or .webm. Audio: .mp3, .m4a, .ogg or .wav.",
    )
    captions = forms.FileField(
        label="Captions (WebVTT, .vtt)",
        required=False,
        help_text="Required before publishing. The file starts with the line WEBVTT.",
    )


class PublishForm(Form):
    change_note = forms.CharField(
        label="What changed",
        max_length=240,
        help_text="Kept with the version, e.g. “Added a lesson on crisis replies”.",
    )


class QuestionForm(Form):
    prompt = forms.CharField(
        label="Question", max_length=2_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(
        label="Answers", choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the right answer is right: learners see it after grading.",
    )


class ChoiceRowForm(Form):
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Choice", max_length=300, required=False)
    is_correct = forms.BooleanField(label="Correct", required=False)


ChoiceFormSet = forms.formset_factory(
    ChoiceRowForm, extra=0, max_num=MAX_CHOICES, validate_max=True, absolute_max=MAX_CHOICES
)


def choice_rows(question=None, *, blanks: int = 2) -> list[dict]:
    """The formset's rows: the question's choices, then empty ones to fill (at least four
    rows, at most MAX_CHOICES)."""
    rows = [
        {"key": c.key, "text": c.text, "is_correct": c.is_correct}
        for c in (question.choices.all() if question is not None else [])
    ]
    wanted = min(MAX_CHOICES, max(4, len(rows) + blanks))
    return rows + [{} for _ in range(wanted - len(rows))]


def choice_drafts(formset) -> list[ChoiceDraft]:
    return [
        ChoiceDraft(
            text=form.cleaned_data.get("text", ""),
            is_correct=bool(form.cleaned_data.get("is_correct")),
            key=form.cleaned_data.get("key"),
        )
        for form in formset.forms
        if form.cleaned_data
    ]
