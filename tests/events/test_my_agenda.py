"""My agenda: starring sessions (with and without JavaScript), the star button include, the page
of starred sessions with the private link, and issuing a new link (the feed itself:
test_my_agenda_feed.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from socialrx.core.errors import NotFound
from socialrx.core.models import AuditEvent
from socialrx.events.models import AgendaFeed, StarredSession
from socialrx.events.services import my_agenda as services
from tests.events.my_agenda_support import issue_link, make_agendas, star_url
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

MY_AGENDA = "/events/my/agenda/"
NEW_LINK = "/events/my/agenda/new-link/"


@pytest.fixture
def agendas(db):
    return make_agendas()


@pytest.fixture
def me(client):
    person = UserFactory(full_name="Dana Whitfield")
    client.force_login(person)
    return person


def stars_of(person) -> set[str]:
    stars = StarredSession.objects.filter(person=person)
    return set(stars.values_list("session__title", flat=True))


def assert_in_order(page: str, *texts: str) -> None:
    at = 0
    for text in texts:
        found = page.find(text, at)
        assert found >= 0, f"{text!r} not found after position {at}"
        at = found + len(text)


# --- starring ---------------------------------------------------------------------------------


def test_starring_without_javascript_goes_back_to_the_page_it_came_from(client, me, agendas):
    response = client.post(
        star_url(agendas.keynote), {"starred": "1", "next": "/events/summit-2030/agenda/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/events/summit-2030/agenda/"
    assert stars_of(me) == {"Why physicians should post"}


def test_unstarring_takes_the_session_out(client, me, agendas):
    client.post(star_url(agendas.keynote), {"starred": "1"})
    client.post(star_url(agendas.crisis), {"starred": "1"})

    client.post(star_url(agendas.keynote), {"starred": "0"})

    assert stars_of(me) == {"Crisis communication on X"}


def test_a_double_submit_does_not_undo_the_star(client, me, agendas):
    client.post(star_url(agendas.keynote), {"starred": "1"})
    client.post(star_url(agendas.keynote), {"starred": "1"})

    assert StarredSession.objects.filter(person=me).count() == 1


def test_without_a_wanted_state_the_button_toggles(client, me, agendas):
    client.post(star_url(agendas.keynote))
    assert stars_of(me) == {"Why physicians should post"}

    client.post(star_url(agendas.keynote))
    assert stars_of(me) == set()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/steal", "//evil.example/", "javascript:alert(1)", ""]
)
def test_an_unsafe_or_missing_next_goes_to_the_session_page(client, me, agendas, next_url):
    response = client.post(star_url(agendas.keynote), {"starred": "1", "next": next_url})

    assert response["Location"] == f"/events/summit-2030/sessions/{agendas.keynote.slug}/"


def test_with_htmx_the_button_comes_back_in_its_new_state(client, me, agendas):
    response = client.post(
        star_url(agendas.keynote),
        {"starred": "1", "next": "/events/summit-2030/agenda/"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Remove from my agenda" in page
    assert f'id="star-{agendas.keynote.public_id}"' in page
    assert 'name="starred" value="0"' in page
    assert 'value="/events/summit-2030/agenda/"' in page
    assert "<html" not in page


def test_a_draft_events_session_cannot_be_starred(client, me, agendas):
    response = client.post(star_url(agendas.draft_session), {"starred": "1"})

    assert response.status_code == 404
    assert stars_of(me) == set()


def test_an_unknown_session_is_404(client, me, agendas):
    response = client.post("/events/summit-2030/sessions/no-such-session/star/")

    assert response.status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, agendas):
    response = client.post(star_url(agendas.keynote), {"starred": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert StarredSession.objects.count() == 0


def test_starring_is_a_post(client, me, agendas):
    assert client.get(star_url(agendas.keynote)).status_code == 405


def test_the_service_refuses_a_session_of_a_cancelled_event(agendas):
    agendas.summit.status = "cancelled"
    agendas.summit.save()

    with pytest.raises(NotFound):
        services.star(UserFactory(), agendas.keynote)


def test_the_star_button_include_for_a_page_of_sessions(rf, agendas):
    request = rf.get("/events/summit-2030/agenda/")
    request.user = UserFactory()

    starred = render_to_string(
        "events/includes/star_button.html",
        {"session": agendas.keynote, "starred": True},
        request=request,
    )
    not_yet = render_to_string(
        "events/includes/star_button.html",
        {"session": agendas.crisis, "starred": False},
        request=request,
    )

    assert f'action="{star_url(agendas.keynote)}"' in starred
    assert 'name="starred" value="0"' in starred
    assert "Remove from my agenda" in starred
    assert 'name="next" value="/events/summit-2030/agenda/"' in starred
    assert "csrfmiddlewaretoken" in starred
    assert 'name="starred" value="1"' in not_yet
    assert "Add to my agenda" in not_yet


def test_the_star_button_asks_a_visitor_to_sign_in(rf, agendas):
    request = rf.get(f"/events/summit-2030/sessions/{agendas.keynote.slug}/")
    request.user = AnonymousUser()

    html = render_to_string(
        "events/includes/star_button.html",
        {"session": agendas.keynote, "starred": False},
        request=request,
    )

    assert "<form" not in html
    assert (
        f'href="/accounts/login/?next=/events/summit-2030/sessions/{agendas.keynote.slug}/"'
    ) in html


# --- the page -----------------------------------------------------------------------------------


def test_my_agenda_groups_starred_sessions_by_event_and_day_in_the_events_zone(client, me, agendas):
    for session in (agendas.answering, agendas.panel, agendas.keynote):
        client.post(star_url(session), {"starred": "1"})
    StarredSession.objects.create(person=UserFactory(), session=agendas.crisis)

    page = client.get(MY_AGENDA).content.decode()

    assert_in_order(
        page,
        "Health Care Social Media Summit",
        "Monday, April 15, 2030",
        "Why physicians should post",
        "Tuesday, April 16, 2030",
        "Measuring what matters",
        "Patients Online Webinar",
        "Wednesday, May 8, 2030",
        "Answering patients online",
    )
    assert "9:00 AM</time>–<time" in page
    assert "9:45 AM CDT" in page
    assert "12:45 PM EDT" in page
    assert "Times in America/Chicago" in page
    assert "Hall A · Strategy · Dr. Ada Okafor" in page
    assert "Dr. Ada Okafor, Sam Lee" in page
    assert "Crisis communication on X" not in page
    # The virtual webinar also shows the viewer's clock (static/events/local-times.js).
    assert (
        '<time datetime="2030-05-08T12:00:00-04:00" class="js-local-time" '
        'data-event-zone="America/New_York">12:00 PM</time>'
    ) in page
    assert 'data-event-zone="America/Chicago"' not in page
    assert page.count("Remove from my agenda") == 3


def test_the_starred_sessions_come_before_the_calendar_link(client, me, agendas):
    client.post(star_url(agendas.keynote), {"starred": "1"})
    issue_link(client)

    page = client.get(MY_AGENDA).content.decode()

    # In the page's order (and so first on a phone); the link's card sits beside them on a
    # wide screen (static/events/my_agenda.css).
    assert_in_order(
        page,
        '<div class="layout-sidebar my-agenda-layout">',
        "Why physicians should post",
        '<h2 id="feed-title">Subscribe in your calendar</h2>',
        "Issue a new link",
    )


def test_an_empty_agenda_says_how_to_fill_it(client, me):
    page = client.get(MY_AGENDA).content.decode()

    assert "No sessions starred yet" in page
    assert "Create my calendar link" in page


def test_the_page_shows_the_private_link_on_the_sites_address(client, me, settings):
    settings.SITE_URL = "https://socialrx.example.org"
    token = issue_link(client)

    page = client.get(MY_AGENDA).content.decode()

    assert f'value="https://socialrx.example.org/events/agenda/{token}.ics"' in page
    assert f'href="webcal://socialrx.example.org/events/agenda/{token}.ics"' in page
    assert "From URL" in page
    assert "Subscribe from web" in page
    assert "Issue a new link" in page
    assert 'data-copy-from="feed-url"' in page
    assert "events/my-agenda.js" in page


@pytest.mark.parametrize("starred", [1, 4])
def test_the_page_takes_the_same_queries_however_many_sessions(
    client, me, starred, django_assert_num_queries
):
    agendas = make_agendas()
    sessions = [agendas.keynote, agendas.crisis, agendas.panel, agendas.answering][:starred]
    for session in sessions:
        StarredSession.objects.create(person=me, session=session)
    services.issue_feed(me)

    # Session and user; the live feed, the starred sessions, their speakers; the menus' seats.
    with django_assert_num_queries(6):
        response = client.get(MY_AGENDA)

    assert response.content.decode().count("Remove from my agenda") == starred


# --- issuing a link -----------------------------------------------------------------------------


def test_issuing_a_new_link_revokes_the_old_one(client, me):
    first = issue_link(client)

    response = client.post(NEW_LINK)

    assert response.status_code == 302
    assert response["Location"] == MY_AGENDA
    live = AgendaFeed.objects.get(person=me, revoked_at__isnull=True)
    assert live.token != first
    assert AgendaFeed.objects.get(token=first).revoked_at is not None
    assert AuditEvent.objects.filter(action="events.agenda_feed.issued").count() == 2


def test_a_token_is_long_and_unguessable(me):
    feed = services.issue_feed(me)

    assert len(feed.token) == 43
    assert feed.token != services.issue_feed(me).token


def test_the_database_keeps_one_live_feed_per_person(me):
    AgendaFeed.objects.create(person=me, token="a" * 43)

    with pytest.raises(IntegrityError, match="events_one_live_feed|UNIQUE"), transaction.atomic():
        AgendaFeed.objects.create(person=me, token="b" * 43)


def test_a_new_link_is_a_post(client, me):
    assert client.get(NEW_LINK).status_code == 405
