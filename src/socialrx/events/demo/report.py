"""What `socialrx seed-demo` prints under "Events": the three events with their addresses,
places, waitlist, attendance and the agenda feed to subscribe to."""

from __future__ import annotations

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from socialrx.core.money import format_cents
from socialrx.training.models import Certificate, CertificateKind

from ..calendars import describe_moment, describe_span
from ..models import (
    AgendaFeed,
    Attendee,
    CheckIn,
    Event,
    Session,
    SessionSpeaker,
    StarredSession,
    WaitlistEntry,
    WaitlistStatus,
)
from ..selectors.places import event_places


def report_lines(summit: Event, past: Event, webinar: Event) -> list[str]:
    return [*_summit_lines(summit), *_past_lines(past), *_webinar_lines(webinar), *_agendas()]


def _agenda_counts(event: Event) -> str:
    sessions = Session.objects.filter(event=event).count()
    speakers = SessionSpeaker.objects.filter(session__event=event).values("speaker").distinct()
    return f"{sessions} sessions, {speakers.count()} speakers, {event.tracks.count()} tracks"


def _summit_lines(event: Event) -> list[str]:
    event.refresh_from_db()
    types = list(event.ticket_types.all())
    places = event_places(event, types)
    lines = [
        f"Conference {_url('events:event', event.slug)}: {describe_span(event)}, "
        f"{_agenda_counts(event)}; {places.taken} of {places.capacity} places taken",
    ]
    for ticket_type in types:
        counted = places.by_type[ticket_type.pk]
        line = f"  {ticket_type.name} ({format_cents(ticket_type.price_cents)}): {counted.sold}"
        if counted.quota is not None:
            line += f" of {counted.quota}"
        line += " registered"
        if counted.offered:
            line += f", {counted.offered} place offered to the waitlist"
        if counted.sold_out:
            line += ", sold out"
        lines.append(line)
    waiting = WaitlistEntry.objects.filter(
        event=event, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
    ).select_related("person", "ticket_type")
    for entry in waiting.order_by("joined_at"):
        if entry.status == WaitlistStatus.OFFERED:
            until = describe_moment(entry.offer_expires_at, event)
            lines.append(
                f"  Waitlist ({entry.ticket_type.name}): a place offered to "
                f"{entry.person.full_name} until {until}"
            )
        else:
            lines.append(f"  Waitlist ({entry.ticket_type.name}): {entry.person.full_name} waiting")
    return lines


def _past_lines(event: Event) -> list[str]:
    registered = Attendee.objects.filter(event=event, status="confirmed").count()
    present = CheckIn.objects.filter(event=event).count()
    certificates = Certificate.objects.filter(
        kind=CertificateKind.EVENT, source_public_id=event.public_id
    ).count()
    media = Session.objects.filter(event=event).exclude(recording_url="", slides_url="").count()
    return [
        f"Past conference {_url('events:event', event.slug)}: {describe_span(event)}, "
        f"{registered} registered, {present} checked in, {certificates} certificates of "
        f"attendance, {media} sessions with a recording or slides",
    ]


def _webinar_lines(event: Event) -> list[str]:
    registered = Attendee.objects.filter(event=event, status="confirmed").count()
    return [
        f"Webinar {_url('events:event', event.slug)}: {describe_span(event)}, free, "
        f"{registered} registered"
    ]


def _agendas() -> list[str]:
    lines = []
    people = (
        StarredSession.objects.values("person__full_name", "person_id")
        .annotate(n=Count("pk"))
        .order_by("person__full_name")
    )
    feeds = dict(
        AgendaFeed.objects.filter(revoked_at__isnull=True).values_list("person_id", "token")
    )
    for row in people:
        line = f"My agenda of {row['person__full_name']}: {row['n']} starred sessions"
        token = feeds.get(row["person_id"])
        if token:
            line += f"; calendar feed {_url('events:agenda_feed', token)}"
        lines.append(line)
    return lines


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a page not declared (yet): name it instead
        return f"{name} {' '.join(str(arg) for arg in args)}"
