"""Events' public pages served to anonymous visitors from the page cache: no query on a second
visit, drawn again once something they show has changed (a place taken or freed, a session
added), and never served to a signed-in person."""

import pytest
from django.test import Client

from socialrx.events import freshness
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.registration import AttendeeDetails, register
from tests.events.factories import make_event, make_session, make_speaker, make_ticket_type

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def summit():
    event = make_event(title="Cache summit", slug="cache-summit", capacity=10)
    ticket_type = make_ticket_type(event, name="Free pass", price_cents=0)
    speaker = make_speaker(full_name="Dr. Ada Cache", slug="ada-cache")
    make_session(event, title="Opening", slug="opening", speakers=[speaker])
    return event, ticket_type


def visit(url, client=None):
    return (client or Client()).get(url)


@pytest.mark.parametrize(
    "url",
    [
        "/events/",
        "/events/cache-summit/",
        "/events/cache-summit/agenda/",
        "/events/cache-summit/sessions/opening/",
        "/events/cache-summit/speakers/",
        "/events/cache-summit/speakers/ada-cache/",
    ],
)
def test_a_second_anonymous_visit_is_served_from_the_cache(summit, django_assert_num_queries, url):
    first = visit(url)
    with django_assert_num_queries(0):
        second = visit(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_a_place_taken_then_freed_moves_the_version(
    summit, user, django_capture_on_commit_callbacks
):
    event, ticket_type = summit
    before = freshness.page_version()
    with django_capture_on_commit_callbacks(execute=True):
        order = register(
            user, event, ticket_type, [AttendeeDetails(full_name="Ann Lee", email=user.email)]
        )
    taken = freshness.page_version()
    assert taken != before

    with django_capture_on_commit_callbacks(execute=True):
        cancel_attendee(user, order.attendees.get())
    assert freshness.page_version() != taken


def test_a_new_session_redraws_the_agenda(summit, django_capture_on_commit_callbacks):
    event, _ = summit
    url = "/events/cache-summit/agenda/"
    assert "Closing panel" not in visit(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_session(event, title="Closing panel", starts_at=event.starts_at.replace(hour=20))

    assert "Closing panel" in visit(url).content.decode()


def test_a_signed_in_person_is_never_served_the_visitors_copy(summit, user, client):
    url = "/events/cache-summit/"
    visit(url)
    client.force_login(user)
    response = visit(url, client)
    assert response.status_code == 200
    # Drawn by the view for them (a copy from the cache carries no template context).
    assert response.context is not None
    assert response.context["request"].user == user
