"""Toolkit's permission-matrix rows for the readiness assessment (merged in matrix_rows.py).
Organization A is made a member for the cases that need it; it holds one saved take.

- The start page and the short version: everyone (nothing is stored).
- The full version's steps: org A's admin; org A's member and center staff, who may read its
  results, are told who takes it (403); everyone else 404.
- A take's result, its PDF and org A's history: org A's people and center staff; 404 for the
  others. Recalculating the staffing (nothing saved): the same readers. Saving it: org A's
  admin (403 for the other readers).
- API: the questionnaire for anyone; a submission needs a JSON body (form data is refused,
  400, once signed in); a result for org A's people and staff."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    ORG_A_VIEWERS,
    POST_ONLY_GET,
    PUBLIC,
    STAFF,
    UNAUTHORIZED,
    Case,
    api_cases,
    fixed,
    get,
    only,
    post,
    roles,
    signed_in,
    status,
)

API = "/api/v1/toolkit/assessments"
SHORT_ANSWERS = {
    "goals_written": "3",
    "leadership_sponsor": "2",
    "policy_status": "0",
    "review_legal": "1",
    "leadership_budget": "4",
    "people_owner": "4",
    "people_training": "0",
    "review_privacy": "0",
    "measure_tracking": "2",
    "measure_reporting": "1",
}


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def assess_membership(self):
        from tests.toolkit.factories import make_check_member  # noqa: PLC0415 - only when a case needs it

        return make_check_member(self.org_a)

    @cached_property
    def assess_take(self):
        from tests.toolkit.factories import make_assessment  # noqa: PLC0415

        self.assess_membership  # noqa: B018 - org A is a member when it takes the assessment
        return make_assessment(self.org_a, taken_by=self.admin_a)


def _step(world) -> str:
    world.assess_membership  # noqa: B018
    return reverse("toolkit:assessment_step", args=[world.org_a.public_id, 1])


def _take_url(name: str):
    return lambda world: reverse(name, args=[world.assess_take.public_id])


def _history(world) -> str:
    world.assess_membership  # noqa: B018
    return reverse("toolkit:assessment_history", args=[world.org_a.public_id])


def _staffing(world, **changes) -> dict:
    from socialrx.toolkit.forms_assessments import staffing_initial  # noqa: PLC0415

    data = {k: str(v) for k, v in staffing_initial(world.assess_take.staffing).items()}
    return data | {"fte_hours": "36"} | changes


def _staffing_saved(world) -> bool:
    world.assess_take.refresh_from_db()
    return world.assess_take.staffing["fte_hours"] == 36


def _first_step_answers(world) -> dict:
    return {
        "goals_focus": ["recruitment"],
        "goals_written": "3",
        "goals_audience": "2",
        "goals_plan": "2",
        "next": "1",
    }


STEP_TAKERS = roles(NOT_FOUND, visitor=LOGIN, admin_a=ALLOW, member_a=FORBIDDEN, staff=FORBIDDEN)
STEP_ACTION = roles(NOT_FOUND, visitor=LOGIN, admin_a=DONE, member_a=FORBIDDEN, staff=FORBIDDEN)
SAVE_ACTION = only(ADMIN_A, MEMBER_A, STAFF, grant=DONE, deny=NOT_FOUND) | {
    MEMBER_A: FORBIDDEN,
    STAFF: FORBIDDEN,
}
READERS_API = ORG_A_VIEWERS | {"visitor": UNAUTHORIZED}
FORM_DATA_REFUSED = signed_in(status(400), visitor=UNAUTHORIZED)

ROWS: dict[str, tuple[Case, ...]] = {
    "toolkit:assessment": (
        get(fixed("/toolkit/assessment/"), PUBLIC),
        post(
            fixed("/toolkit/assessment/"),
            PUBLIC,
            label="POST the short version",
            data=lambda world: SHORT_ANSWERS,
        ),
    ),
    "toolkit:assessment_step": (
        get(_step, STEP_TAKERS),
        post(_step, STEP_ACTION, label="POST step 1", data=_first_step_answers),
    ),
    "toolkit:assessment_history": (get(_history, ORG_A_VIEWERS),),
    "toolkit:assessment_result": (get(_take_url("toolkit:assessment_result"), ORG_A_VIEWERS),),
    "toolkit:assessment_pdf": (get(_take_url("toolkit:assessment_pdf"), ORG_A_VIEWERS),),
    "toolkit:assessment_staffing": (
        get(_take_url("toolkit:assessment_staffing"), POST_ONLY_GET),
        post(
            _take_url("toolkit:assessment_staffing"),
            ORG_A_VIEWERS,
            label="POST recalculate",
            data=lambda world: _staffing(world, recalculate="1"),
            effect=_staffing_saved,
            effect_roles=frozenset(),
        ),
        post(
            _take_url("toolkit:assessment_staffing"),
            SAVE_ACTION,
            label="POST save",
            data=lambda world: _staffing(world, save="1"),
            effect=_staffing_saved,
        ),
    ),
}


def _api_take(world) -> str:
    return f"{API}/{world.assess_take.public_id}"


API_ROWS: dict[str, tuple[Case, ...]] = {
    f"GET {API}/questionnaire": (
        get(fixed(f"{API}/questionnaire"), PUBLIC, label="session"),
        get(fixed(f"{API}/questionnaire"), roles(ALLOW), label="bearer token", bearer=True),
    ),
    f"POST {API}/": (
        post(
            fixed(f"{API}/"),
            FORM_DATA_REFUSED,
            label="session, form data",
            data=lambda world: {"organization": str(world.org_a.public_id)},
        ),
        post(
            fixed(f"{API}/"),
            FORM_DATA_REFUSED,
            label="bearer token, form data",
            data=lambda world: {"organization": str(world.org_a.public_id)},
            bearer=True,
        ),
    ),
    f"GET {API}/<assessment_id>": api_cases(_api_take, READERS_API),
}
