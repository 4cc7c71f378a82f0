"""The assessment's forms: one step of the full version, the visitors' short version on one
page, and the staffing estimate's cadence and assumptions. Fields are built from the
questionnaire's data (assessment_questions), so a question added there is asked everywhere;
the bounds are the staffing module's, said beside the field that breaks one."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .assessment_answers import check_cadence
from .assessment_questions import (
    CADENCE,
    HOURS,
    HOURS_MAX,
    MULTIPLE,
    PERIODS,
    PLATFORM_CODES,
    PLATFORM_LABELS,
    SECTIONS,
    SHORT,
    SINGLE,
    Question,
    Section,
)
from .staffing import (
    ASSUMPTIONS,
    DRAFT_BOUNDS,
    DRAFT_MINUTES,
    assumption_error,
    draft_minutes_error,
)

ANSWER_THIS = "Answer this question."


def _whole_number(*, label: str, minimum: int, message: str, **attrs) -> forms.IntegerField:
    """A whole number whose bounds are checked by the caller's rule (one message for every
    refusal, beside the field), with the browser's own hints."""
    return forms.IntegerField(
        label=label,
        required=False,
        error_messages={"invalid": message},
        widget=forms.NumberInput(
            attrs={"min": minimum, "step": 1, "inputmode": "numeric", **attrs}
        ),
    )


def question_field(question: Question) -> forms.Field:
    if question.kind == SINGLE:
        return forms.TypedChoiceField(
            label=question.text,
            choices=question.choices,
            coerce=int,
            widget=forms.RadioSelect,
            help_text=question.help,
            error_messages={
                "required": ANSWER_THIS,
                "invalid_choice": "Choose one of the answers.",
            },
        )
    if question.kind == MULTIPLE:
        return forms.MultipleChoiceField(
            label=question.text,
            choices=question.choices,
            widget=forms.CheckboxSelectMultiple,
            help_text=question.help,
            error_messages={
                "required": "Tick at least one goal.",
                "invalid_choice": "Tick goals from the list.",
            },
        )
    if question.kind == HOURS:
        message = f"Give a whole number of hours from 0 to {HOURS_MAX}."
        return forms.IntegerField(
            label=question.text,
            min_value=0,
            max_value=HOURS_MAX,
            help_text=question.help,
            widget=forms.NumberInput(attrs={"min": 0, "max": HOURS_MAX, "inputmode": "numeric"}),
            error_messages={
                "required": ANSWER_THIS,
                "invalid": message,
                "min_value": message,
                "max_value": message,
            },
        )
    raise ValueError(f"{question.kind} questions are not one field")


class CadenceFields:
    """Per platform: how many posts, a day, a week or a month (count fields `<code>_count`,
    period fields `<code>_period`). The count's bounds are check_cadence's."""

    def add_cadence_fields(self, *, with_minutes: bool = False) -> None:
        for code in PLATFORM_CODES:
            name = PLATFORM_LABELS[code]
            self.fields[f"{code}_count"] = _whole_number(
                label=f"{name}: posts",
                minimum=0,
                message=f"{name}: give a whole number of posts, 0 or more.",
            )
            self.fields[f"{code}_period"] = forms.ChoiceField(
                label=f"{name}: how often", choices=PERIODS, initial="week"
            )
            if with_minutes:
                low, high = DRAFT_BOUNDS
                self.fields[f"{code}_draft_minutes"] = _whole_number(
                    label=f"{name}: minutes to make one post",
                    minimum=low,
                    max=high,
                    message=draft_minutes_error(code, None),
                )

    def clean_cadence(self) -> None:
        for code in PLATFORM_CODES:
            count = self.cleaned_data.get(f"{code}_count")
            period = self.cleaned_data.get(f"{code}_period")
            if count is None or period is None:
                continue
            error = check_cadence(code, {"count": count, "period": period})
            if error:
                self.add_error(f"{code}_count", error)

    def cadence(self) -> dict:
        """{code: {"count", "period"}} of the valid rows (a blank count is 0)."""
        rows = {}
        for code in PLATFORM_CODES:
            count = self.cleaned_data.get(f"{code}_count")
            period = self.cleaned_data.get(f"{code}_period")
            if f"{code}_count" in self.errors or period is None:
                continue
            rows[code] = {"count": count or 0, "period": period}
        return rows

    def cadence_rows(self) -> list[tuple]:
        """(platform name, its count field, its period field[, its minutes field])."""
        rows = []
        for code in PLATFORM_CODES:
            row = [PLATFORM_LABELS[code], self[f"{code}_count"], self[f"{code}_period"]]
            if f"{code}_draft_minutes" in self.fields:
                row.append(self[f"{code}_draft_minutes"])
            rows.append(tuple(row))
        return rows


class StepForm(CadenceFields, Form):
    """One section of the full assessment. `answers()` returns what is valid in the storage
    format, so a step left half-done keeps what was answered."""

    def __init__(self, section: Section, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for question in section.questions:
            if question.kind == CADENCE:
                self.add_cadence_fields()
            else:
                self.fields[question.key] = question_field(question)

    @property
    def cadence_question(self) -> Question | None:
        return next((q for q in self.section.questions if q.kind == CADENCE), None)

    @property
    def has_cadence(self) -> bool:
        return self.cadence_question is not None

    def question_fields(self):
        return [(q, self[q.key]) for q in self.section.questions if q.kind != CADENCE]

    def clean(self):
        cleaned = super().clean()
        if self.has_cadence:
            self.clean_cadence()
            cadence = self.cadence()
            if not self.errors and not any(row["count"] > 0 for row in cadence.values()):
                self.add_error(None, "Enter how often you post on at least one platform.")
        return cleaned

    def answers(self) -> dict:
        answers = {}
        for question in self.section.questions:
            if question.kind == CADENCE:
                cadence = self.cadence()
                if any(row["count"] > 0 for row in cadence.values()):
                    answers[question.key] = cadence
            elif question.key in self.cleaned_data and question.key not in self.errors:
                value = self.cleaned_data[question.key]
                if value not in (None, "", []):
                    answers[question.key] = list(value) if question.kind == MULTIPLE else value
        return answers


def step_initial(section: Section, answers: dict) -> dict:
    """The form's initial values from saved answers."""
    initial = {}
    for question in section.questions:
        if question.kind == CADENCE:
            initial |= {f"{code}_count": 0 for code in PLATFORM_CODES}
        if question.key not in answers:
            continue
        if question.kind == CADENCE:
            for code, row in answers[question.key].items():
                initial[f"{code}_count"] = row["count"]
                initial[f"{code}_period"] = row["period"]
        else:
            initial[question.key] = answers[question.key]
    return initial


class ShortForm(Form):
    """The visitors' short version: its questions on one page, every one required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            for question in section.questions_of(SHORT):
                self.fields[question.key] = question_field(question)

    def sections(self):
        return [
            (section, [self[q.key] for q in section.questions_of(SHORT)])
            for section in SECTIONS
            if section.questions_of(SHORT)
        ]


class StaffingForm(CadenceFields, Form):
    """The staffing estimate's inputs: each platform's cadence and minutes per post, and the
    assumptions. Bounds as staffing.check_staffing keeps them, said beside the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_cadence_fields(with_minutes=True)
        for a in ASSUMPTIONS:
            self.fields[a.key] = _whole_number(
                label=a.label,
                minimum=a.minimum,
                max=a.maximum,
                message=assumption_error(a.key, None),
            )
            self.fields[a.key].help_text = f"{a.unit.capitalize()}. {a.help}"

    def clean(self):
        cleaned = super().clean()
        self.clean_cadence()
        for code in PLATFORM_CODES:
            name = f"{code}_draft_minutes"
            value = cleaned.get(name)
            if name not in self.errors and value is not None:
                error = draft_minutes_error(code, value)
                if error:
                    self.add_error(name, error)
        for a in ASSUMPTIONS:
            value = cleaned.get(a.key)
            if a.key not in self.errors:
                error = assumption_error(a.key, value) if value is not None else None
                if value is None:
                    error = f"{a.label}: enter a number ({a.minimum} to {a.maximum:,})."
                if error:
                    self.add_error(a.key, error)
        return cleaned

    def assumption_fields(self):
        return [self[a.key] for a in ASSUMPTIONS]

    def staffing(self) -> dict:
        platforms = {}
        for code, row in self.cadence().items():
            minutes = self.cleaned_data.get(f"{code}_draft_minutes")
            if row["count"] > 0:
                platforms[code] = {**row, "draft_minutes": minutes or DRAFT_MINUTES[code]}
        return {"platforms": platforms, **{a.key: self.cleaned_data[a.key] for a in ASSUMPTIONS}}


def staffing_initial(staffing: dict) -> dict:
    initial = {a.key: staffing[a.key] for a in ASSUMPTIONS}
    for code in PLATFORM_CODES:
        row = staffing["platforms"].get(code)
        initial[f"{code}_count"] = row["count"] if row else 0
        initial[f"{code}_period"] = row["period"] if row else "week"
        initial[f"{code}_draft_minutes"] = row["draft_minutes"] if row else DRAFT_MINUTES[code]
    return initial


def step_data(section: Section, answers: dict) -> dict:
    """Saved answers as the step form's submitted data, so checking them shows the same
    errors beside the same fields as a submission would."""
    data: dict = {}
    for question in section.questions:
        value = answers.get(question.key)
        if question.kind == CADENCE:
            for code in PLATFORM_CODES:
                row = (value or {}).get(code, {"count": 0, "period": "week"})
                data[f"{code}_count"] = str(row["count"])
                data[f"{code}_period"] = row["period"]
        elif value is None:
            continue
        elif question.kind == MULTIPLE:
            data[question.key] = list(value)
        else:
            data[question.key] = str(value)
    return data
