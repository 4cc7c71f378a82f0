"""Booking pages: choosing a slot (on the viewer's own clock) and booking it, one session's
page and its calendar file, moving a session, cancelling one. Every write goes through
`services.booking`; a refusal is shown above the form with the slots drawn again."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed, require

from ..calendars import (
    describe_moment,
    describe_session_time,
    invitation,
    on_clock,
    policy_sentence,
    zone_label,
)
from ..forms_booking import BookForm, CancelForm, SlotChoiceForm, SlotQueryForm
from ..models import EngagementStatus
from ..selectors.access import engagement_for, session_for
from ..selectors.booking import (
    SlotWeek,
    change_terms,
    describe_notice,
    slot_week,
    today_on_clock,
)
from ..selectors.coaches import coach_zone
from ..selectors.hours import allowance_of, describe_minutes
from ..selectors.records import session_records
from ..services import booking as booking_service


@dataclass(frozen=True)
class Picker:
    """The slot picker's state: the query form, the week shown (None when the query is bad)
    and the links to the weeks either side."""

    query: SlotQueryForm
    week: SlotWeek | None
    minutes: int
    zone_name: str
    zone_label: str
    previous_url: str
    next_url: str
    skipped_this_week: bool = False  # nothing was left this week: the next one is shown
    zone_abbr: str = ""  # the viewer's zone's abbreviation today ("EST")


def _query_string(**values) -> str:
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _picker(request, engagement, *, coaches, coach_user_id=None, default_minutes=60) -> Picker:
    """The week asked for (`?week=`, `?minutes=`, `?coach=`) on the viewer's own clock; a
    bad query leaves `week` None and its errors on `query`."""
    zone_name = request.user.time_zone
    today = today_on_clock(zone_name)
    query = SlotQueryForm(request.GET, coaches=coaches, today=today)
    if not query.is_valid():
        return Picker(query, None, default_minutes, zone_name, zone_label(zone_name), "", "")
    abbreviation = on_clock(timezone.now(), zone_name).tzname()
    minutes = query.cleaned_data["minutes"] if "minutes" in request.GET else default_minutes
    chosen_coach = query.cleaned_data.get("coach")
    if chosen_coach:
        coach_user_id = next(c.pk for c in coaches if str(c.public_id) == chosen_coach)
    week = slot_week(
        engagement,
        monday=query.cleaned_data["week"],
        zone_name=zone_name,
        minutes=minutes,
        coach_user_id=coach_user_id,
    )
    skipped = False
    if not week.count and not request.GET.get("week"):
        # Nothing left this week (a Friday evening): open on the next one.
        skipped = True
        week = slot_week(
            engagement,
            monday=week.next,
            zone_name=zone_name,
            minutes=minutes,
            coach_user_id=coach_user_id,
        )
    keep = {"minutes": minutes, "coach": chosen_coach}
    # No way back to weeks already over.
    previous_url = (
        _query_string(week=week.previous.isoformat(), **keep) if week.monday > today else ""
    )
    next_url = _query_string(week=week.next.isoformat(), **keep)
    return Picker(
        query,
        week,
        minutes,
        zone_name,
        zone_label(zone_name),
        previous_url,
        next_url,
        skipped_this_week=skipped,
        zone_abbr=abbreviation,
    )


def _refused(request, engagement, message: str, *, status: int):
    return render(
        request,
        "coaching/booking/refused.html",
        {"engagement": engagement, "message": message},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def book(request, engagement_id):
    """Choose a slot of the engagement's coaches in the viewer's week, write an agenda, book."""
    engagement = engagement_for(request.user, engagement_id)
    if engagement.status != EngagementStatus.ACTIVE:
        return _refused(
            request,
            engagement,
            f"This engagement is {engagement.get_status_display().lower()}: sessions are "
            "booked while it is active.",
            status=409,
        )
    require(request.user, "coaching.book", engagement)
    coaches = list(engagement.coaches.all())
    picker = _picker(request, engagement, coaches=coaches)
    form = BookForm(request.POST if request.method == "POST" else None)
    refusal = None
    if picker.week is not None and form.is_bound and form.is_valid():
        coach_public_id, starts_at = form.cleaned_data["slot"]
        coach = next((c for c in coaches if c.public_id == coach_public_id), None)
        try:
            if coach is None:
                raise DomainError("Choose one of the times offered.", field="slot")
            session = booking_service.book(
                actor=request.user,
                engagement=engagement,
                coach=coach,
                starts_at=starts_at,
                minutes=picker.minutes,
                agenda=form.cleaned_data["agenda"],
                meeting_url=form.cleaned_data["meeting_url"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
            refusal = error
        else:
            messages.success(
                request,
                "Your session is booked: the invitation is on its way to you and your coach.",
            )
            return redirect("coaching:session", session_id=session.public_id)
    allowance = allowance_of(engagement)
    context = {
        "engagement": engagement,
        "coaches": coaches,
        "several_coaches": len(coaches) > 1,
        "policy": policy_sentence(),
        "picker": picker,
        "chosen": form["slot"].value() or "",
        "form": form,
        "refusal": refusal,
        "hours_left": describe_minutes(allowance.bookable_minutes),
        "fits": allowance.bookable_minutes >= picker.minutes,
        "fits_half": allowance.bookable_minutes >= 30,
        "may_buy": allowed(request.user, "coaching.buy_hours", engagement),
    }
    status = 400 if form.is_bound or picker.week is None else 200
    return render(request, "coaching/booking/book.html", context, status=status)


@login_required
@require_GET
def session(request, session_id):
    """When (the viewer's clock and the coach's), who, the agenda and link, the policy, the
    buttons the viewer may use, and the notes recorded after it."""
    found = session_for(request.user, session_id)
    zone_name = request.user.time_zone
    coaches_zone = coach_zone(found.coach)
    may_change = allowed(request.user, "coaching.change_session", found)
    terms = change_terms(request.user, found) if may_change else None
    context = {
        "session": found,
        "engagement": found.engagement,
        "when": describe_session_time(found, zone_name),
        "when_coach": (
            describe_moment(found.starts_at, coaches_zone) if coaches_zone != zone_name else ""
        ),
        "free_until": describe_moment(terms.free_until, zone_name, year=False) if terms else "",
        "terms": terms,
        "is_upcoming": found.status == "booked" and found.starts_at > timezone.now(),
        "policy": policy_sentence(),
    }
    context.update(session_records(found, request.user))
    # What F's partials read on a session page: the session scoping them, and who records.
    context["records_session"] = found
    context["may_record"] = allowed(request.user, "coaching.record_session", found)
    return render(request, "coaching/booking/session.html", context)


@login_required
@require_GET
def session_ics(request, session_id):
    """The session as a calendar file (the same UID as the emailed invitations)."""
    found = session_for(request.user, session_id)
    response = HttpResponse(
        invitation(found, method="PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="coaching-session.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reschedule(request, session_id):
    """Another slot of the same coach; refused (with the policy) when it can't be moved."""
    found = session_for(request.user, session_id)
    require(request.user, "coaching.change_session", found)
    terms = change_terms(request.user, found)
    picker = None
    form = SlotChoiceForm(request.POST if request.method == "POST" else None)
    refusal = None
    if terms.may_reschedule:
        picker = _picker(
            request,
            found.engagement,
            coaches=[],
            coach_user_id=found.coach_id,
            default_minutes=found.minutes,
        )
    if request.method == "POST" and picker is None:
        form.is_valid()
        form.add_error(None, terms.refusal)
    elif picker is not None and picker.week is not None and form.is_bound and form.is_valid():
        coach_public_id, starts_at = form.cleaned_data["slot"]
        try:
            if coach_public_id != found.coach.public_id:
                raise DomainError("Choose one of the times offered.", field="slot")
            booking_service.reschedule(
                actor=request.user, session=found, starts_at=starts_at, minutes=picker.minutes
            )
        except DomainError as error:
            add_error_to_form(form, error)
            refusal = error
        else:
            messages.success(request, "The session is moved: both sides get the new invitation.")
            return redirect("coaching:session", session_id=found.public_id)
    context = {
        "session": found,
        "engagement": found.engagement,
        "when": describe_session_time(found, request.user.time_zone),
        "terms": terms,
        "free_until": describe_moment(terms.free_until, request.user.time_zone),
        "picker": picker,
        "chosen": form["slot"].value() or "",
        "form": form,
        "refusal": refusal,
        "may_buy": allowed(request.user, "coaching.buy_hours", found.engagement),
    }
    status = 400 if form.is_bound or (picker and picker.week is None) else 200
    return render(request, "coaching/booking/reschedule.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, session_id):
    """Says exactly what cancelling costs now, then cancels."""
    found = session_for(request.user, session_id)
    require(request.user, "coaching.change_session", found)
    now = timezone.now()
    terms = change_terms(request.user, found, now=now)
    form = CancelForm(
        request.POST if request.method == "POST" else None, reason_required=terms.center_side
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking_service.cancel(
                actor=request.user, session=found, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, "The session is cancelled: both sides are told by email.")
            return redirect("coaching:session", session_id=found.public_id)
    context = {
        "session": found,
        "engagement": found.engagement,
        "when": describe_session_time(found, request.user.time_zone),
        "terms": terms,
        "notice": describe_notice(found.starts_at, now),
        "free_until": describe_moment(terms.free_until, request.user.time_zone),
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return render(request, "coaching/booking/cancel.html", context, status=status)
