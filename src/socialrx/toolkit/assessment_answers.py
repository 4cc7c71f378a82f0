"""The questionnaire's rules for answers, shared by the pages, the API and the services:
`answer_errors` says what is missing or wrong, `check_answers` keeps a whole, valid set or
raises AnswersIncomplete, `check_cadence` reads one platform's posting cadence.

Answers come from JSON as well as from forms, so a value may be of any JSON type (a list where
a number is expected, an object inside a list): each is refused with a reason, never tested for
membership before its type is known."""

from __future__ import annotations

from socialrx.core.errors import DomainError

from .assessment_questions import (
    CADENCE,
    HOURS,
    HOURS_MAX,
    MAX_POSTS,
    MULTIPLE,
    PERIOD_KEYS,
    PERIODS,
    PLATFORM_CODES,
    PLATFORM_LABELS,
    SECTION_OF,
    SECTIONS,
    SINGLE,
    Question,
    questions_of,
)


def check_cadence(code: str, entry) -> str | None:
    """Why one platform's cadence ({"count": n, "period": p}) is refused, or None."""
    name = PLATFORM_LABELS[code]
    if not isinstance(entry, dict):
        return f"{name}: give a number of posts and a period."
    count, period = entry.get("count"), entry.get("period")
    if not isinstance(period, str) or period not in PERIOD_KEYS:
        return f"{name}: the period is one of a day, a week or a month."
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        return f"{name}: give a whole number of posts, 0 or more."
    limit, per = MAX_POSTS[period], dict(PERIODS)[period]
    if count > limit:
        pace = "" if period == "day" else " (50 a day)"
        return (
            f"{name}: {count:,} posts {per} is more than any team can write, approve and "
            f"answer. Enter at most {limit:,} {per}{pace}."
        )
    return None


def _is_choice(value, question: Question) -> bool:
    """`value` is one of the question's answers: a choice is an int (points) or a str (a
    goal's key), so anything else (a list, an object, true) is not, whatever it equals."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    return value in {choice for choice, _ in question.choices}


def _answer_error(question: Question, value) -> str | None:
    """Why `value` is not an answer to `question`, or None."""
    if question.kind == SINGLE:
        if not _is_choice(value, question):
            return "Choose one of the answers."
    elif question.kind == MULTIPLE:
        if (
            not isinstance(value, list)
            or not value
            or not all(_is_choice(v, question) for v in value)
        ):
            return "Tick at least one of the listed goals."
    elif question.kind == HOURS:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= HOURS_MAX:
            return f"Give a whole number of hours from 0 to {HOURS_MAX}."
    elif question.kind == CADENCE:
        if not isinstance(value, dict) or set(value) - set(PLATFORM_CODES):
            return "Give the posts for the listed platforms only."
        for code, entry in value.items():
            error = check_cadence(code, entry)
            if error:
                return error
        if not any(entry["count"] > 0 for entry in value.values()):
            return "Enter how often you post on at least one platform."
    return None


def answer_errors(answers: dict, version: str) -> dict[str, str]:
    """{question key: why} for the questions of `version` unanswered or answered wrongly."""
    errors: dict[str, str] = {}
    for question in questions_of(version):
        if answers.get(question.key) in (None, "", [], {}):
            errors[question.key] = (
                "Enter how often you post on at least one platform."
                if question.kind == CADENCE
                else "Answer this question."
            )
            continue
        error = _answer_error(question, answers[question.key])
        if error:
            errors[question.key] = error
    return errors


class AnswersIncomplete(DomainError):
    """Refused: `errors` maps each missing or wrong answer's question key to what to say."""

    status_code = 422

    def __init__(self, errors: dict[str, str]):
        steps = sorted({SECTIONS.index(SECTION_OF[key]) + 1 for key in errors})
        where = ", ".join(str(step) for step in steps)
        super().__init__(
            f"{len(errors)} answer{'s are' if len(errors) != 1 else ' is'} missing or not "
            f"valid (step{'s' if len(steps) != 1 else ''} {where}): nothing was saved.",
            code="incomplete",
        )
        self.errors = errors


def check_answers(answers: dict, version: str) -> dict:
    """The answers of `version`'s questions, once every one is there and valid (others are
    dropped); raises AnswersIncomplete otherwise."""
    if not isinstance(answers, dict):
        raise AnswersIncomplete({q.key: "Answer this question." for q in questions_of(version)})
    errors = answer_errors(answers, version)
    if errors:
        raise AnswersIncomplete(errors)
    kept = {q.key: answers[q.key] for q in questions_of(version)}
    if "goals_focus" in kept:
        kept["goals_focus"] = list(dict.fromkeys(kept["goals_focus"]))
    if "platforms" in kept:
        kept["platforms"] = {
            code: dict(kept["platforms"][code])
            for code in PLATFORM_CODES
            if code in kept["platforms"] and kept["platforms"][code]["count"] > 0
        }
    return kept
