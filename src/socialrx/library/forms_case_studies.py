"""The case study's structured form: what every contribution has (forms_contributions), the
answers (goal, approach, results, lessons, what legal and IT required) and its results in
numbers, a formset of 1 to 8 rows (measure, before, after, unit, period; "after" needed,
"before" optional). Numbers may be typed with thousands separators ("1,200")."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import formset_factory

from socialrx.core.forms import Form

from .forms_contributions import CreditedForm
from .models import ResourceKind
from .services.case_studies import ANSWER_LIMIT, FIGURES_RANGE, CaseStudyAnswers, Figure
from .services.contributions import ContributionDraft

NUMBER_MESSAGE = "Enter a number, like 1200 or 3.5 (no letters; put % or $ in “Unit”)."
EXTRA_ROWS = 3


def _answer(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=help_text,
    )


class CaseStudyForm(CreditedForm):
    goal = _answer("Goal", help_text="What you set out to do, and for whom.")
    approach = _answer("Approach", help_text="What you did: content, cadence, team, tools.")
    results = _answer(
        "Results",
        help_text="What came of it, in words; put the numbers in the table below.",
    )
    lessons = _answer("Lessons", help_text="What you would tell another hospital or practice.")
    legal_it_requirements = _answer(
        "What legal and IT required",
        required=False,
        help_text="Approvals, policies, consent forms, security reviews (optional).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platforms"].required = True
        self.fields["platforms"].error_messages["required"] = "Choose at least one platform."
        for name, message in (
            ("goal", "Say what you set out to do."),
            ("approach", "Say what you did."),
            ("results", "Say what came of it."),
            ("lessons", "Say what you learned."),
        ):
            self.fields[name].error_messages["required"] = message

    def contribution(self) -> ContributionDraft:
        return self.draft(kind=ResourceKind.CASE_STUDY)

    def answers(self, figures: list[Figure]) -> CaseStudyAnswers:
        data = self.cleaned_data
        return CaseStudyAnswers(
            goal=data["goal"],
            approach=data["approach"],
            results=data["results"],
            lessons=data["lessons"],
            legal_it_requirements=data["legal_it_requirements"],
            figures=figures,
        )


class NumberField(forms.DecimalField):
    """A decimal as people type it: "1,200" and " 3.5 " are numbers; letters are not."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=14,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20}),
            error_messages={
                "invalid": NUMBER_MESSAGE,
                "max_digits": "That number is too large.",
                "max_whole_digits": "That number is too large.",
                "max_decimal_places": "Use at most two decimals.",
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").strip()
        return super().to_python(value)


class FigureForm(Form):
    """A row of results: left empty it is skipped; begun, it needs its measure and "after"."""

    measure = forms.CharField(label="Measure", max_length=120, required=False)
    before = NumberField(label="Before", required=False)
    after = NumberField(label="After", required=False)
    unit = forms.CharField(label="Unit", max_length=30, required=False)
    period = forms.CharField(label="Over", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].widget.attrs["placeholder"] = "Page followers"
        self.fields["unit"].widget.attrs["placeholder"] = "%"
        self.fields["period"].widget.attrs["placeholder"] = "12 months"

    @property
    def is_filled(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return any(value not in (None, "") for value in data.values())

    def clean(self):
        cleaned = super().clean()
        begun = any(self.data.get(self.add_prefix(name), "").strip() for name in self.fields)
        if not begun:
            return {}
        if not (cleaned.get("measure") or "").strip() and "measure" not in self.errors:
            self.add_error("measure", "Name what was measured (or empty the row).")
        if cleaned.get("after") is None and "after" not in self.errors:
            self.add_error("after", "Give the number after.")
        return cleaned

    def figure(self) -> Figure:
        data = self.cleaned_data
        return Figure(
            measure=data["measure"],
            before=data.get("before"),
            after=data["after"],
            unit=data.get("unit", ""),
            period=data.get("period", ""),
        )


class BaseFigureFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.is_filled for form in self.forms):
            raise forms.ValidationError("Give at least one result in numbers.", code="too_few")

    def figures(self) -> list[Figure]:
        return [form.figure() for form in self.forms if form.is_filled]


FigureFormSet = formset_factory(
    FigureForm,
    formset=BaseFigureFormSet,
    extra=EXTRA_ROWS,
    max_num=FIGURES_RANGE[1],
    validate_max=True,
    absolute_max=FIGURES_RANGE[1],
)


def figure_formset(data=None, *, figures=()) -> BaseFigureFormSet:
    """The results rows: empty ones to fill, or the saved figures with room for more."""
    initial = [
        {
            "measure": f.measure,
            "before": _plain(f.before),
            "after": _plain(f.after),
            "unit": f.unit,
            "period": f.period,
        }
        for f in figures
    ]
    return FigureFormSet(
        data,
        initial=initial or None,
        prefix="figures",
        error_messages={
            "too_many_forms": f"Give at most {FIGURES_RANGE[1]} results in numbers.",
            "missing_management_form": "The results table was incomplete: reload the page.",
        },
    )


def _plain(value: Decimal | None) -> str:
    """1200.00 → "1200" for the input box (no trailing zeros)."""
    if value is None:
        return ""
    normal = value.normalize()
    return f"{normal:f}"


def initial_from_case_study(resource) -> dict:
    case_study = resource.case_study
    return {
        "goal": case_study.goal,
        "approach": case_study.approach,
        "results": case_study.results,
        "lessons": case_study.lessons,
        "legal_it_requirements": case_study.legal_it_requirements,
    }


__all__ = ["CaseStudyForm", "FigureFormSet", "figure_formset", "initial_from_case_study"]
