"""The readiness assessment over the API, mounted under /api/v1/toolkit/assessments.

- GET /questionnaire: the questions, their answers' values and points, the platforms, periods
  and staffing assumptions with their bounds. Anyone, without credentials.
- POST /: an organization's complete take (`toolkit.assess`: an org admin of a member
  organization), answered 201 with the result. Every missing or refused answer is a 422 whose
  `errors` name each one (`loc`: body, answers, the question's key); nothing is written.
- GET /{id}: a take's result (`toolkit.view_assessment`).

Authenticate with a personal API token (`Authorization: Bearer srx_…`) or a browser session
(with its CSRF token for POST). The same services and selectors as the pages."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from ninja import Router, Status
from ninja.errors import ValidationError

from socialrx.core.api_errors import documented
from socialrx.core.errors import NotFound
from socialrx.organizations.selectors import organization_for

from .api_assessment_schemas import (
    QuestionnaireOut,
    ResultOut,
    SubmissionIn,
    questionnaire,
    result_item,
)
from .assessment_answers import AnswersIncomplete
from .selectors.assessments import assessment_for, recommendations_for
from .services.assessments import StaffingRefused, submit_assessment

router = Router()

REASONS = {
    403: "You belong to the organization (or are center staff) but are not its admin, or it "
    "is not a member: only the admin of a member organization submits its assessment. Also "
    "a center account without two-factor authentication yet.",
    404: "No such organization or assessment, or not one of yours (the same answer).",
    422: "Invalid input: `errors` lists each missing or refused answer (`loc`: `body`, "
    "`answers` and the question's key; or `staffing` and the value's key) with why (`msg`), "
    "for example a cadence of more than 50 posts a day. Nothing was saved.",
}


def _created(doc: dict) -> dict:
    """`documented(...)` answering 201 instead of 200."""
    responses = dict(doc["response"])
    return {**doc, "response": {201: responses.pop(200), **responses}}


def _invalid(errors: dict[str, str], where: str, kind: str) -> ValidationError:
    return ValidationError(
        [{"type": kind, "loc": ["body", where, key], "msg": msg} for key, msg in errors.items()]
    )


@router.get(
    "/questionnaire",
    auth=None,
    **documented(QuestionnaireOut, 403),
    summary="The readiness questionnaire: sections, questions, answers and their points",
)
def get_questionnaire(request):
    return questionnaire()


@router.post(
    "/",
    **_created(documented(ResultOut, 401, 403, 404, 422, reasons=REASONS)),
    summary="Submit an organization's complete assessment (its admin, while a member)",
)
def submit(request, body: SubmissionIn):
    try:
        organization = organization_for(request.user, body.organization, "toolkit.assess")
    except NotFound:
        # 404 unless they may read its results; then they are told who submits (403).
        organization_for(request.user, body.organization, "toolkit.view_assessment")
        raise PermissionDenied(REASONS[403]) from None
    try:
        assessment = submit_assessment(
            actor=request.user,
            organization=organization,
            answers=body.answers,
            staffing=body.staffing,
        )
    except AnswersIncomplete as incomplete:
        raise _invalid(incomplete.errors, "answers", "incomplete") from incomplete
    except StaffingRefused as refused:
        raise _invalid(refused.errors, "staffing", "out_of_bounds") from refused
    recommendations = recommendations_for(
        assessment.scores,
        request.user,
        goals=assessment.answers.get("goals_focus", ()),
        platforms=assessment.staffing.get("platforms", {}),
    )
    return Status(201, result_item(assessment, recommendations))


@router.get(
    "/{assessment_id}",
    **documented(ResultOut, 401, 403, 404, 422, reasons=REASONS),
    summary="An assessment's result: scores, maturity, staffing and recommendations",
)
def result(request, assessment_id: UUID):
    assessment = assessment_for(request.user, assessment_id)
    recommendations = recommendations_for(
        assessment.scores,
        request.user,
        goals=assessment.answers.get("goals_focus", ()),
        platforms=assessment.staffing.get("platforms", {}),
    )
    return result_item(assessment, recommendations)
