"""The answers of a full assessment in progress, kept in the person's session between steps
(nothing is written to the database before the whole questionnaire is submitted). One draft
per organization; a new take starts from the organization's latest answers, so retaking is a
matter of changing what changed."""

from __future__ import annotations

from .assessment_answers import answer_errors
from .assessment_questions import FULL, SECTIONS
from .models import Assessment

PREFIX = "toolkit.assessment."


def _key(organization) -> str:
    return f"{PREFIX}{organization.public_id}"


def draft_answers(request, organization) -> dict | None:
    """The draft's answers, or None when no take is in progress."""
    draft = request.session.get(_key(organization))
    return dict(draft["answers"]) if draft else None


def start_answers(request, organization) -> dict:
    """The draft's answers; without a draft, a new one from the latest take's answers."""
    answers = draft_answers(request, organization)
    if answers is not None:
        return answers
    latest = (
        Assessment.objects.filter(organization=organization)
        .order_by("-taken_at", "-id")
        .values_list("answers", flat=True)
        .first()
    )
    answers = dict(latest or {})
    save_answers(request, organization, answers)
    return answers


def save_answers(request, organization, answers: dict) -> None:
    request.session[_key(organization)] = {"answers": answers}


def forget(request, organization) -> None:
    request.session.pop(_key(organization), None)


def first_incomplete_step(answers: dict) -> int | None:
    """The first step (1-based) with a missing or invalid answer, or None."""
    errors = answer_errors(answers, FULL)
    for number, section in enumerate(SECTIONS, start=1):
        if any(q.key in errors for q in section.questions):
            return number
    return None


def steps_done(answers: dict) -> list[bool]:
    """For each step, whether all its answers are there and valid."""
    errors = answer_errors(answers, FULL)
    return [not any(q.key in errors for q in s.questions) for s in SECTIONS]
