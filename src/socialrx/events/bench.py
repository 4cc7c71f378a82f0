"""The events pages `make bench` measures (see socialrx.core.benchmarks), each found in the
data being measured: the list of events, the busiest coming event's page, the largest coming
agenda (the page whose queries must stay constant as sessions grow), its session with the most
speakers and its speaker with the most sessions, and the signed-in member's own events and
agenda. The staff pages (registrations, check-in) are not measured: the bench signs in as a
member only."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from socialrx.core.benchmarks import MEMBER, BenchPage

from .models import HOLDING_STATUSES, Event, EventStatus, Session, Speaker


def _coming():
    """Published events still to come; the latest events ended when none is to come."""
    published = Event.objects.filter(status=EventStatus.PUBLISHED)
    coming = published.filter(ends_at__gt=timezone.now())
    if coming.exists():
        return coming
    latest = published.order_by("-ends_at").values_list("ends_at", flat=True).first()
    return published.filter(ends_at=latest)


def _busiest(events) -> Event | None:
    return (
        events.annotate(taken=Count("attendees", filter=Q(attendees__status__in=HOLDING_STATUSES)))
        .order_by("-taken", "starts_at", "slug")
        .first()
    )


def busiest_event() -> Event | None:
    """The coming event with the most people holding a place (the longest lists behind its
    page)."""
    return _busiest(_coming())


def largest_agenda() -> Event | None:
    """The coming event with the most sessions (the busiest of those): the agenda whose
    queries must stay constant as sessions grow."""
    counted = _coming().annotate(session_count=Count("sessions"))
    top = counted.order_by("-session_count").values_list("session_count", flat=True).first()
    if top is None:
        return None
    largest = counted.filter(session_count=top).values_list("pk", flat=True)
    return _busiest(Event.objects.filter(pk__in=list(largest)))


def event_page() -> str | None:
    event = busiest_event()
    return reverse("events:event", args=[event.slug]) if event else None


def agenda_page() -> str | None:
    event = largest_agenda()
    return reverse("events:agenda", args=[event.slug]) if event else None


def session_page() -> str | None:
    """The largest agenda's session with the most speakers (the earliest of those)."""
    event = largest_agenda()
    if event is None:
        return None
    session = (
        Session.objects.filter(event=event)
        .annotate(speaking=Count("speaker_slots"))
        .order_by("-speaking", "starts_at", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("events:session", args=[event.slug, session]) if session else None


def speaker_page() -> str | None:
    """The largest agenda's speaker who speaks there most often."""
    event = largest_agenda()
    if event is None:
        return None
    slug = (
        Speaker.objects.filter(speaker_slots__session__event=event)
        .annotate(talks=Count("speaker_slots", distinct=True))
        .order_by("-talks", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("events:speaker", args=[event.slug, slug]) if slug else None


PAGES = [
    BenchPage("Events list", "/events/", order=60),
    BenchPage("Event page", event_page, order=61),
    BenchPage("Event agenda", agenda_page, order=62),
    BenchPage("Session page", session_page, order=63),
    BenchPage("Speaker page", speaker_page, order=64),
    BenchPage(
        "My events (signed-in member)", "/events/my/", order=65, visitor=MEMBER, public=False
    ),
    BenchPage(
        "My agenda (signed-in member)", "/events/my/agenda/", order=66, visitor=MEMBER, public=False
    ),
]
