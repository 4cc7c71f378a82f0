"""Events' demo data (`socialrx seed-demo`, small profile): SocialRx Summit 2027 with its
programme, member pricing, registrations and a sold-out Student ticket with a waitlist; last
year's summit with check-ins, certificates and recordings; a free webinar; people's agendas."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import resolve
from django.utils import timezone

from socialrx.billing.models import InvoiceLine, Payment
from socialrx.events import bench
from socialrx.events.models import (
    AgendaFeed,
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
from socialrx.events.selectors.places import places_left, type_places_left
from socialrx.training.models import Certificate

pytestmark = pytest.mark.integration

CHICAGO = ZoneInfo("America/Chicago")
EVENT_MODELS = [
    Event, Track, Room, Speaker, Session, SessionSpeaker, TicketType, Order, Attendee, CheckIn,
    WaitlistEntry, StarredSession, AgendaFeed, Certificate, InvoiceLine, Payment,
]  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in EVENT_MODELS}


def summit() -> Event:
    return Event.objects.get(slug="socialrx-summit-2027")


def test_the_summit_has_the_whole_programme_on_two_days(demo_small):
    event = summit()

    assert (event.title, event.kind, event.format, event.status) == (
        "SocialRx Summit 2027",
        "conference",
        "hybrid",
        "published",
    )
    assert event.time_zone == "America/Chicago" and event.capacity == 250
    assert "fictional" in event.description
    assert event.sessions.count() == 23
    assert Speaker.objects.filter(sessions__event=event).distinct().count() == 17
    assert list(event.tracks.values_list("name", flat=True)) == [
        "Strategy and leadership",
        "Clinicians and patients",
        "Measurement and research",
    ]
    assert event.rooms.count() == 3
    assert event.sessions.filter(kind="break", room=None).count() == 4
    start, end = event.starts_at.astimezone(CHICAGO), event.ends_at.astimezone(CHICAGO)
    assert (start.weekday(), start.hour, end.hour) == (3, 8, 14)  # Thursday 8:00 to Friday 2 PM
    assert (end.date() - start.date()).days == 1
    assert 35 <= (start.date() - timezone.localdate()).days <= 42
    first = event.sessions.order_by("starts_at").first()
    assert first.title == "Registration and breakfast" and first.starts_at == event.starts_at
    panel = event.sessions.get(title="Getting to yes with legal and IT")
    assert list(panel.speaker_slots.values_list("speaker__slug", flat=True)) == [
        "grace-huang",
        "helen-brooks",
        "tom-whitaker",
    ]
    # The speakers' copies of their sessions' times (the no-double-booking rule).
    assert not SessionSpeaker.objects.exclude(
        starts_at=F("session__starts_at"), ends_at=F("session__ends_at")
    ).exists()


def test_the_summit_sells_five_ticket_types_with_member_pricing(demo_small):
    types = {t.name: t for t in summit().ticket_types.all()}

    assert {name: (t.kind, t.price_cents, t.quota, t.group_size) for name, t in types.items()} == {
        "Member": ("member", 65_000, None, 1),
        "Non-member": ("general", 65_000, None, 1),
        "Early bird": ("early_bird", 49_500, None, 1),
        "Student": ("student", 15_000, 20, 1),
        "Group of 5": ("group", 260_000, 20, 5),
    }
    early_end = types["Early bird"].sales_end.astimezone(CHICAGO)
    assert (early_end.date() - timezone.localdate()).days in (7, 8)
    # Riverside (Medical Center plan, 20 % off) paid the member price for three, by card.
    riverside = Order.objects.get(event__slug="socialrx-summit-2027", ticket_type__name="Member")
    line = InvoiceLine.objects.get(sold_public_id=riverside.public_id)
    assert (line.quantity, line.unit_price_cents, line.discount_cents, line.amount_cents) == (
        3,
        65_000,
        39_000,
        156_000,
    )
    assert "Medical Center plan (20% off)" in line.discount_reason
    assert line.invoice.status == "paid" and riverside.status == "confirmed"
    assert line.invoice.payments.get().method == "card"
    assert riverside.organization.name == "Riverside Regional Medical Center"
    assert set(riverside.attendees.values_list("person__email", flat=True)) == {
        "karen.lindqvist@riverside-rmc.example",
        "james.okafor@riverside-rmc.example",
        "emily.sorensen@riverside-rmc.example",
    }
    # North Star (not a member yet) on the early-bird price, its invoice still open.
    north_star = Order.objects.get(
        event__slug="socialrx-summit-2027", ticket_type__name="Early bird"
    )
    line = InvoiceLine.objects.get(sold_public_id=north_star.public_id)
    assert (line.quantity, line.amount_cents, line.invoice.status) == (3, 148_500, "open")
    assert north_star.status == "pending" and line.invoice.po_number == "NSH-PO-55190"
    # Lakeside's group of five: one unit at the group's price, paid by check.
    group = Order.objects.get(event__slug="socialrx-summit-2027", ticket_type__name="Group of 5")
    line = InvoiceLine.objects.get(sold_public_id=group.public_id)
    assert (group.quantity, group.attendees.count(), line.amount_cents) == (1, 5, 260_000)
    assert line.invoice.payments.get().method == "check"


def test_the_student_ticket_is_sold_out_with_a_waitlist_and_a_live_offer(demo_small):
    event = summit()
    student = event.ticket_types.get(name="Student")
    attendees = Counter(student.attendees.values_list("status", flat=True))

    assert attendees == {"confirmed": 19, "cancelled": 1}
    gone = student.attendees.get(status="cancelled")
    assert gone.full_name == "Hope Anderson" and gone.refund_due_cents == 15_000  # paid by ACH
    entries = list(WaitlistEntry.objects.filter(ticket_type=student).order_by("joined_at"))
    assert [(e.person.full_name, e.status) for e in entries] == [
        ("Luis Romero", "offered"),
        ("Hannah Kim", "waiting"),
    ]
    offer = entries[0]
    assert offer.claim_token and offer.offer_expires_at > timezone.now()
    assert offer.offer_expires_at <= timezone.now() + timedelta(hours=48)
    assert type_places_left(student) == 0  # the freed place is Luis's while his offer runs
    # 31 hold a place (3 member, 1 non-member, 3 early bird, 19 students, a group of 5).
    assert places_left(event) == 250 - 31 - 1
    assert Counter(event.attendees.values_list("status", flat=True)) == {
        "confirmed": 28,
        "pending": 3,
        "cancelled": 1,
    }


def test_last_years_summit_took_place_with_check_ins_and_certificates(demo_small):
    event = Event.objects.get(slug="socialrx-summit-2026")

    assert event.ends_at < timezone.now() - timedelta(days=50)
    assert event.sessions.count() == 9
    assert not event.sessions.exclude(starts_at__gte=event.starts_at, ends_at__lte=event.ends_at)
    assert event.attendees.filter(status="confirmed").count() == 40
    check_ins = CheckIn.objects.filter(event=event)
    assert check_ins.count() == 30  # 75 %
    day = event.starts_at.astimezone(CHICAGO).date()
    assert {c.checked_in_at.astimezone(CHICAGO).date() for c in check_ins} == {day}
    assert set(check_ins.values_list("door", flat=True)) == {"Door A", "Door B"}
    assert check_ins.filter(method="search").count() == 5
    assert not event.attendees.filter(full_name="Olivia Hart", check_in__isnull=False).exists()
    certificates = Certificate.objects.filter(kind="event", source_public_id=event.public_id)
    # Those checked in who have an account: 8 of the 30.
    assert set(certificates.values_list("person__email", flat=True)) == {
        "karen.lindqvist@riverside-rmc.example",
        "james.okafor@riverside-rmc.example",
        "emily.sorensen@riverside-rmc.example",
        "rachel.nguyen@northstarhealth.example",
        "alex.moreno@northstarhealth.example",
        "sarah.whitman@lakesidefp.example",
        "david.chen@lakesidefp.example",
        "maya.patel@student.prairie-u.example",
    }
    assert {(c.hours, c.ce_hours) for c in certificates} == {(Decimal("6.0"), Decimal("5.0"))}
    recorded = event.sessions.exclude(recording_url="")
    assert recorded.count() == 5 and event.sessions.exclude(slides_url="").count() == 4
    for url in recorded.values_list("recording_url", flat=True):
        assert url.startswith("https://media.example.org/socialrx-demo/summit-2026/")
    # Its speakers are this year's (one profile across events).
    assert Speaker.objects.get(slug="grace-huang").sessions.count() == 2 + 1 + 1


def test_the_free_webinar_confirmed_its_registrations_at_once(demo_small):
    event = Event.objects.get(slug="answering-patient-reviews-safely")

    assert (event.kind, event.format) == ("webinar", "virtual")
    assert event.sessions.count() == 1 and event.ticket_types.get().price_cents == 0
    assert 10 <= (event.starts_at.date() - timezone.localdate()).days <= 17
    assert Counter(event.attendees.values_list("status", flat=True)) == {"confirmed": 5}
    assert not Order.objects.filter(event=event).exclude(status="confirmed").exists()
    assert not InvoiceLine.objects.filter(
        sold_public_id__in=Order.objects.filter(event=event).values("public_id")
    ).exists()


def test_members_starred_sessions_and_one_subscribed_to_his_agenda(demo_small):
    stars = Counter(StarredSession.objects.values_list("person__email", flat=True))

    assert stars == {
        "james.okafor@riverside-rmc.example": 5,
        "karen.lindqvist@riverside-rmc.example": 3,
    }
    feed = AgendaFeed.objects.get(revoked_at=None)
    assert feed.person.email == "james.okafor@riverside-rmc.example" and len(feed.token) >= 43


def test_the_report_names_the_events(demo_small):
    out = StringIO()
    call_command("seed_demo", profile="small", stdout=out)
    printed = out.getvalue()

    assert "Conference /events/socialrx-summit-2027/" in printed
    assert "31 of 250 places taken" in printed
    assert "Waitlist (Student): a place offered to Luis Romero" in printed
    assert "40 registered, 30 checked in, 8 certificates of attendance" in printed
    assert "Webinar /events/answering-patient-reviews-safely/" in printed
    assert "maya.patel@student.prairie-u.example" in printed


def test_a_second_run_creates_nothing(demo_small):
    before = counts()
    out = StringIO()

    call_command("seed_demo", profile="small", stdout=out)

    assert counts() == before
    assert "Demo data already present: nothing new was created." in out.getvalue()


def test_the_bench_finds_its_pages_in_the_demo(demo_small):
    pages = {page.name: page.url() for page in bench.PAGES}

    assert pages == {
        "Events list": "/events/",
        "Event page": "/events/socialrx-summit-2027/",
        "Event agenda": "/events/socialrx-summit-2027/agenda/",
        # The session with the most speakers (three).
        "Session page": "/events/socialrx-summit-2027/sessions/getting-to-yes-with-legal-and-it/",
        # Priya Raman speaks three times at the summit.
        "Speaker page": "/events/socialrx-summit-2027/speakers/priya-raman/",
        "My events (signed-in member)": "/events/my/",
        "My agenda (signed-in member)": "/events/my/agenda/",
    }
    for url in pages.values():
        assert resolve(url).namespace == "events"
