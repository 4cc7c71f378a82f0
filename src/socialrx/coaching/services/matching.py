"""Staff assign a coach to a submitted needs assessment (`coaching.assign_coach`).

- Only a submitted assessment, or one already assigned (a reassignment), takes a coach; a
  draft is refused (`Conflict`): the organization has not sent it yet.
- The coach is an active `is_coach` person with a profile; assigning the coach it already has
  is refused, so a double click sends one set of emails.
- The intake row is locked first; status, `assigned_by` and `assigned_at` are written with the
  coach, and the change is audited (`coaching.intake.coach_assigned`, the previous coach in
  `before`).
- The coach is emailed the summary's link (with staff's note, if any), the organization's
  admins are told who their coach is, and on a reassignment the previous coach is told the
  assessment has moved on."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..links import absolute_page
from ..models import CoachProfile, Intake, IntakeStatus
from ..recipients import org_admin_emails
from ..selectors.intakes import summary

NOTE_LIMIT = 2_000
TEMPLATES = "coaching/email/"


class NotSubmitted(Conflict):
    def __init__(self):
        super().__init__(
            "This needs assessment is still a draft: a coach can be assigned once the "
            "organization submits it.",
            code="not_submitted",
        )


def _name(user) -> str:
    return (user.full_name or user.email) if user is not None else ""


def _check_coach(coach) -> CoachProfile:
    profile = CoachProfile.objects.filter(user_id=getattr(coach, "pk", None)).first()
    if profile is None or not (coach.is_active and coach.is_coach):
        raise DomainError(
            "Choose an active coach who has a coaching profile.", field="coach", code="not_coach"
        )
    return profile


@transaction.atomic(durable=True)
def assign_coach(*, actor, intake: Intake, coach, note: str = "") -> Intake:
    """Make `coach` the intake's coach (the rules are in the module's docstring)."""
    require(actor, "coaching.assign_coach")
    intake = (
        Intake.objects.select_for_update(of=("self",))
        .select_related("organization", "assigned_coach")
        .get(pk=intake.pk)
    )
    if intake.status not in (IntakeStatus.SUBMITTED, IntakeStatus.ASSIGNED):
        raise NotSubmitted()
    profile = _check_coach(coach)
    if intake.assigned_coach_id == coach.pk:
        raise Conflict(f"{_name(coach)} is already this assessment’s coach.", code="same_coach")
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise DomainError(f"Keep the note under {NOTE_LIMIT:,} characters.", field="note")
    previous = intake.assigned_coach
    before = {
        "status": intake.status,
        "assigned_coach": previous.email if previous else "",
    }
    intake.status = IntakeStatus.ASSIGNED
    intake.assigned_coach = coach
    intake.assigned_by = actor
    intake.assigned_at = timezone.now()
    intake.save(
        update_fields=["status", "assigned_coach", "assigned_by", "assigned_at", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="coaching.intake.coach_assigned",
        target=intake,
        before=before,
        after={"status": intake.status, "assigned_coach": coach.email, "note": note},
    )
    _send_emails(intake, profile=profile, previous=previous, note=note, actor=actor)
    return intake


def _send_emails(intake: Intake, *, profile: CoachProfile, previous, note: str, actor) -> None:
    context = {
        "intake": intake,
        "organization": intake.organization.name,
        "coach_name": _name(profile.user),
        "headline": profile.headline,
        "assigned_by": _name(actor),
        "note": note,
        "summary": summary(intake),
        "intake_url": absolute_page("coaching:intake", intake.public_id),
        "coach_url": absolute_page("coaching:coach", profile.slug) if profile.is_listed else "",
        "site_url": settings.SITE_URL,
    }
    queue_templated_email(
        to=[profile.user.email],
        template=TEMPLATES + "coach_assigned",
        context=context,
        triggered_by=actor,
    )
    admins = org_admin_emails(intake.organization)
    if admins:
        queue_templated_email(
            to=admins,
            template=TEMPLATES + "coach_assigned_org",
            context=context,
            triggered_by=actor,
        )
    if previous is not None and previous.email:
        queue_templated_email(
            to=[previous.email],
            template=TEMPLATES + "coach_assigned_away",
            context=context | {"previous_name": _name(previous)},
            triggered_by=actor,
        )
