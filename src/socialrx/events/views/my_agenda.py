"""My agenda: starring a session (with or without JavaScript), the person's starred sessions
with their private subscription link, issuing a new link, and the feed itself (no sign-in: the
token in its address is the key)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe

from socialrx.core.errors import NotFound
from socialrx.core.permissions import require
from socialrx.core.requests import client_ip

from ..models import EventStatus, Session
from ..selectors import my_agenda as selectors
from ..services import my_agenda as services


def session_path(session: Session) -> str:
    """The session's public page (`session.event` is read)."""
    return reverse("events:session", args=[session.event.slug, session.slug])


def feed_url(feed) -> str:
    """The feed's absolute address on the site's public address (settings.SITE_URL)."""
    return services.absolute(reverse("events:agenda_feed", args=[feed.token]))


def webcal_url(url: str) -> str:
    """The same address for calendar programs that subscribe on a click (webcal://)."""
    return "webcal://" + url.split("://", 1)[-1]


def _session(slug: str, session_slug: str) -> Session:
    """A session of a published event, with its event; NotFound otherwise (drafts cannot be
    probed)."""
    session = (
        Session.objects.select_related("event")
        .filter(event__slug=slug, slug=session_slug, event__status=EventStatus.PUBLISHED)
        .first()
    )
    if session is None:
        raise NotFound("Session not found.")
    return session


def _safe_next(request) -> str:
    """Where the form asked to go back to, if it is a path on this site."""
    back = str(request.POST.get("next", ""))
    if (
        back.startswith("/")
        and not back.startswith("//")
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        return back
    return ""


@login_required
@require_POST
def session_star(request, slug, session_slug):
    """Star or unstar a session. The form says which ("starred" = 1 or 0; without it, toggle);
    an htmx request gets the button back, any other the page it came from."""
    session = _session(slug, session_slug)
    wanted = {"1": True, "0": False}.get(request.POST.get("starred", ""))
    starred = services.set_starred(request.user, session, wanted)
    back = _safe_next(request)
    if request.htmx:
        return render(
            request,
            "events/includes/star_button.html",
            {"session": session, "starred": starred, "star_next": back or session_path(session)},
        )
    if starred:
        messages.success(request, f"“{session.title}” is in your agenda.")
    else:
        messages.success(request, f"“{session.title}” is no longer in your agenda.")
    return redirect(back or session_path(session))


@login_required
@require_GET
def my_agenda(request):
    require(request.user, "events.keep_agenda")
    feed = selectors.live_feed(request.user)
    url = feed_url(feed) if feed else ""
    return render(
        request,
        "events/my_agenda/agenda.html",
        {
            "agenda": selectors.my_agenda(request.user),
            "feed": feed,
            "feed_url": url,
            "webcal_url": webcal_url(url) if url else "",
            "here": reverse("events:my_agenda"),
        },
    )


@login_required
@require_POST
def agenda_feed_new(request):
    had_one = selectors.live_feed(request.user) is not None
    services.issue_feed(request.user, ip_address=client_ip(request))
    if had_one:
        messages.success(
            request,
            "Your new calendar link is ready. The old link no longer works: subscribe to the "
            "new one in your calendar program and remove the old subscription.",
        )
    else:
        messages.success(request, "Your calendar link is ready: subscribe to it below.")
    return redirect("events:my_agenda")


def _text(message: str, status: int) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def agenda_feed(request, token):
    """The .ics a calendar program subscribes to: the token's person's starred sessions of
    published events. A wrong or replaced token is 404 with a short reason in plain text;
    too many fetches from one address, 429."""
    try:
        services.note_fetch(client_ip(request))
    except services.TooManyFetches as refusal:
        response = _text(refusal.message, 429)
        response["Retry-After"] = "60"
        return response
    try:
        feed = services.feed_for_token(token)
    except NotFound as refusal:
        return _text(refusal.message, 404)
    body = services.feed_calendar(feed, lambda session: services.absolute(session_path(session)))
    services.mark_fetched(feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-agenda.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-cache"
    return response
