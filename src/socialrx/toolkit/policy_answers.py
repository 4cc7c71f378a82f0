"""What an organization's answers to the policy builder's questions (`policy_sections`) do:
the placeholders a clause may use and the text each is filled with, the conditions that
choose between clause variants, and the checks each step's answers pass.

One rule for roles (the approver, the clinical reviewer, the privacy officer, the crisis lead,
the compliance reviewer): the answer is a title ("Chief Compliance Officer") and every clause
writes "the" before its placeholder ("reviewed by the {{ compliance_role }}"). A "the" the answer
starts with is left out when the step is saved and again when a clause is filled, so "the CMO"
and "CMO" both read "the CMO", never "the the CMO". The back office refuses a clause that puts a
role's placeholder anywhere but after "the".

Pure functions of the answers: the step form, the services that save and assemble a policy,
and the clause back office's checks share them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .policy_sections import (
    CHOICE,
    NO,
    NUMBER,
    QUESTIONS,
    SECTIONS,
    TEXT_LIMIT,
    YES,
    YES_NO,
    Question,
    Section,
)

# Answers are plain text put into the policy: markup-looking input is refused, not kept.
TAG_LIKE = re.compile(r"<\s*/?\s*[A-Za-z!]|\{\{|\}\}|\{%|%\}")
# The article a role's answer may start with ("the CMO"): clauses write "the" themselves.
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)

# --- placeholders -------------------------------------------------------------------------------

ORGANIZATION_NAME = "organization_name"
# The placeholders a role's title fills: a clause writes "the" (or "The") right before each.
ROLE_PLACEHOLDERS: tuple[str, ...] = tuple(q.placeholder for q in QUESTIONS.values() if q.role)
# {placeholder: what it stands for}, for the back office's help and its error messages.
PLACEHOLDERS: dict[str, str] = {
    ORGANIZATION_NAME: "The organization's name",
    **{q.placeholder: q.label for q in QUESTIONS.values() if q.placeholder},
}


def role_title(text: str) -> str:
    """A role's answer as the clauses use it, after their "the": "the CMO" and "CMO" both give
    "CMO" (one leading "the" is left out; "Theatre Manager" keeps its letters)."""
    return LEADING_THE.sub("", " ".join(str(text).split()), count=1)


def placeholder_values(organization_name: str, answers: Mapping) -> dict[str, str]:
    """The text each placeholder stands for, from the organization's answers: a choice's
    label (lower-cased unless it starts with a standard's name), a number as written, an
    optional answer left empty as its fallback words."""
    values = {ORGANIZATION_NAME: organization_name}
    for question in QUESTIONS.values():
        if not question.placeholder:
            continue
        value = answers.get(question.name)
        if question.kind == CHOICE:
            text = question.choice_label(value)
            text = text if text.startswith("WCAG") else text[:1].lower() + text[1:]
        else:
            text = "" if value is None else str(value).strip()
            if question.role:  # answers saved before the rule, or through another door
                text = role_title(text)
        values[question.placeholder] = text or question.fallback
    return values


def example_answers() -> dict:
    """Answers made of each question's example (and each choice's first option, "yes" for
    every yes/no question): the back office previews clauses with them."""
    answers: dict = {}
    for question in QUESTIONS.values():
        if question.kind in (CHOICE,):
            answers[question.name] = question.choices[0][0]
        elif question.kind == YES_NO:
            answers[question.name] = YES
        elif question.kind == NUMBER:
            answers[question.name] = int(question.example)
        else:
            answers[question.name] = question.example
    return answers


# --- conditions ---------------------------------------------------------------------------------

ALWAYS = "always"


def _equals(name: str, value: str) -> Callable[[Mapping], bool]:
    return lambda answers: answers.get(name) == value


def _answered(name: str) -> Callable[[Mapping], bool]:
    return lambda answers: bool(str(answers.get(name) or "").strip())


@dataclass(frozen=True)
class Condition:
    slug: str
    label: str  # "when …", read in the back office
    holds: Callable[[Mapping], bool]


CONDITIONS: tuple[Condition, ...] = (
    Condition(ALWAYS, "Always included", lambda answers: True),
    Condition(
        "communications_only",
        "Only the communications team publishes",
        _equals("posting_model", "communications_team"),
    ),
    Condition(
        "delegates_post",
        "Trained delegates also publish",
        _equals("posting_model", "trained_delegates"),
    ),
    Condition(
        "every_post_approved", "Every post is approved", _equals("approval_model", "every_post")
    ),
    Condition(
        "risk_based_approval",
        "Only sensitive posts are approved",
        _equals("approval_model", "risk_based"),
    ),
    Condition("patient_stories", "Patients' stories are shared", _equals("patient_stories", YES)),
    Condition(
        "no_patient_stories", "Patients' stories are not shared", _equals("patient_stories", NO)
    ),
    Condition(
        "employee_advocacy",
        "Employees are encouraged to share posts",
        _equals("employee_advocacy", YES),
    ),
    Condition("physicians_post", "Physicians post publicly", _equals("physicians_post", YES)),
    Condition(
        "physicians_do_not_post",
        "Physicians do not post publicly",
        _equals("physicians_post", NO),
    ),
    Condition(
        "after_hours_monitoring", "Accounts watched after hours", _equals("after_hours", YES)
    ),
    Condition(
        "business_hours_only",
        "Accounts watched in monitoring hours only",
        _equals("after_hours", NO),
    ),
    Condition("archiving_service", "An archiving service is used", _equals("archiving", "service")),
    Condition("manual_archiving", "Content is exported by hand", _equals("archiving", "manual")),
    Condition(
        "paid_partnerships",
        "The organization pays for posts",
        _equals("paid_partnerships", YES),
    ),
    Condition(
        "no_paid_partnerships",
        "The organization does not pay for posts",
        _equals("paid_partnerships", NO),
    ),
    Condition(
        "other_languages",
        "Patients read other languages",
        _answered("other_languages"),
    ),
)
CONDITION_BY_SLUG: dict[str, Condition] = {condition.slug: condition for condition in CONDITIONS}
CONDITION_CHOICES = tuple((condition.slug, condition.label) for condition in CONDITIONS)


def condition_holds(slug: str, answers: Mapping) -> bool:
    """Whether a clause with condition `slug` belongs in a policy with these answers (an
    unknown condition never holds: a clause is left out rather than wrongly put in)."""
    condition = CONDITION_BY_SLUG.get(slug)
    return bool(condition and condition.holds(answers))


# --- checking a step's answers ------------------------------------------------------------------


def check_step(section: Section, values: Mapping) -> tuple[dict, dict[str, str]]:
    """(the step's cleaned answers, {question name: what is wrong}) for `values`, typed as the
    form gives them (text, int, "yes"/"no", a choice code; None or "" when left empty)."""
    clean: dict = {}
    errors: dict[str, str] = {}
    for question in section.questions:
        value = values.get(question.name)
        if isinstance(value, str):
            value = " ".join(value.split())  # one line, single spaces
            if question.role:
                value = role_title(value)
        if value in (None, ""):
            needed = question.required or (
                bool(question.required_when)
                and all(values.get(other) == want for other, want in question.required_when.items())
            )
            if needed:
                errors[question.name] = "Answer this question to go on."
            clean[question.name] = None if question.kind == NUMBER else ""
            continue
        problem = _problem(question, value)
        if problem:
            errors[question.name] = problem
        else:
            clean[question.name] = value
    return clean, errors


def _problem(question: Question, value) -> str:
    if question.kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            return "Give a whole number."
        if not question.minimum <= value <= question.maximum:
            return f"Give a number from {question.minimum} to {question.maximum}."
        return ""
    if question.kind == YES_NO:
        return "" if value in (YES, NO) else "Choose yes or no."
    if question.kind == CHOICE:
        return "" if value in dict(question.choices) else "Choose one of the answers."
    if not isinstance(value, str):
        return "Write a short answer."
    if len(value) > TEXT_LIMIT:
        return f"Keep this under {TEXT_LIMIT} characters."
    if TAG_LIKE.search(value):
        return "Write plain text: angle-bracket tags and {{ }} are not allowed."
    return ""


def missing_steps(answers: Mapping, steps_done) -> list[Section]:
    """The sections whose step is not done, or whose saved answers no longer pass (in order)."""
    done = set(steps_done or ())
    return [
        section
        for section in SECTIONS
        if section.slug not in done or check_step(section, answers)[1]
    ]
