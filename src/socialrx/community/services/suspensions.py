"""Suspending a member from posting (`community.moderate`): they keep reading, but
`community.post` refuses them while the suspension is in force (not lifted, and `until` absent
or ahead). Suspending and lifting are audited (`community.member.suspended`,
`community.member.unsuspended`).

- A suspension runs until lifted, or to the end of the day given (the center's calendar): from
  today to MAX_YEARS years ahead.
- A person has at most one suspension in force: the person's row is locked first, so two
  moderators suspending at once make one.
- Center staff are not suspended (they moderate), nor is the moderator themself.
- The fact "is suspended" is cached per person object for a request (`person_cache`): it is
  forgotten on the suspended person's object after each change."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import forget, require

from ..models import Suspension
from ..selectors.suspensions import in_force

SUSPENDED_FACT = "community.suspended"
REASON_LIMIT = 500
MAX_YEARS = 5  # the latest "until": this many years from today (longer: leave it empty)


def latest_until(today: date | None = None) -> date:
    """The last day a suspension may be given to run to: MAX_YEARS years from today."""
    today = today or center_today()
    try:
        return today.replace(year=today.year + MAX_YEARS)
    except ValueError:  # February 29 in a year that has none
        return today.replace(year=today.year + MAX_YEARS, day=28)


def until_refusal(until: date | None, today: date | None = None) -> str:
    """Why `until` may not end a suspension, or "" when it may (None: until lifted)."""
    if until is None:
        return ""
    today = today or center_today()
    if until < today:
        return "Choose today or a later day, or leave it empty."
    latest = latest_until(today)
    if until > latest:
        return (
            f"Choose a day at most {MAX_YEARS} years ahead (by {latest:%B} {latest.day}, "
            f"{latest.year}), or leave it empty to suspend until a moderator lifts it."
        )
    return ""


def end_of_day(day: date) -> datetime:
    """The first moment after `day` at the center (a suspension "until May 3" covers May 3)."""
    return timezone.make_aware(
        datetime.combine(day + timedelta(days=1), time.min), timezone.get_default_timezone()
    )


@transaction.atomic
def suspend(*, actor, person, reason: str, until: date | None = None) -> Suspension:
    require(actor, "community.moderate")
    given = person
    person = get_user_model().objects.select_for_update().filter(pk=person.pk).first() or person
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError("Give the reason.", field="reason")
    if len(reason) > REASON_LIMIT:
        raise DomainError(f"Keep the reason under {REASON_LIMIT} characters.", field="reason")
    if person.pk == actor.pk:
        raise DomainError("You cannot suspend yourself.", field="email")
    if person.is_staff:
        raise DomainError("Center staff are not suspended from the forums.", field="email")
    if refusal := until_refusal(until):
        raise DomainError(refusal, field="until")
    current = in_force().filter(user=person).first()
    if current is not None:
        raise Conflict(f"{person.display_name} is already suspended.", code="already_suspended")
    suspension = Suspension.objects.create(
        user=given,  # the caller's object: `lift` forgets the fact on it
        reason=reason,
        until=end_of_day(until) if until is not None else None,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="community.member.suspended",
        target=suspension,
        after={"person": person.email, "reason": reason, "until": suspension.until},
    )
    forget(person, SUSPENDED_FACT)
    forget(given, SUSPENDED_FACT)
    return suspension


@transaction.atomic
def lift(*, actor, suspension: Suspension) -> Suspension:
    require(actor, "community.moderate")
    found = (
        Suspension.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=suspension.pk)
        .first()
    )
    if found is None:
        raise NotFound("No such suspension.")
    if not in_force().filter(pk=found.pk).exists():
        raise Conflict("This suspension is no longer in force.", code="not_in_force")
    found.lifted_at, found.lifted_by = timezone.now(), actor
    found.save(update_fields=["lifted_at", "lifted_by"])
    audit.record(
        actor=actor,
        action="community.member.unsuspended",
        target=found,
        before={"person": found.user.email, "until": found.until},
        after={"lifted_at": found.lifted_at},
    )
    forget(found.user, SUSPENDED_FACT)
    forget(suspension.user, SUSPENDED_FACT)
    return found
