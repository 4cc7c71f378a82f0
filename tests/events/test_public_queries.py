"""The public pages take the same number of queries however many events, sessions and speakers
there are (prefetches, never a query per row): each page pinned at two sizes."""

from datetime import timedelta

import pytest
from django.urls import reverse

from socialrx.events.models import EventFormat, TicketKind
from socialrx.taxonomy.models import Platform, Topic
from tests.events.factories import (
    make_event,
    make_room,
    make_session,
    make_speaker,
    make_ticket_type,
    make_track,
)
from tests.training.factories import member_org

pytestmark = pytest.mark.integration

SIZES = [2, 12]


def _agenda(sessions: int, *, format=EventFormat.HYBRID):
    """An event with `sessions` sessions over two days, in three tracks and three rooms, two
    speakers each (every speaker on two sessions), two ticket types, topics and platforms."""
    event = make_event(title=f"Summit of {sessions}", format=format)
    tracks = [make_track(event, f"Track {n}") for n in range(3)]
    rooms = [make_room(event, f"Room {n}") for n in range(3)]
    speakers = [make_speaker(full_name=f"Speaker {n}") for n in range(sessions + 1)]
    for n in range(sessions):
        day, hour = divmod(n, 6)
        make_session(
            event,
            title=f"Session {n}",
            kind="keynote" if n == 0 else "talk",
            starts_at=event.starts_at + timedelta(days=day % 2, hours=hour),
            room=rooms[n % 3],
            track=tracks[n % 3],
            speakers=[speakers[n], speakers[n + 1]],
        )
    make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=45_000)
    make_ticket_type(event, name="Non-member", price_cents=45_000)
    event.topics.add(
        *(Topic.objects.create(slug=f"t-{event.pk}-{n}", name=f"T{event.pk}-{n}") for n in range(2))
    )
    event.platforms.add(*Platform.objects.all()[:2])
    return event, speakers


@pytest.mark.parametrize("count", SIZES)
def test_the_list_takes_the_same_queries_for_2_and_12_events(
    client, db, django_assert_num_queries, count
):
    for n in range(count):
        event, _ = _agenda(1)
        if n % 2:
            event.starts_at -= timedelta(days=100)
            event.ends_at -= timedelta(days=100)
            event.save()

    # upcoming, past, their topics, their platforms
    with django_assert_num_queries(4):
        response = client.get(reverse("events:list"))

    listing = response.context["listing"]
    assert len(listing.upcoming) + len(listing.past) == count


@pytest.mark.parametrize("count", SIZES)
def test_the_event_page_takes_the_same_queries_for_2_and_12_sessions(
    client, db, django_assert_num_queries, count
):
    event, _ = _agenda(count)

    # the event; its topics, platforms and ticket types; places taken and live offers; the
    # agenda preview and its speakers; the speakers
    with django_assert_num_queries(9):
        response = client.get(reverse("events:event", args=[event.slug]))

    assert response.context["speaker_count"] == count + 1


@pytest.mark.parametrize("count", SIZES)
def test_a_members_event_page_takes_the_same_queries_for_2_and_12_sessions(
    client, db, django_assert_num_queries, count
):
    event, _ = _agenda(count)
    member = member_org()[2]
    client.force_login(member)

    # the session and the person, then the visitor's nine, plus the person's organizations
    # and their memberships (is a member; the member price; the page's menus), and their
    # tickets and orders for this event ("You're registered": one query)
    with django_assert_num_queries(16):
        response = client.get(reverse("events:event", args=[event.slug]))

    assert response.context["tickets"][0].price.cents == 36_000


@pytest.mark.parametrize("count", SIZES)
def test_the_agenda_takes_the_same_queries_for_2_and_12_sessions(
    client, db, django_assert_num_queries, count
):
    event, _ = _agenda(count)

    # the event, tracks, rooms, sessions (with track and room), their speakers
    with django_assert_num_queries(5):
        response = client.get(reverse("events:agenda", args=[event.slug]), {"day": "all"})

    assert len(response.context["agenda"].sessions) == count


@pytest.mark.parametrize("count", SIZES)
def test_a_filtered_agenda_takes_as_many(client, db, django_assert_num_queries, count):
    event, _ = _agenda(count)
    track = event.tracks.order_by("pk").first()

    with django_assert_num_queries(5):
        client.get(reverse("events:agenda", args=[event.slug]), {"track": track.pk})


@pytest.mark.parametrize("count", SIZES)
def test_the_session_page_takes_the_same_queries_for_2_and_12_sessions(
    client, db, django_assert_num_queries, count
):
    event, _ = _agenda(count)
    session = event.sessions.order_by("starts_at").last()

    # the event, the session (with track and room), its speakers
    with django_assert_num_queries(3):
        client.get(reverse("events:session", args=[event.slug, session.slug]))


@pytest.mark.parametrize("count", SIZES)
def test_the_speakers_page_takes_the_same_queries_for_2_and_12_sessions(
    client, db, django_assert_num_queries, count
):
    event, _ = _agenda(count)

    # the event, the speakers, their sessions here
    with django_assert_num_queries(3):
        response = client.get(reverse("events:speakers", args=[event.slug]))

    assert len(response.context["speakers"]) == count + 1


@pytest.mark.parametrize("count", SIZES)
def test_the_speaker_page_takes_the_same_queries_for_2_and_12_sessions(
    client, db, django_assert_num_queries, count
):
    event, speakers = _agenda(count)

    # the event, the speaker, their sessions here
    with django_assert_num_queries(3):
        response = client.get(reverse("events:speaker", args=[event.slug, speakers[1].slug]))

    assert len(response.context["speaker"].slots_here) == 2


@pytest.mark.parametrize("count", SIZES)
def test_a_staff_members_agenda_takes_the_same_queries(
    client, staff, django_assert_num_queries, count
):
    event, _ = _agenda(count)
    client.force_login(staff)

    # the session, the person and their authenticator (staff have MFA), the visitor's five,
    # and the sessions the person starred (their star buttons)
    with django_assert_num_queries(9):
        client.get(reverse("events:agenda", args=[event.slug]))
