"""What every change of an on-site request leaves behind: a step on its timeline, an audit
event and an email to the other side (center staff when the organization acted, the
organization's admins when the center did), each with a link to the request."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.money import format_cents
from socialrx.organizations.models import OrgRole, Seat

from ..models import OnsiteRequest, OnsiteStep
from ..models.onsite import OnsiteEvent

STAFF, ORGANIZATION = "staff", "organization"


def center_zone():
    return timezone.get_default_timezone()


def session_when(onsite: OnsiteRequest) -> str:
    """ "Tuesday, March 3, 2026, 9:00 AM – 3:00 PM CST", in the center's zone ("" without one)."""
    if onsite.starts_at is None or onsite.ends_at is None:
        return ""
    starts = timezone.localtime(onsite.starts_at, center_zone())
    ends = timezone.localtime(onsite.ends_at, center_zone())
    return (
        f"{starts:%A, %B} {starts.day}, {starts.year}, {_clock(starts)} – {_clock(ends)} "
        f"{ends.tzname()}"
    )


def session_date(onsite: OnsiteRequest) -> str:
    """ "Mar 3, 2026": the session's day at the center."""
    starts = timezone.localtime(onsite.starts_at, center_zone())
    return f"{starts:%b} {starts.day}, {starts.year}"


def _clock(moment) -> str:
    return f"{moment.hour % 12 or 12}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"


def person_name(person) -> str:
    if person is None:
        return "SocialRx (automatic)"
    return person.full_name or person.email


def staff_emails() -> list[str]:
    users = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
    return list(users.values_list("email", flat=True))


def admin_emails(organization) -> list[str]:
    seats = Seat.objects.filter(
        organization=organization, role=OrgRole.ADMIN, user__is_active=True
    ).order_by("user__email")
    return list(seats.values_list("user__email", flat=True))


def add_step(onsite: OnsiteRequest, *, actor, event: str, note: str = "") -> OnsiteStep:
    return OnsiteStep.objects.create(
        request=onsite,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        status=onsite.status,
        event=event,
        note=note,
    )


def record(onsite: OnsiteRequest, *, actor, verb: str, before: dict, after: dict) -> None:
    audit.record(
        actor=actor,
        action=f"training.onsite.{verb}",
        target=onsite,
        before=before,
        after={"status": onsite.status, **after},
    )


def notify(onsite: OnsiteRequest, *, side: str, event: str, actor, note: str = "") -> None:
    """Email `side` ("staff" or "organization") that `event` happened, with a link."""
    if side == STAFF:
        to = staff_emails()
        path = reverse("training:staff_onsite_detail", args=[onsite.public_id])
    else:
        to = admin_emails(onsite.organization)
        path = reverse("training:onsite_detail", args=[onsite.public_id])
    if not to:
        return
    queue_templated_email(
        to=to,
        template="training/email/onsite_update",
        context={
            "onsite": onsite,
            "organization": onsite.organization,
            "side": side,
            "event": event,
            "event_label": OnsiteEvent(event).label,
            "by": person_name(actor if getattr(actor, "is_authenticated", False) else None),
            "note": note,
            "when": session_when(onsite),
            "trainers": ", ".join(person_name(t) for t in onsite.trainers.all()),
            "quote": format_cents(onsite.quote_cents) if onsite.quote_cents else "",
            "link": settings.SITE_URL.rstrip("/") + path,
        },
        triggered_by=actor,
    )


def step(
    onsite: OnsiteRequest,
    *,
    actor,
    event: str,
    verb: str,
    before: dict,
    after: dict | None = None,
    note: str = "",
    email_note: str | None = None,
    tell: str,
) -> OnsiteStep:
    """All three at once: the timeline step, the audit event, the email to `tell` (which says
    `email_note` when the step's note only repeats what the email already lists)."""
    added = add_step(onsite, actor=actor, event=event, note=note)
    record(onsite, actor=actor, verb=verb, before=before, after=after or {})
    notify(
        onsite, side=tell, event=event, actor=actor, note=note if email_note is None else email_note
    )
    return added
