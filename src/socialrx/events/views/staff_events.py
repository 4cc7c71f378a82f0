"""Staff's events back office: the list, a new event, an event's overview and form, and its
status (publish, back to draft, cancel). Center staff only (`events.manage_events`); their
accounts have two-factor authentication (the accounts middleware requires it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..calendars import describe_moment, describe_span
from ..forms_events import EventForm, StatusForm
from ..selectors import staff_events as selectors
from ..services import event_admin as service

DONE_MESSAGES = {
    "publish": "{title} is published: people can see it and register.",
    "unpublish": "{title} is back to draft: only staff can see it.",
    "cancel": (
        "{title} is cancelled. {tickets} ticket(s) were cancelled and refunded in full through "
        "billing; every attendee and buyer was emailed."
    ),
}


def _manage(request) -> None:
    require(request.user, "events.manage_events")


@login_required
def event_list(request):
    _manage(request)
    events = list(selectors.staff_event_list())
    rows = [(event, describe_span(event)) for event in events]
    return render(request, "events/staff/events/list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    _manage(request)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = service.create_event(actor=request.user, data=form.data_for_service())
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, f"{event.title} was created as a draft: now build its agenda."
            )
            return redirect("events:staff_event", slug=event.slug)
    return render(
        request,
        "events/staff/events/form.html",
        {"form": form, "event": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    _manage(request)
    event = selectors.staff_event(slug)
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = service.update_event(
                actor=request.user, event=event, data=form.data_for_service()
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{event.title} was saved.")
            return redirect("events:staff_event", slug=event.slug)
    return render(
        request,
        "events/staff/events/form.html",
        {"form": form, "event": selectors.staff_event(slug)},
        status=400 if request.method == "POST" else 200,
    )


def _overview(request, event, *, status_form=None, status=200):
    return render(
        request,
        "events/staff/events/overview.html",
        {
            "event": event,
            "overview": selectors.overview(event),
            "span": describe_span(event),
            "starts": describe_moment(event.starts_at, event),
            "ends": describe_moment(event.ends_at, event),
            "registration_opens": describe_moment(event.registration_opens_at, event),
            "registration_closes": describe_moment(event.registration_closes_at, event),
            "refund_until": describe_moment(event.refund_until, event),
            "rename_until": describe_moment(event.rename_until, event),
            "actions": selectors.status_actions(event),
            "cancel_form": status_form or StatusForm(initial={"action": "cancel"}),
        },
        status=status,
    )


@login_required
def event_overview(request, slug):
    _manage(request)
    return _overview(request, selectors.staff_event(slug))


@login_required
@require_POST
def event_status(request, slug):
    _manage(request)
    event = selectors.staff_event(slug)
    form = StatusForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        refunded = 0
        try:
            if action == "cancel":
                event, refunded = service.cancel_event(
                    actor=request.user, event=event, reason=form.cleaned_data["reason"]
                )
            else:
                event = service.set_status(
                    actor=request.user,
                    event=event,
                    change=action,
                    reason=form.cleaned_data["reason"],
                )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            done = DONE_MESSAGES[action].format(title=event.title, tickets=refunded)
            messages.success(request, done)
            return redirect("events:staff_event", slug=event.slug)
    if form.data.get("action") != "cancel":
        # Publishing or taking back refused: say why above the page, keep the cancel form clean.
        for error in form.non_field_errors() or form.errors.get("action", []):
            messages.error(request, error)
        form = None
    return _overview(request, event, status_form=form, status=400)
