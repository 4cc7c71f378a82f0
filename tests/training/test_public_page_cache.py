"""Training's public pages (catalogue, course, boot camp) served to anonymous visitors from the
page cache: no query on a second visit, drawn again once something they show has changed
(a seat taken, a course published), and never served to a signed-in person."""

import pytest
from django.test import Client

from socialrx.training import freshness
from socialrx.training.services.boot_camp_registration import book
from tests.training.factories import make_boot_camp, make_course

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def catalogue():
    course = make_course(title="X for physicians", slug="x-for-physicians")
    camp = make_boot_camp(title="Strategy boot camp", slug="strategy-boot-camp", capacity=10)
    return course, camp


def visit(url):
    return Client().get(url)


@pytest.mark.parametrize(
    "url",
    [
        "/training/",
        "/training/courses/x-for-physicians/",
        "/training/boot-camps/strategy-boot-camp/",
    ],
)
def test_a_second_anonymous_visit_is_served_from_the_cache(
    catalogue, django_assert_num_queries, url
):
    first = visit(url)
    with django_assert_num_queries(0):
        second = visit(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_a_seat_taken_redraws_the_boot_camp_page(
    catalogue, user, django_capture_on_commit_callbacks
):
    _, camp = catalogue
    url = "/training/boot-camps/strategy-boot-camp/"
    assert "<dd>10 of 10</dd>" in visit(url).content.decode()
    before = freshness.page_version()

    with django_capture_on_commit_callbacks(execute=True):
        book(user, camp, [user])

    assert freshness.page_version() != before
    assert "<dd>9 of 10</dd>" in visit(url).content.decode()


def test_publishing_a_course_shows_it_in_the_catalogue(
    catalogue, django_capture_on_commit_callbacks
):
    assert "Podcasting for your practice" not in visit("/training/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_course(title="Podcasting for your practice", slug="podcasting")
    assert "Podcasting for your practice" in visit("/training/").content.decode()


def test_a_signed_in_person_is_never_served_the_visitors_copy(catalogue, client, user):
    visit("/training/courses/x-for-physicians/")
    client.force_login(user)
    page = client.get("/training/courses/x-for-physicians/").content.decode()
    assert (
        "Join the network" not in page or "Sign in" not in page.split("Take this course")[1][:400]
    )
