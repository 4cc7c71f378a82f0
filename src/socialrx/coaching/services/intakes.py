"""The needs assessment an organization's admin fills (`coaching.fill_intake` to start one,
`coaching.edit_intake` to save or submit it).

- An organization has at most one draft at a time: starting again returns the open draft.
- A draft is saved as often as needed with whatever answers are valid: nothing is required
  yet. Draft saves are not audited: they are working notes, overwritten at will, and the
  submission's audit row records the whole assessment as it was sent.
- Submitting needs the answers a coach cannot start without (`REQUIRED`); a refused submission
  changes nothing (`IntakeIncomplete` lists every missing answer). Submitted once: the row is
  locked first, so a double click submits once and the second answers `Conflict`, as does any
  later save or submission.
- A submission is audited (`coaching.intake.submitted`) and emailed to center staff, who assign
  a coach."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require
from socialrx.organizations.models import Organization

from ..links import absolute_page
from ..models import Goal, Intake, IntakeStatus, PolicyStatus
from ..recipients import staff_emails
from ..selectors.intakes import summary

TEXT_FIELDS = (
    "goals_detail",
    "audience",
    "approval_process",
    "legal_concerns",
    "it_concerns",
    "leadership_concerns",
    "anything_else",
)
PLATFORM_FIELDS = ("platforms_in_use", "platforms_planned")
SCALAR_FIELDS = ("goals", *TEXT_FIELDS, "people_available", "hours_per_week", "policy_status")
TEXT_LIMIT = 2_000
PEOPLE_RANGE = (1, 500)
HOURS_RANGE = (Decimal("0.5"), Decimal("168"))  # a week holds 168 hours

# The answers a coach needs before the first conversation, with what to say when one is missing.
REQUIRED = {
    "goals": "Choose at least one goal.",
    "platforms": "Tick at least one platform you use or plan to use.",
    "audience": "Say who you want to reach.",
    "people_available": "Say how many people will work on social media.",
    "hours_per_week": "Say how many hours a week they have for it.",
    "policy_status": "Say whether you have a social media policy.",
}

AUDITED_FIELDS = ("status", *SCALAR_FIELDS, "submitted_at")


class IntakeIncomplete(DomainError):
    """Submission refused: `errors` maps each missing answer's field to what to say."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(
            "Some answers are still missing: the assessment is saved as a draft.",
            code="incomplete",
        )
        self.errors = errors


class AlreadySubmitted(Conflict):
    def __init__(self):
        super().__init__(
            "This needs assessment was already submitted to the center and can no longer be "
            "changed. Write to your coach (or the center) to add anything.",
            code="already_submitted",
        )


def check_values(data: dict) -> None:
    """The bounds of each answer (the form shows the same ones beside its fields)."""
    unknown = [value for value in data.get("goals", ()) if value not in Goal.values]
    if unknown:
        raise DomainError("Choose goals from the list.", field="goals")
    for name in TEXT_FIELDS:
        if len(data.get(name) or "") > TEXT_LIMIT:
            raise DomainError(f"Keep this under {TEXT_LIMIT:,} characters.", field=name)
    people = data.get("people_available")
    if people is not None and not PEOPLE_RANGE[0] <= people <= PEOPLE_RANGE[1]:
        raise DomainError("Give a number of people from 1 to 500.", field="people_available")
    hours = data.get("hours_per_week")
    if hours is not None and not (
        HOURS_RANGE[0] <= hours <= HOURS_RANGE[1] and hours == round(hours, 1)
    ):
        raise DomainError(
            "Give hours a week from 0.5 to 168, with at most one decimal.", field="hours_per_week"
        )
    if data.get("policy_status") not in (None, "", *PolicyStatus.values):
        raise DomainError("Choose one of the answers.", field="policy_status")


def missing_answers(intake: Intake) -> dict[str, str]:
    """The `REQUIRED` answers the saved intake lacks (field -> message), in form order."""
    has = {
        "goals": bool(intake.goals),
        "platforms": intake.platforms_in_use.exists() or intake.platforms_planned.exists(),
        "audience": bool(intake.audience.strip()),
        "people_available": intake.people_available is not None,
        "hours_per_week": intake.hours_per_week is not None,
        "policy_status": bool(intake.policy_status),
    }
    return {name: message for name, message in REQUIRED.items() if not has[name]}


def _locked(intake: Intake) -> Intake:
    return (
        Intake.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=intake.pk)
    )


def _apply(intake: Intake, data: dict) -> None:
    """Write the answers present in `data` (a partial draft leaves the others as they were)."""
    check_values(data)
    changed = []
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            if name in TEXT_FIELDS or name == "policy_status":
                value = (value or "").strip()
            if name == "goals":
                value = list(dict.fromkeys(value or ()))  # in the order ticked, once each
            setattr(intake, name, value)
            changed.append(name)
    intake.save(update_fields=[*changed, "updated_at"])
    for name in PLATFORM_FIELDS:
        if name in data:
            getattr(intake, name).set(list(data[name] or ()))


@transaction.atomic(durable=True)
def start_intake(*, actor, organization: Organization) -> Intake:
    """A new draft for the organization, or the draft it already has open."""
    require(actor, "coaching.fill_intake", organization)
    # The organization's row serialises two "Start" clicks, so they make one draft.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    draft = Intake.objects.filter(organization=organization, status=IntakeStatus.DRAFT).first()
    if draft is not None:
        return draft
    intake = Intake.objects.create(organization=organization, created_by=actor)
    audit.record(
        actor=actor,
        action="coaching.intake.started",
        target=intake,
        after={"organization": organization.name},
    )
    return intake


@transaction.atomic(durable=True)
def save_draft(*, actor, intake: Intake, data: dict) -> Intake:
    """Save the given answers; nothing is required yet. Refused once submitted."""
    require(actor, "coaching.edit_intake", intake)
    intake = _locked(intake)
    if intake.status != IntakeStatus.DRAFT:
        raise AlreadySubmitted()
    _apply(intake, data)
    return intake


@transaction.atomic(durable=True)
def submit_intake(*, actor, intake: Intake, data: dict) -> Intake:
    """Save the given answers and send the assessment to the center, once. Refused (nothing
    written) when a required answer is missing or it was already submitted."""
    require(actor, "coaching.edit_intake", intake)
    intake = _locked(intake)
    if intake.status != IntakeStatus.DRAFT:
        raise AlreadySubmitted()
    _apply(intake, data)
    missing = missing_answers(intake)
    if missing:
        raise IntakeIncomplete(missing)  # rolls the answers back with the transaction
    intake.status = IntakeStatus.SUBMITTED
    intake.submitted_by = actor
    intake.submitted_at = timezone.now()
    intake.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    after = audit.snapshot(intake, list(AUDITED_FIELDS))
    after |= {name: [p.code for p in getattr(intake, name).all()] for name in PLATFORM_FIELDS}
    audit.record(
        actor=actor,
        action="coaching.intake.submitted",
        target=intake,
        before={"status": IntakeStatus.DRAFT},
        after=after,
    )
    _tell_staff(intake, actor)
    return intake


def _assign_url(intake: Intake) -> str:
    """Staff's assign page (the coaches area's route), else the summary page."""
    summary_path = reverse("coaching:intake", args=[intake.public_id])
    return absolute_page("coaching:staff_assign", intake.public_id, fallback=summary_path)


def _tell_staff(intake: Intake, actor) -> None:
    recipients = staff_emails()
    if not recipients:
        return
    queue_templated_email(
        to=recipients,
        template="coaching/email/intake_submitted",
        context={
            "intake": intake,
            "summary": summary(intake),
            "submitted_by": actor.full_name or actor.email,
            "assign_url": _assign_url(intake),
            "site_url": settings.SITE_URL,
        },
        triggered_by=actor,
    )


__all__ = [
    "HOURS_RANGE",
    "PEOPLE_RANGE",
    "REQUIRED",
    "TEXT_LIMIT",
    "AlreadySubmitted",
    "IntakeIncomplete",
    "check_values",
    "missing_answers",
    "save_draft",
    "start_intake",
    "submit_intake",
]
