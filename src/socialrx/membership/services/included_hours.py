"""Recording the use of a plan's included coaching hours (see models.included_hours). The
selling app calls this inside its own transaction; the membership row (only that row: never
the organization's, which other services lock first) is locked here, so two uses never both
take the last hour, and the minutes left are read after the lock."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db import transaction

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict
from socialrx.organizations.models import Organization

from ..models import IncludedHoursUse, Membership
from ..selectors import current_period_start, included_minutes_remaining


def _locked_membership(organization: Organization) -> Membership | None:
    return (
        Membership.objects.select_for_update(of=("self",))
        .filter(organization=organization)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def take_included_minutes(
    organization: Organization,
    wanted: int,
    *,
    on_day: date | None = None,
    source_kind: str,
    source_public_id: UUID,
    note: str = "",
    actor=None,
) -> int:
    """Count up to `wanted` minutes of the organization's included hours as used by one thing,
    in the membership year holding `on_day` (the day the hours were used; default today), and
    return how many were counted: fewer when the year has fewer left, 0 without benefits that
    day. A thing is counted once: a second call for it is refused."""
    if wanted <= 0:
        return 0
    on_day = on_day or center_today()
    membership = _locked_membership(organization)
    if membership is None:
        return 0
    period_start = current_period_start(organization, today=on_day)
    taken = min(wanted, included_minutes_remaining(organization, today=on_day))
    if period_start is None or taken <= 0:
        return 0
    if IncludedHoursUse.objects.filter(
        source_kind=source_kind, source_public_id=source_public_id
    ).exists():
        raise Conflict("These hours were already counted.")
    use = IncludedHoursUse.objects.create(
        membership=membership,
        period_starts_on=period_start,
        minutes=taken,
        source_kind=source_kind,
        source_public_id=source_public_id,
        note=note[:200],
    )
    audit.record(
        actor=actor,
        action="membership.included_hours.used",
        target=membership,
        after={
            "minutes": taken,
            "period_starts_on": period_start,
            "source": f"{source_kind}:{source_public_id}",
        },
    )
    return use.minutes


def use_included_minutes(
    organization: Organization,
    minutes: int,
    *,
    source_kind: str,
    source_public_id: UUID,
    note: str = "",
    actor=None,
) -> int:
    """Count exactly `minutes` of this year's included hours, or refuse (nothing written)."""
    if minutes <= 0:
        raise ValueError("minutes must be positive")
    with transaction.atomic():
        membership = _locked_membership(organization)
        if membership is None or current_period_start(organization) is None:
            raise Conflict(
                f"{organization} has no membership year to count included hours against."
            )
        left = included_minutes_remaining(organization)
        if minutes > left:
            raise Conflict(
                f"{organization} has {left} included minutes left this membership year, "
                f"not {minutes}."
            )
        return take_included_minutes(
            organization,
            minutes,
            source_kind=source_kind,
            source_public_id=source_public_id,
            note=note,
            actor=actor,
        )
