"""Events' scale data (`socialrx seed-scale`): conferences and webinars with agendas, tickets,
orders, attendees, check-ins, certificates, stars and waitlists at size S, consistent as the
services would leave them, marked as generated, refused next to real data and replaced by the
same rows."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q
from django.urls import resolve
from django.utils import timezone

from socialrx.core.scale import EMAIL_DOMAIN
from socialrx.events import bench
from socialrx.events.models import (
    Attendee,
    CheckIn,
    Event,
    Order,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    StarredSession,
    TicketType,
    Track,
    WaitlistEntry,
)
from socialrx.training.models import Certificate
from tests.events.factories import make_event

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def test_size_s_writes_events_agendas_and_tickets_as_the_services_would(db):
    printed = seed_scale(size="S")

    assert Event.objects.count() == 6
    assert Counter(Event.objects.values_list("kind", flat=True)) == {"conference": 5, "webinar": 1}
    assert not Event.objects.exclude(status="published").exists()
    assert Session.objects.count() == 5 * 12 + 1
    assert Room.objects.count() == 5 * 4 and Track.objects.count() == 5 * 3
    assert TicketType.objects.count() == 5 * 4 + 1
    assert Speaker.objects.count() == 24
    assert Attendee.objects.count() == 600
    assert "events         6 events, 61 sessions, 24 speakers" in printed
    # Two thirds took place: the four first conferences.
    now = timezone.now()
    assert Event.objects.filter(ends_at__lt=now).count() == 4
    everything_is_marked_as_generated()
    places_never_exceed_quotas_or_capacity()
    the_agenda_never_double_books()
    only_past_conferences_have_check_ins_and_certificates(now)
    coming_events_have_stars_and_a_waitlist(now)
    the_bench_pages_are_found_in_the_data()


def everything_is_marked_as_generated() -> None:
    assert not Event.objects.exclude(slug__startswith="scale-event-").exists()
    assert not Speaker.objects.exclude(slug__startswith="scale-speaker-").exists()
    assert not Attendee.objects.exclude(email_key__endswith=f"@{EMAIL_DOMAIN}").exists()
    assert not Attendee.objects.exclude(email_key=F("email")).exists()  # lower case already
    linked = Attendee.objects.filter(person__isnull=False)
    assert linked.exists() and not linked.exclude(email=F("person__email")).exists()


def places_never_exceed_quotas_or_capacity() -> None:
    holding = Q(attendees__status="confirmed")
    for event in Event.objects.annotate(taken=Count("attendees", filter=holding)):
        assert event.taken <= event.capacity
    for ticket_type in TicketType.objects.filter(quota__isnull=False).annotate(
        taken=Count("attendees", filter=holding)
    ):
        assert ticket_type.taken <= ticket_type.quota
    # One registration per email and event; an order's attendees are its quantity.
    keys = Attendee.objects.filter(status="confirmed").values("event", "email_key")
    assert keys.annotate(n=Count("pk")).filter(n__gt=1).count() == 0
    assert not Order.objects.annotate(n=Count("attendees")).exclude(n=F("quantity")).exists()
    assert not Attendee.objects.exclude(status=F("order__status")).exists()
    cancelled = Order.objects.filter(status="cancelled")
    assert 0 < cancelled.count() < Order.objects.count() / 10
    # Early-bird tickets were bought before their price ended.
    assert Order.objects.filter(ticket_type__kind="early_bird").exists()
    assert not Order.objects.filter(
        ticket_type__kind="early_bird", created_at__gte=F("ticket_type__sales_end")
    ).exists()
    assert not Order.objects.filter(created_at__gt=timezone.now()).exists()
    # Team orders: the organization's admin bought them for colleagues without an account.
    team = Order.objects.filter(organization__isnull=False)
    assert team.exists()
    assert not team.exclude(made_by__seats__organization=F("organization")).exists()


def the_agenda_never_double_books() -> None:
    slots = SessionSpeaker.objects.select_related("session")
    assert not slots.exclude(starts_at=F("session__starts_at")).exists()
    for slot in slots.filter(session__event__kind="conference")[:200]:
        others = SessionSpeaker.objects.filter(
            speaker_id=slot.speaker_id, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
        ).exclude(pk=slot.pk)
        assert not others.exists()
    for session in Session.objects.filter(room__isnull=False)[:200]:
        assert session.starts_at >= session.event.starts_at
        assert session.ends_at <= session.event.ends_at
        assert not Session.objects.filter(
            room=session.room, starts_at__lt=session.ends_at, ends_at__gt=session.starts_at
        ).exclude(pk=session.pk)


def only_past_conferences_have_check_ins_and_certificates(now) -> None:
    check_ins = CheckIn.objects.all()
    assert check_ins.exists()
    assert not check_ins.exclude(event__ends_at__lt=now, event__kind="conference").exists()
    assert not check_ins.exclude(attendee__status="confirmed").exists()
    assert not check_ins.exclude(event=F("attendee__event")).exists()
    present = Attendee.objects.filter(check_in__isnull=False)
    confirmed = Attendee.objects.filter(status="confirmed", event__ends_at__lt=now)
    confirmed = confirmed.filter(event__kind="conference")
    assert 0.7 < present.count() / confirmed.count() < 0.9  # four in five
    certificates = Certificate.objects.filter(kind="event")
    assert certificates.count() == present.filter(person__isnull=False).count()
    assert not certificates.exclude(person__email__endswith=f"@{EMAIL_DOMAIN}").exists()
    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    past_sessions = Session.objects.filter(event__ends_at__lt=now)
    assert past_sessions.exclude(recording_url="").exists()
    assert not Session.objects.filter(event__ends_at__gt=now).exclude(recording_url="").exists()


def coming_events_have_stars_and_a_waitlist(now) -> None:
    stars = StarredSession.objects.all()
    assert stars.exists()
    assert not stars.exclude(session__event__ends_at__gt=now).exists()
    registered = Attendee.objects.filter(status="confirmed", person__isnull=False)
    pairs = set(registered.values_list("person_id", "event_id"))
    assert {(s.person_id, s.session.event_id) for s in stars.select_related("session")} <= pairs
    waiting = WaitlistEntry.objects.all()
    assert waiting.count() == 3  # the one coming conference's Student ticket
    student = waiting.first().ticket_type
    assert student.kind == "student"
    assert student.attendees.filter(status="confirmed").count() == student.quota
    assert not Attendee.objects.filter(
        event=student.event, person__in=waiting.values("person"), status="confirmed"
    ).exists()


def the_bench_pages_are_found_in_the_data() -> None:
    pages = {page.name: page.url() for page in bench.PAGES}

    assert all(pages.values()), pages
    names = {name: resolve(url).url_name for name, url in pages.items()}
    assert names == {
        "Events list": "list",
        "Event page": "event",
        "Event agenda": "agenda",
        "Session page": "session",
        "Speaker page": "speaker",
        "My events (signed-in member)": "my_events",
        "My agenda (signed-in member)": "my_agenda",
    }
    busiest = bench.busiest_event()
    assert busiest.ends_at > timezone.now()
    assert pages["Event page"] == f"/events/{busiest.slug}/"


def test_the_bench_pages_are_skipped_when_the_data_has_none(db):
    pages = {page.name: page.url() for page in bench.PAGES}

    assert pages == {
        "Events list": "/events/",
        "Event page": None,
        "Event agenda": None,
        "Session page": None,
        "Speaker page": None,
        "My events (signed-in member)": "/events/my/",
        "My agenda (signed-in member)": "/events/my/agenda/",
    }


def test_a_real_event_refuses_the_load_and_replace_loads_the_same_rows(db):
    seed_scale(size="S")

    def rows():
        return {
            "events": list(Event.objects.order_by("pk").values_list("public_id", "slug")),
            "sessions": list(Session.objects.order_by("pk").values_list("public_id", "speakers")),
            "attendees": list(
                Attendee.objects.order_by("pk").values_list("public_id", "email", "ticket_secret")
            ),
            "check-ins": list(CheckIn.objects.order_by("pk").values_list("attendee", "door")),
            "certificates": list(
                Certificate.objects.filter(kind="event").order_by("pk").values_list("code")
            ),
        }

    first = rows()
    real = make_event(slug="a-real-conference")
    with pytest.raises(CommandError, match="events: 1 events"):
        seed_scale(size="S", replace=True)
    assert Event.objects.count() == 7  # nothing was cleared

    real.delete()
    seed_scale(size="S", replace=True)
    assert rows() == first
