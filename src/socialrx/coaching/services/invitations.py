"""The calendar invitations of a session, emailed to both sides after every change.

Who: the coach and the person who booked. They are the two who meet, so the invitation puts
the session in their own calendars and keeps it there as it moves; an org admin who does not
attend would get a calendar entry they never asked for (they follow sessions on the
engagement page and are warned about hours by `services.hours`). Staff booking for an
organization are the booker and receive it to forward.

How: one task per person, queued after commit with ids only (`tasks.email_session_invitation`);
the task reloads the session and writes the email on that person's own clock
(`User.time_zone`) with the .ics attached as `text/calendar; method=REQUEST` (or CANCEL). A
task whose session has changed again since (its SEQUENCE moved on) sends nothing: the newer
change sends its own invitation."""

from __future__ import annotations

from datetime import datetime
from email.mime.text import MIMEText

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from socialrx.core.email import single_line

from ..calendars import (
    describe_moment,
    describe_session_time,
    free_until,
    invitation,
    policy_sentence,
    session_url,
    summary,
)
from ..models import CoachingSession, SessionStatus
from ..selectors.coaches import coach_zone

TEMPLATES = "coaching/email/session_"
# The change an email tells of, and the METHOD of the invitation it carries.
KINDS = {"booked": "REQUEST", "rescheduled": "REQUEST", "cancelled": "CANCEL"}


def recipients(session: CoachingSession) -> list:
    """The coach and the booker, once each (a staff member booking their own coaching)."""
    people = {}
    for person in (session.coach, session.booked_by):
        people.setdefault(person.pk, person)
    return list(people.values())


def send_on_commit(
    session: CoachingSession,
    *,
    kind: str,
    actor=None,
    previous_starts_at: datetime | None = None,
) -> None:
    """After the transaction commits, email each side the invitation of this change."""
    from ..tasks import email_session_invitation  # noqa: PLC0415 - the task imports this module: a top-level import would be a cycle

    method = KINDS[kind]
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    previous = previous_starts_at.isoformat() if previous_starts_at else ""
    for person in recipients(session):
        arguments = {
            "session_id": session.pk,
            "person_id": person.pk,
            "kind": kind,
            "method": method,
            "sequence": session.sequence,
            "previous_starts_at": previous,
            "triggered_by_id": actor_id,
        }
        transaction.on_commit(
            lambda arguments=arguments: email_session_invitation.delay(**arguments)
        )


def _context(session: CoachingSession, person, kind: str, previous: str) -> dict:
    zone_name = person.time_zone
    is_coach = person.pk == session.coach_id
    other = session.booked_by if is_coach else session.coach
    return {
        "session": session,
        "engagement": session.engagement,
        "organization": session.engagement.organization,
        "person": person,
        "is_coach": is_coach,
        "other": other,
        "when": describe_session_time(session, zone_name),
        "previously": (
            describe_moment(datetime.fromisoformat(previous), zone_name) if previous else ""
        ),
        "free_until": describe_moment(free_until(session), zone_name),
        "late": session.status == SessionStatus.LATE_CANCELLED,
        "cancelled_by": session.cancelled_by,
        "coach_zone": coach_zone(session.coach) if not is_coach else "",
        "summary": summary(session),
        "session_url": session_url(session),
        "policy": policy_sentence(),
        "site_url": settings.SITE_URL,
        "free_hours": settings.COACHING_FREE_CANCEL_HOURS,
        "kind": kind,
    }


def _calendar_part(session: CoachingSession, method: str) -> MIMEText:
    part = MIMEText(invitation(session, method=method).decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def invitation_message(
    *,
    session_id: int,
    person_id: int,
    kind: str,
    method: str,
    sequence: int,
    previous_starts_at: str = "",
) -> EmailMultiAlternatives | None:
    """One person's email of a change to the session, or None when the session or person is
    gone, or the session has changed again since (see the module's docstring)."""
    if KINDS.get(kind) != method:
        return None
    session = (
        CoachingSession.objects.select_related(
            "engagement__organization", "coach", "booked_by", "cancelled_by"
        )
        .filter(pk=session_id)
        .first()
    )
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if session is None or person is None or session.sequence != sequence:
        return None
    if person.pk not in (session.coach_id, session.booked_by_id):
        return None
    template = TEMPLATES + kind
    context = _context(session, person, kind, previous_starts_at)
    message = EmailMultiAlternatives(
        subject=single_line(render_to_string(f"{template}_subject.txt", context)),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.attach(_calendar_part(session, method))
    return message
