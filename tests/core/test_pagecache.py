"""The page cache for anonymous visitors (core.pagecache), the benchmark's ceiling page and the
cached template loader."""

import importlib.util
import re

import pytest
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test import Client, override_settings

from socialrx.core import pagecache
from tests.core import pagecache_urls

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    pagecache_urls.versions["current"] = "1"


def drawn(response) -> int:
    return int(re.search(rb"drawn (\d+)", response.content).group(1))


# --- what is served from the cache --------------------------------------------------------------


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_second_anonymous_visit_gets_the_stored_page_without_a_query(
    client, page_cache, django_assert_num_queries
):
    first = client.get("/cached/plain/")

    with django_assert_num_queries(0):
        second = Client().get("/cached/plain/")

    assert drawn(second) == drawn(first)
    assert second["Vary"] == "Cookie"
    assert second.cookies == {}


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_new_version_draws_the_page_again(client, page_cache):
    first = client.get("/cached/plain/")
    pagecache_urls.versions["current"] = "2"

    second = client.get("/cached/plain/")

    assert drawn(second) == drawn(first) + 1
    assert drawn(client.get("/cached/plain/")) == drawn(second)


@pytest.mark.urls("tests.core.pagecache_urls")
def test_the_query_string_is_part_of_the_key(client, page_cache):
    first = client.get("/cached/plain/", {"q": "mayo"})

    assert drawn(client.get("/cached/plain/", {"q": "olmsted"})) == drawn(first) + 1
    assert drawn(client.get("/cached/plain/", {"q": "mayo"})) == drawn(first)


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_head_request_is_answered_from_the_stored_page(client, page_cache):
    first = client.get("/cached/plain/")

    head = client.head("/cached/plain/")

    assert head.status_code == 200
    assert drawn(client.get("/cached/plain/")) == drawn(first)


@pytest.mark.urls("tests.core.pagecache_urls")
def test_the_setting_at_zero_turns_the_cache_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/cached/plain/")

    assert drawn(client.get("/cached/plain/")) == drawn(first) + 1


# --- who is never served from it ----------------------------------------------------------------


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_signed_in_person_is_never_given_the_stored_page(client, page_cache, user):
    anonymous = Client().get("/cached/plain/")
    client.force_login(user)

    signed_in = client.get("/cached/plain/")

    assert b"Signed in" in signed_in.content
    assert drawn(signed_in) == drawn(anonymous) + 1


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_signed_in_persons_page_is_never_stored(client, page_cache, user):
    client.force_login(user)
    client.get("/cached/plain/")

    anonymous = Client().get("/cached/plain/")

    assert b"Signed in" not in anonymous.content
    assert drawn(Client().get("/cached/plain/")) == drawn(anonymous)


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_visitor_with_a_messages_cookie_gets_the_view(page_cache):
    stored = Client().get("/cached/plain/")
    visitor = Client()
    visitor.cookies["messages"] = "anything"

    assert drawn(visitor.get("/cached/plain/")) == drawn(stored) + 1


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_request_with_an_authorization_header_gets_the_view(client, page_cache):
    stored = client.get("/cached/plain/")

    answered = client.get("/cached/plain/", headers={"Authorization": "Bearer x"})

    assert drawn(answered) == drawn(stored) + 1


# --- what is never stored -----------------------------------------------------------------------


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_page_with_a_csrf_form_is_drawn_for_each_visitor_with_their_own_token(page_cache):
    first_visitor, second_visitor = Client(), Client()

    first = first_visitor.get("/cached/csrf/")
    second = second_visitor.get("/cached/csrf/")

    assert drawn(second) == drawn(first) + 1
    tokens = [
        re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', r.content).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


@pytest.mark.urls("tests.core.pagecache_urls")
@pytest.mark.parametrize(
    "url", ["/cached/cookie/", "/cached/message/", "/cached/session/", "/cached/private/"]
)
def test_a_page_that_is_one_visitors_is_not_stored(page_cache, url):
    first = Client().get(url)

    assert drawn(Client().get(url)) == drawn(first) + 1


@pytest.mark.urls("tests.core.pagecache_urls")
@pytest.mark.parametrize("url", ["/cached/missing/", "/cached/never/"])
def test_an_error_or_a_page_without_a_version_is_not_stored(client, page_cache, url):
    first = client.get(url)

    assert drawn(client.get(url)) == drawn(first) + 1


@pytest.mark.urls("tests.core.pagecache_urls")
def test_a_page_varying_on_a_header_is_kept_for_one_value_of_it(client, page_cache):
    english = client.get("/cached/language/", headers={"Accept-Language": "en"})

    french = client.get("/cached/language/", headers={"Accept-Language": "fr"})
    again = client.get("/cached/language/", headers={"Accept-Language": "fr"})

    assert drawn(french) == drawn(english) + 1
    assert b"<p>fr</p>" in french.content
    assert drawn(again) == drawn(french)
    assert again["Vary"] == "Accept-Language, Cookie"


def test_the_release_is_the_same_within_a_process():
    assert pagecache.release() == pagecache.release()
    assert re.fullmatch(r"[0-9a-f]{12}", pagecache.release())


# --- the benchmark's ceiling --------------------------------------------------------------------


def test_the_ceiling_page_does_not_exist_by_default(client):
    assert client.get("/bench/ceiling/").status_code == 404


def test_the_setting_adds_the_ceiling_to_the_urls():
    spec = importlib.util.find_spec("socialrx.core.urls")
    fresh_copy = importlib.util.module_from_spec(spec)
    with override_settings(BENCH_CEILING=True):
        spec.loader.exec_module(fresh_copy)

    names = [pattern.name for pattern in fresh_copy.urlpatterns]

    assert "bench_ceiling" in names


@pytest.mark.urls("tests.core.ceiling_urls")
def test_the_ceiling_draws_the_base_template_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/ceiling/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == ["core/bench_ceiling.html", "base.html"]
    assert b'<nav class="nav-primary" aria-label="Main">' in response.content
    assert b"Create account" in response.content


# --- templates ----------------------------------------------------------------------------------


def test_templates_are_compiled_once_per_process_by_the_cached_loader():
    loaders = engines["django"].engine.template_loaders

    assert [type(loader) for loader in loaders] == [CachedLoader]
