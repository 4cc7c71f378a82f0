"""Every fixed first path segment under /events/ and /staff/events/ is a reserved web address:
an event named after it would lose its pages to the fixed route."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from socialrx.core.errors import DomainError
from socialrx.events.models import Event
from socialrx.events.services import event_admin
from tests.events.test_agenda_event_admin import _data

# The views that take an event's web address (its slug) as their first segment.
EVENT_PAGES = {"event", "agenda", "event_ics", "speakers", "register", "staff_event"}

FIXED = {
    "my": ("/events/my/", "my_events"),
    "agenda": ("/events/agenda/abc123.ics", "agenda_feed"),
    "orders": ("/events/orders/8d7f1b52-4a0e-4f7e-9a43-6f2d1c1e0b11/", "order"),
    "tickets": ("/events/tickets/8d7f1b52-4a0e-4f7e-9a43-6f2d1c1e0b11/ticket.pdf", "ticket_pdf"),
    "waitlist": ("/events/waitlist/8d7f1b52-4a0e-4f7e-9a43-6f2d1c1e0b11/leave/", "waitlist_leave"),
    "new": ("/staff/events/new/", "staff_event_new"),
    "speakers": ("/staff/events/speakers/", "staff_speakers"),
}


def _routes(patterns, prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def test_every_fixed_first_segment_is_reserved():
    segments = set()
    for route in _routes(get_resolver().url_patterns):
        for base in ("events/", "staff/events/"):
            if route.startswith(base):
                rest = route.removeprefix(base)
                first, slash, _ = rest.partition("/")
                if slash and first and not first.startswith("<"):
                    segments.add(first)
    assert segments == {"my", "agenda", "orders", "tickets", "waitlist", "new", "speakers"}
    assert segments <= event_admin.RESERVED_SLUGS


@pytest.mark.parametrize("slug", sorted(FIXED))
def test_each_reserved_slug_resolves_to_a_fixed_view(slug):
    path, name = FIXED[slug]
    match = resolve(path)
    assert (match.namespace, match.url_name) == ("events", name)
    assert name not in EVENT_PAGES
    assert slug in event_admin.RESERVED_SLUGS


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["my", "agenda", "orders", "tickets", "waitlist", "My"])
def test_an_event_cannot_take_a_reserved_web_address(staff, slug):
    with pytest.raises(DomainError, match="That web address is reserved") as refused:
        event_admin.create_event(actor=staff, data=_data(slug=slug))
    assert refused.value.field == "slug"
    assert Event.objects.count() == 0
