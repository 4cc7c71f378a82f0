"""Views that exist only in tests/core/test_pagecache.py: each shows when it was drawn (a
counter), so a test tells a page drawn by its view from the copy the cache kept."""

import itertools

from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_headers

from socialrx.core.pagecache import visitor_page_cache
from socialrx.urls import urlpatterns as site_urlpatterns

drawn = itertools.count(1)
versions = {"current": "1"}


def current_version(request, *args, **kwargs):
    return versions["current"]


def _page(request, body: str = "") -> HttpResponse:
    template = engines["django"].from_string(
        "<p>drawn {{ number }}</p>{% if user.is_authenticated %}<p>Signed in</p>{% endif %}" + body
    )
    return HttpResponse(template.render({"number": next(drawn)}, request))


def plain(request):
    return _page(request)


def with_csrf_form(request):
    return _page(request, '<form method="post">{% csrf_token %}<button>Send</button></form>')


def sets_a_cookie(request):
    response = _page(request)
    response.set_cookie("seen", "1")
    return response


def adds_a_message(request):
    messages.info(request, "Welcome back")
    return _page(request, "{% for m in messages %}{{ m }}{% endfor %}")


def writes_the_session(request):
    request.session["visited"] = True
    return _page(request)


@cache_control(private=True)
def private(request):
    return _page(request)


@vary_on_headers("Accept-Language")
def by_language(request):
    return _page(request, "<p>{{ request.META.HTTP_ACCEPT_LANGUAGE }}</p>")


def not_found(request):
    response = _page(request)
    response.status_code = 404
    return response


def _cached(view, version=current_version):
    return visitor_page_cache(view, version=version)


urlpatterns = [
    path("cached/plain/", _cached(plain)),
    path("cached/csrf/", _cached(with_csrf_form)),
    path("cached/cookie/", _cached(sets_a_cookie)),
    path("cached/message/", _cached(adds_a_message)),
    path("cached/session/", _cached(writes_the_session)),
    path("cached/private/", _cached(private)),
    path("cached/language/", _cached(by_language)),
    path("cached/missing/", _cached(not_found)),
    path("cached/never/", _cached(plain, version=lambda request: None)),
    *site_urlpatterns,
]
