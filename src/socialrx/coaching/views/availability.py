"""A coach's availability page (weekly windows, date exceptions, the next bookable slots, the
private calendar link), its remove and new-link actions, and the calendar feed itself (no
sign-in: the token in its address is the key).

A coach keeps their own week; staff keep any coach's through `?coach=<profile public id>`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.core.requests import client_ip

from .. import feeds
from ..forms_availability import ExceptionForm, WindowForm
from ..models import CoachProfile
from ..selectors import availability as selectors
from ..selectors.slots import min_notice
from ..services import availability as services
from ..services import feeds as feed_services

WINDOW, EXCEPTION = "window", "exception"


def page_of(user, coach: CoachProfile) -> str:
    """The availability page of `coach` as `user` opens it (staff name the coach)."""
    url = reverse("coaching:availability")
    return url if coach.user_id == user.pk else f"{url}?coach={coach.public_id}"


def _forms(request, coach: CoachProfile):
    today = services.coach_today(coach)
    which = request.POST.get("form") if request.method == "POST" else None
    data = request.POST if which else None
    window_form = WindowForm(data if which == WINDOW else None, prefix=WINDOW)
    exception_form = ExceptionForm(
        data if which == EXCEPTION else None, prefix=EXCEPTION, today=today
    )
    return which, window_form, exception_form


def _add(request, coach: CoachProfile, which: str, window_form, exception_form) -> bool:
    """Carry out the posted form; False (errors on the form) when it was refused."""
    form = window_form if which == WINDOW else exception_form
    if not form.is_valid():
        return False
    try:
        if which == WINDOW:
            window = services.add_window(actor=request.user, coach=coach, **form.data_for_service())
            messages.success(request, f"Added {services.describe_window(window)}.")
        else:
            exception = services.add_exception(
                actor=request.user, coach=coach, **form.data_for_service()
            )
            messages.success(request, f"Added {services.describe_exception(exception)}.")
    except DomainError as refusal:
        add_error_to_form(form, refusal)
        return False
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def availability(request):
    coach = selectors.coach_to_keep(request.user, request.GET.get("coach"))
    if coach is None:
        return render(
            request,
            "coaching/availability/no_profile.html",
            {
                "is_staff": allowed(request.user, "coaching.manage_coaches"),
                "coaches": selectors.coaches_to_choose(),
            },
        )
    which, window_form, exception_form = _forms(request, coach)
    if which not in (None, WINDOW, EXCEPTION):
        return HttpResponseBadRequest("Unknown form.", content_type="text/plain; charset=utf-8")
    if which and _add(request, coach, which, window_form, exception_form):
        return redirect(page_of(request.user, coach))
    url = feeds.feed_url(coach)
    return render(
        request,
        "coaching/availability/page.html",
        {
            "coach": coach,
            "is_own": coach.user_id == request.user.pk,
            "here": page_of(request.user, coach),
            "zone_label": selectors.zone_label(coach.time_zone),
            "days": selectors.week_of(coach),
            "exceptions": selectors.upcoming_exceptions(coach, today=services.coach_today(coach)),
            "preview": selectors.next_slots(coach, now=timezone.now()),
            "preview_minutes": selectors.PREVIEW_MINUTES,
            "preview_days": selectors.PREVIEW_DAYS,
            "notice_hours": int(min_notice().total_seconds() // 3600),
            "window_form": window_form,
            "exception_form": exception_form,
            "max_windows": services.MAX_WINDOWS_A_DAY,
            "feed_url": url,
            "webcal_url": feeds.webcal_url(url),
        },
    )


@login_required
@require_POST
def window_delete(request, window_id: int):
    window = selectors.window_to_keep(request.user, window_id)
    services.remove_window(actor=request.user, window=window)
    messages.success(
        request,
        f"Removed {services.describe_window(window)}. Sessions already booked then stay booked.",
    )
    return redirect(page_of(request.user, window.coach))


@login_required
@require_POST
def exception_delete(request, exception_id: int):
    exception = selectors.exception_to_keep(request.user, exception_id)
    services.remove_exception(actor=request.user, exception=exception)
    messages.success(request, f"Removed {services.describe_exception(exception)}.")
    return redirect(page_of(request.user, exception.coach))


@login_required
@require_POST
def feed_reset(request):
    """Issue a new private calendar link (the old one stops working)."""
    coach = selectors.coach_to_keep(request.user, request.POST.get("coach") or None)
    if coach is None:
        messages.error(request, "Set up your coach profile first.")
        return redirect("coaching:availability")
    had_one = bool(coach.feed_token)
    feed_services.reset_feed(actor=request.user, coach=coach, ip_address=client_ip(request))
    if had_one:
        messages.success(
            request,
            "The new calendar link is ready. The old link no longer works: subscribe to the new "
            "one in your calendar program and remove the old subscription.",
        )
    else:
        messages.success(request, "Your calendar link is ready: subscribe to it below.")
    return redirect(page_of(request.user, coach) + "#feed")


def _text(message: str, status: int) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def feed(request, token: str):
    """The .ics a coach's calendar subscribes to: their sessions from 60 days ago on. A wrong
    or replaced token is 404 with a short reason in plain text; too many fetches from one
    address, 429."""
    try:
        feed_services.note_fetch(client_ip(request))
    except feed_services.TooManyFetches as refusal:
        response = _text(refusal.message, 429)
        response["Retry-After"] = "60"
        return response
    try:
        profile = feed_services.profile_for_token(token)
    except NotFound as refusal:
        return _text(refusal.message, 404)
    body = feeds.coach_calendar(feeds.feed_sessions(profile))
    feed_services.mark_fetched(profile)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coaching-sessions.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, max-age=300"
    return response
