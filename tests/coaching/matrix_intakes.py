"""Coaching's permission-matrix rows for the needs assessments (merged in matrix_rows.py): the
list (every signed-in person; it explains itself to those who administer nothing), starting one
(org A's admin; a member or staff is told no, others find nothing), the form (the admin; staff
may read it but not edit it), and the summary (the admin, the assigned coach, staff)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    POST_ONLY_GET,
    Case,
    get,
    post,
    roles,
    signed_in,
)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def intake_draft(self):
        """Org A's draft, started by its admin."""
        from socialrx.coaching.services.intakes import start_intake  # noqa: PLC0415 - only when a case needs it

        return start_intake(actor=self.admin_a, organization=self.org_a)

    @cached_property
    def intake_submitted(self):
        """Org A's submitted assessment, with the world's coach assigned to it."""
        from decimal import Decimal  # noqa: PLC0415

        from socialrx.coaching.models import Intake, IntakeStatus  # noqa: PLC0415
        from socialrx.taxonomy.models import Platform  # noqa: PLC0415

        intake = Intake.objects.create(
            organization=self.org_a,
            status=IntakeStatus.ASSIGNED,
            goals=["patient_education"],
            audience="Parents of young children",
            people_available=2,
            hours_per_week=Decimal("6.0"),
            policy_status="none",
            created_by=self.admin_a,
            submitted_by=self.admin_a,
            assigned_coach=self._fixture("coach"),
        )
        intake.platforms_in_use.set(Platform.objects.filter(code="facebook"))
        return intake


def _organization_a(world) -> dict:
    return {"organization": str(world.org_a.public_id)}


def _started(world) -> bool:
    from socialrx.coaching.models import Intake  # noqa: PLC0415

    return Intake.objects.filter(organization=world.org_a).exists()


def _edit_draft(world) -> str:
    return reverse("coaching:intake_edit", args=[world.intake_draft.public_id])


def _edit_submitted(world) -> str:
    return reverse("coaching:intake_edit", args=[world.intake_submitted.public_id])


def _summary(world) -> str:
    return reverse("coaching:intake", args=[world.intake_submitted.public_id])


def _draft_answers(world) -> dict:
    return {"save": "1", "audience": "Matrix audience"}


def _saved(world) -> bool:
    world.intake_draft.refresh_from_db()
    return world.intake_draft.audience == "Matrix audience"


# Starting: org A's admin; a member of org A and staff know the organization (403, with why);
# for anyone else it does not exist (404).
START = roles(NOT_FOUND, visitor=LOGIN, admin_a=DONE, member_a=FORBIDDEN, staff=FORBIDDEN)
# The form: org A's admin; staff (who read every assessment) are refused editing; the rest 404.
EDIT = roles(NOT_FOUND, visitor=LOGIN, admin_a=ALLOW, staff=FORBIDDEN)
EDIT_ACTION = roles(NOT_FOUND, visitor=LOGIN, admin_a=DONE, staff=FORBIDDEN)
# A submitted one's form: the admin is sent to the summary; its coach and staff may read it
# but not edit it.
EDIT_SUBMITTED = roles(NOT_FOUND, visitor=LOGIN, admin_a=DONE, coach=FORBIDDEN, staff=FORBIDDEN)
READERS = roles(NOT_FOUND, visitor=LOGIN, admin_a=ALLOW, coach=ALLOW, staff=ALLOW)

ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:intakes": (get(lambda world: reverse("coaching:intakes"), signed_in(ALLOW)),),
    "coaching:intake_new": (
        get(lambda world: reverse("coaching:intake_new"), POST_ONLY_GET),
        post(
            lambda world: reverse("coaching:intake_new"),
            START,
            data=_organization_a,
            effect=_started,
        ),
    ),
    "coaching:intake_edit": (
        get(_edit_draft, EDIT, label="GET draft"),
        post(_edit_draft, EDIT_ACTION, label="POST save draft", data=_draft_answers, effect=_saved),
        get(_edit_submitted, EDIT_SUBMITTED, label="GET submitted"),
    ),
    "coaching:intake": (get(_summary, READERS),),
}
