"""Events' public pages: the list, an event (with prices for the viewer) and its agenda (days,
slots, filters); drafts for staff only, cancelled events with a banner. Sessions and speakers:
test_public_people.py."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.events.models import EventFormat, TicketKind
from tests.events.factories import (
    make_attendee,
    make_event,
    make_ticket_type,
    make_track,
)
from tests.events.public_support import make_summit
from tests.training.factories import member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def summit(db):
    return make_summit()


def _html(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- the list ---------------------------------------------------------------------------------


def test_the_list_says_so_when_there_are_no_events(client, db):
    html = _html(client, "events:list")
    assert "<h2>No events announced yet</h2>" in html


def test_the_list_shows_upcoming_events_first_then_past_ones(client, db):
    past = make_event(title="Spring webinar", kind="webinar", starts_in_days=-60, days=1)
    later = make_event(title="Autumn summit", starts_in_days=90)
    make_event(title="Winter summit", starts_in_days=20, format=EventFormat.VIRTUAL)
    make_event(title="Secret draft", status="draft")

    html = _html(client, "events:list")

    upcoming_at, past_at = html.index("Upcoming events"), html.index("Past events")
    assert upcoming_at < html.index("Winter summit") < html.index("Autumn summit") < past_at
    assert html.index("Spring webinar") > past_at
    assert "Secret draft" not in html
    assert '<span class="badge badge-warning">Webinar</span>' in html
    assert '<span class="badge badge-brand">Conference</span>' in html
    assert "<dt>Format</dt><dd>Virtual</dd>" in html
    assert "<dt>Where</dt><dd>Online</dd>" in html
    assert reverse("events:event", args=[past.slug]) in html
    assert reverse("events:event", args=[later.slug]) in html


def test_the_list_gives_dates_on_the_event_clock(client, summit):
    html = _html(client, "events:list")
    assert "Apr 15–16, 2030" in html


def test_the_list_marks_cancelled_events_and_free_ones(client, db):
    cancelled = make_event(title="Called off", status="cancelled")
    free = make_event(title="Free webinar", kind="webinar")
    make_ticket_type(free, name="Free seat", price_cents=0)
    make_ticket_type(cancelled, price_cents=10_000)

    html = _html(client, "events:list")

    assert '<span class="badge badge-danger">Cancelled</span>' in html
    assert html.count('<span class="badge badge-success">Free</span>') == 1


def test_staff_see_drafts_in_the_list_marked_as_drafts(client, staff):
    make_event(title="Secret draft", status="draft")
    client.force_login(staff)
    html = _html(client, "events:list")
    assert "Secret draft" in html
    assert "Draft — not public" in html


# --- an event ---------------------------------------------------------------------------------


def test_the_event_page_shows_what_the_event_is(client, summit):
    html = _html(client, "events:event", summit.event.slug)
    assert "<h1>Social Media in Health Care Summit</h1>" in html
    assert "Conference · Hybrid (in person and online)" in html
    assert "Apr 15–16, 2030" in html
    assert "Monday, April 15, 2030, 9:00 AM CDT" in html
    assert "Tuesday, April 16, 2030, 5:00 PM CDT" in html
    assert "<dt>Time zone</dt><dd>America/Chicago</dd>" in html
    assert "SocialRx Center<br>200 First St SW, Rochester, MN" in html
    assert "<h2>What to expect</h2>" in html and "<strong>panels</strong>" in html
    # The agenda preview, keynote first, and the speakers
    assert html.index("Why physicians should post") < html.index("Crisis communication on X")
    assert reverse("events:session", args=[summit.event.slug, summit.keynote.slug]) in html
    assert reverse("events:speaker", args=[summit.event.slug, summit.okafor.slug]) in html
    assert "All 3 speakers" in html
    assert reverse("events:event_ics", args=[summit.event.slug]) in html
    # Hybrid: the viewer's own clock is written beside the event's
    assert 'class="js-local-time" data-event-zone="America/Chicago"' in html
    assert "events/local-times" in html


def test_topics_and_platforms_are_listed(client, summit):
    from socialrx.taxonomy.models import Platform, Topic  # noqa: PLC0415 - test data only

    topic = Topic.objects.create(slug="crisis-comms", name="Crisis communication")
    platform = Platform.objects.first() or Platform.objects.create(name="LinkedIn")
    summit.event.topics.add(topic)
    summit.event.platforms.add(platform)

    html = _html(client, "events:event", summit.event.slug)

    assert "<li>Crisis communication</li>" in html
    assert f'<li class="ev-tag-platform">{platform.name}</li>' in html


def test_an_in_person_event_shows_no_local_time_script(client, db):
    event = make_event(title="On site", format=EventFormat.IN_PERSON)
    html = _html(client, "events:event", event.slug)
    assert "js-local-time" not in html
    assert "local-times.js" not in html


def test_markdown_in_the_description_cannot_inject_script(client, db):
    event = make_event(description="<script>alert(1)</script> [x](javascript:alert(1))")
    html = _html(client, "events:event", event.slug)
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html


def test_a_visitor_sees_list_prices_and_the_register_call_to_action(client, summit):
    event = summit.event
    make_ticket_type(event, name="Non-member", price_cents=45_000, position=2)
    make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=45_000, position=1)
    make_ticket_type(event, name="Student", kind=TicketKind.STUDENT, price_cents=9_500, position=3)

    html = _html(client, "events:event", event.slug)

    assert html.index("<strong>Member</strong>") < html.index("<strong>Non-member</strong>")
    assert "<strong>$450.00</strong>" in html and "<strong>$95.00</strong>" in html
    # A visitor is not refused the member ticket: they are asked to sign in for their price.
    assert "Member tickets are for people of member organizations." not in html
    assert (
        "For people of member organizations — "
        f'<a href="/accounts/login/?next=/events/{event.slug}/">sign in to see your price</a>'
    ) in html
    register_url = _register_url(event)
    if register_url:
        assert f'href="{register_url}">Register</a>' in html


def _register_url(event) -> str:
    from django.urls import NoReverseMatch  # noqa: PLC0415 - the route is another area's

    try:
        return reverse("events:register", args=[event.slug])
    except NoReverseMatch:
        return ""


def test_a_member_sees_their_member_price_with_its_reason(client, summit):
    make_ticket_type(summit.event, name="Member", kind=TicketKind.MEMBER, price_cents=45_000)
    _, _, member = member_org()
    client.force_login(member)

    html = _html(client, "events:event", summit.event.slug)

    assert "<strong>$360.00</strong> your price" in html
    assert "List price $450.00. Member price, Medical Center plan (20% off)" in html


def test_a_free_ticket_says_free_and_a_group_ticket_its_size(client, summit):
    make_ticket_type(summit.event, name="Community", price_cents=0)
    make_ticket_type(
        summit.event, name="Team of five", kind=TicketKind.GROUP, price_cents=200_000, group_size=5
    )
    html = _html(client, "events:event", summit.event.slug)
    assert "<strong>Free</strong>" in html
    assert '<strong>$2,000.00</strong> <span class="small">for a group of 5</span>' in html


def test_a_sold_out_ticket_type_offers_its_waitlist(client, user, db):
    event = make_event(title="Small summit", capacity=1)
    ticket_type = make_ticket_type(event, name="Non-member", price_cents=10_000)
    make_attendee(event, ticket_type)
    client.force_login(user)

    html = _html(client, "events:event", event.slug)

    assert '<span class="badge badge-danger">Sold out</span>' in html
    assert "Sold out: join the waitlist" in html
    join = reverse("events:waitlist_join", args=[event.slug, ticket_type.public_id])
    assert f'action="{join}"' in html


def test_few_places_left_are_counted(client, db):
    event = make_event(title="Cosy summit", capacity=3)
    ticket_type = make_ticket_type(event, name="Non-member", price_cents=10_000)
    make_attendee(event, ticket_type)
    html = _html(client, "events:event", event.slug)
    assert "<strong>2 places left</strong>" in html


def test_registration_not_yet_open_says_when_it_opens(client, db):
    now = timezone.now()
    event = make_event(title="Later summit", registration_opens_at=now + timedelta(days=5))
    make_ticket_type(event, name="Non-member")
    html = _html(client, "events:event", event.slug)
    assert "Registration opens on" in html
    assert ">Register</a>" not in html


def test_a_cancelled_event_stays_visible_with_a_banner_and_no_registration(client, db):
    summit = make_summit(status="cancelled", title="Called-off summit")
    make_ticket_type(summit.event, name="Non-member")
    html = _html(client, "events:event", summit.event.slug)
    assert "This event has been cancelled." in html
    assert ">Register</a>" not in html
    assert "This event has been cancelled." in _html(client, "events:agenda", summit.event.slug)


@pytest.mark.parametrize("name", ["events:event", "events:agenda", "events:speakers"])
def test_a_draft_is_not_found_except_for_staff_who_see_a_banner(client, user, staff, name):
    summit = make_summit(status="draft", title="Draft summit")
    url = reverse(name, args=[summit.event.slug])
    assert client.get(url).status_code == 404
    client.force_login(user)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "Draft — not public." in response.content.decode()


def test_an_unknown_event_is_not_found(client, db):
    assert client.get(reverse("events:event", args=["no-such-event"])).status_code == 404


# --- the agenda -------------------------------------------------------------------------------


def test_the_agenda_shows_the_first_day_by_time_with_track_and_room(client, summit):
    html = _html(client, "events:agenda", summit.event.slug)

    assert '<h2 id="day-2030-04-15">Monday, April 15, 2030</h2>' in html
    assert "Measuring what matters" not in html  # the second day's
    assert html.count('<div class="ev-slot">') == 2  # 9:00 and 10:30 (two sessions side by side)
    assert html.index("9:00 AM</time></h3>") < html.index("10:30 AM</time></h3>")
    assert html.index("Why physicians should post") < html.index("Crisis communication on X")
    assert '<span class="badge badge-success">Clinical voices</span>' in html
    assert '<li class="small">Room 2</li>' in html
    assert "10:30 AM</time> – <time" in html and "11:15 AM</time> CDT" in html
    assert reverse("events:session", args=[summit.event.slug, summit.crisis.slug]) in html
    assert reverse("events:speaker", args=[summit.event.slug, summit.raman.slug]) in html
    # The day switcher: both days, the first current
    assert 'href="?day=2030-04-15" aria-current="page">Mon, Apr 15' in html
    assert 'href="?day=2030-04-16">Tue, Apr 16' in html
    assert "Times are in the event's time zone, America/Chicago" in html


def test_the_day_switcher_shows_another_day_or_all_of_them(client, summit):
    html = _html(client, "events:agenda", summit.event.slug, day="2030-04-16")
    assert "Measuring what matters" in html
    assert "Why physicians should post" not in html
    assert "Dr. Amina Okafor</a>, <a" in html and "Jordan Lee</a>" in html

    everything = _html(client, "events:agenda", summit.event.slug, day="all")
    assert "Measuring what matters" in everything and "Why physicians should post" in everything


def test_the_agenda_filters_by_track_and_by_room(client, summit):
    slug = summit.event.slug
    html = _html(client, "events:agenda", slug, track=summit.clinical.pk)
    assert "Crisis communication on X" in html
    assert "TikTok for nurses" not in html and "Why physicians should post" not in html
    assert f'<option value="{summit.clinical.pk}" selected>Clinical voices</option>' in html

    html = _html(client, "events:agenda", slug, room=summit.hall.pk, day="all")
    assert "Why physicians should post" in html and "TikTok for nurses" in html
    assert "Measuring what matters" in html
    assert "Crisis communication on X" not in html
    # The day links keep the filter
    assert f'href="?day=2030-04-16&amp;room={summit.hall.pk}"' in html


def test_a_filter_that_matches_nothing_on_a_day_says_so(client, summit):
    html = _html(
        client, "events:agenda", summit.event.slug, track=summit.clinical.pk, day="2030-04-16"
    )
    assert "No session on this day matches these filters." in html


@pytest.mark.parametrize("value", ["abc", "-1", "99999999", "1.5"])
def test_an_unknown_track_or_room_is_ignored_and_said_so(client, summit, value):
    html = _html(client, "events:agenda", summit.event.slug, track=value, room=value)
    assert "is not on this event's agenda" in html
    assert "Crisis communication on X" in html and "TikTok for nurses" in html


def test_another_events_track_is_ignored(client, summit):
    other = make_event(title="Other summit")
    foreign = make_track(other, "Foreign")
    html = _html(client, "events:agenda", summit.event.slug, track=foreign.pk)
    assert "is not on this event's agenda" in html
    assert "Crisis communication on X" in html


def test_an_unknown_day_falls_back_to_the_first_and_says_so(client, summit):
    html = _html(client, "events:agenda", summit.event.slug, day="2031-13-45")
    assert "That day is not on this event's agenda; showing Monday, April 15, 2030" in html
    assert "Why physicians should post" in html


def test_an_empty_agenda_says_it_is_being_put_together(client, db):
    event = make_event(title="Early summit")
    html = _html(client, "events:agenda", event.slug)
    assert "The agenda is being put together" in html


def test_an_in_person_agenda_has_no_local_times(client, db):
    summit = make_summit(format=EventFormat.IN_PERSON, title="On-site summit")
    html = _html(client, "events:agenda", summit.event.slug)
    assert "js-local-time" not in html
    assert "9:00 AM</time></h3>" in html


def test_a_virtual_agenda_carries_each_start_for_the_viewers_clock(client, db):
    summit = make_summit(format=EventFormat.VIRTUAL, title="Online summit")
    html = _html(client, "events:agenda", summit.event.slug)
    assert (
        '<time datetime="2030-04-15T14:00:00+00:00" class="js-local-time" '
        'data-event-zone="America/Chicago">9:00 AM</time>'
    ) in html
    assert "local-times.js" in html
