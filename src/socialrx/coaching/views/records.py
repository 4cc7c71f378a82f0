"""After a session: the record page (held or missed, a note, action items), a later note, a
later action item, and ticking items off (with or without JavaScript).

Another organization's session, engagement or item is not found (404), so ids cannot be
probed; the organization's own people reach the pages but may not record (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import Conflict, DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..forms_records import ActionItemForm, ActionItemFormSet, NoteForm, RecordForm
from ..models import ActionItem, CoachingSession, Engagement, SessionStatus
from ..selectors.access import action_item_for, engagement_for, session_for, session_of_engagement
from ..selectors.records import session_records, ticked_item
from ..services import records as service

# --- where to go back to -----------------------------------------------------------------------


def _page(route: str, public_id, fallback: str = "/") -> str:
    try:
        return reverse(route, args=[public_id])
    except NoReverseMatch:  # the area serving it is not installed
        return fallback


def session_page(session: CoachingSession) -> str:
    return _page(
        "coaching:session",
        session.public_id,
        reverse("coaching:record", args=[session.public_id]),
    )


def engagement_page(engagement: Engagement) -> str:
    return _page("coaching:engagement", engagement.public_id)


def _safe_next(request) -> str:
    back = str(request.POST.get("next", ""))
    if (
        back.startswith("/")
        and not back.startswith("//")
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        return back
    return ""


# --- recording ---------------------------------------------------------------------------------


def _not_recordable(session: CoachingSession) -> str:
    """Why the session cannot be recorded now ("" when it can)."""
    if session.status in service.RECORDED:
        return f"This session was recorded as {session.get_status_display().lower()}."
    if session.status != SessionStatus.BOOKED:
        return (
            f"This session was {session.get_status_display().lower()}: there is nothing to record."
        )
    if session.starts_at > timezone.now():
        return "This session has not started yet: record it once it has started."
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def record(request, session_id):
    session = session_for(request.user, session_id)
    require(request.user, "coaching.record_session", session)
    engagement = session.engagement
    refusal = _not_recordable(session)
    posted = request.POST if request.method == "POST" and not refusal else None
    form = RecordForm(posted, organization=engagement.organization)
    items = ActionItemFormSet(posted, prefix="items", form_kwargs={"engagement": engagement})
    status = 200
    if request.method == "POST" and refusal:
        status = 409 if session.status != SessionStatus.BOOKED else 400
    elif posted is not None:
        if form.is_valid() and items.is_valid():
            try:
                service.record_session(
                    actor=request.user,
                    session=session,
                    outcome=form.cleaned_data["outcome"],
                    note=form.note(),
                    action_items=items.drafts(),
                )
            except DomainError as error:
                if isinstance(error, Conflict):  # recorded or cancelled meanwhile
                    session.refresh_from_db()
                    refusal, status = error.message, 409
                else:
                    _show_refusal(form, error)
                    status = 400
            else:
                outcome = "held" if form.cleaned_data["outcome"] == "held" else "missed"
                messages.success(request, f"The session is recorded as {outcome}.")
                return redirect(session_page(session))
        else:
            status = 400
    context = {
        "session": session,
        "engagement": engagement,
        "form": form,
        "items": items,
        "refusal": refusal,
        "session_url": session_page(session),
        "engagement_url": engagement_page(engagement),
        **session_records(session, request.user),
    }
    return render(request, "coaching/records/record.html", context, status=status)


def _show_refusal(form, error: DomainError) -> None:
    # The note's fields are named note_* on this page.
    field = {"body": "note_body", "visibility": "note_visibility"}.get(error.field, error.field)
    add_error_to_form(form, DomainError(error.message, field=field, code=error.code))


# --- later notes and action items --------------------------------------------------------------


@login_required
@require_POST
def note_new(request, session_id):
    session = session_for(request.user, session_id)
    require(request.user, "coaching.record_session", session)
    form = NoteForm(request.POST, organization=session.engagement.organization)
    status = 400
    if form.is_valid():
        try:
            service.add_note(actor=request.user, session=session, note=form.note())
        except DomainError as error:
            add_error_to_form(form, error)
            status = 409 if isinstance(error, Conflict) else 400
        else:
            messages.success(request, "The note is saved.")
            return redirect(_safe_next(request) or session_page(session))
    return render(
        request,
        "coaching/records/note_form.html",
        {"session": session, "engagement": session.engagement, "form": form},
        status=status,
    )


@login_required
@require_POST
def action_item_new(request, engagement_id):
    engagement = engagement_for(request.user, engagement_id)
    require(request.user, "coaching.record_session", engagement)
    session = session_of_engagement(engagement, request.POST.get("session", ""))
    form = ActionItemForm(request.POST, engagement=engagement)
    if form.is_valid():
        try:
            item = service.add_action_item(
                actor=request.user, engagement=engagement, draft=form.draft(), session=session
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"“{item.title}” is on the action items.")
            return redirect(_safe_next(request) or engagement_page(engagement))
    return render(
        request,
        "coaching/records/action_item_form.html",
        {
            "engagement": engagement,
            "session": session,
            "form": form,
            "next": _safe_next(request),
            "engagement_url": engagement_page(engagement),
        },
        status=400,
    )


# --- ticking off -------------------------------------------------------------------------------


@login_required
@require_POST
def action_item_toggle(request, item_id):
    """Tick off or reopen. The form says which ("done" = 1 or 0; without it, toggle); an htmx
    request gets the item back (and the open count), any other the page it came from."""
    item = action_item_for(request.user, item_id)
    wanted = {"1": True, "0": False}.get(request.POST.get("done", ""))
    item = service.set_action_item_done(actor=request.user, item=item, done=wanted)
    back = _safe_next(request)
    if request.htmx:
        return _toggled_item(request, item, back)
    messages.success(
        request,
        f"“{item.title}” is done." if item.done_at else f"“{item.title}” is open again.",
    )
    return redirect(back or engagement_page(item.engagement))


def _toggled_item(request, item: ActionItem, back: str):
    ticked = ticked_item(item, str(request.POST.get("scope_session", "")))
    return render(
        request,
        "coaching/records/toggled.html",
        {
            "item": ticked.item,
            "may_tick_action_items": True,
            "records_next": back,
            "open_action_items": ticked.open_count,
            "swap_oob": True,
            "records_session": ticked.session,
        },
    )
