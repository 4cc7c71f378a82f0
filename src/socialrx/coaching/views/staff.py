"""The coaching back office's engagement pages: its home (engagements by status, intakes
waiting for a coach), a new engagement (from an intake or not) and an engagement's form with
its status buttons. Center staff only (`coaching.manage_engagements`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.permissions import require

from ..forms_engagements import EngagementForm, StatusChangeForm, initial_for
from ..models import EngagementStatus
from ..selectors import engagements as selectors
from ..services import engagements as service

PERMISSION = "coaching.manage_engagements"
DONE = {
    "activate": "{title} is active: {organization}'s admins were emailed, and its people may book.",
    "complete": "{title} is completed.",
}


@login_required
def staff_home(request):
    require(request.user, PERMISSION)
    return render(request, "coaching/staff/home.html", {"home": selectors.staff_home()})


def _intake_from(request):
    """The intake named by ?intake= (404 when malformed or unknown)."""
    public_id = request.GET.get("intake", "").strip()
    if not public_id:
        return None
    try:
        return selectors.intake_for_engagement(public_id)
    except ValidationError as error:  # not a UUID
        raise NotFound("Needs assessment not found.") from error


@login_required
@require_http_methods(["GET", "POST"])
def staff_engagement_new(request):
    require(request.user, PERMISSION)
    intake = _intake_from(request)
    initial = selectors.prefill_from_intake(intake) if intake is not None else {}
    help_text = selectors.plan_hours_help(intake.organization) if intake is not None else ""
    form = EngagementForm(request.POST or None, initial=initial, intake=intake, plan_help=help_text)
    if request.method == "POST" and form.is_valid():
        try:
            engagement = service.create_engagement(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                intake=intake,
                status=form.cleaned_data["status"],
                **form.data_for_service(),
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                f"{engagement.title} was created ({engagement.get_status_display().lower()}).",
            )
            return redirect("coaching:staff_engagement_edit", engagement_id=engagement.public_id)
    return render(
        request,
        "coaching/staff/engagement_form.html",
        {
            "form": form,
            "engagement": None,
            "intake": intake,
            "intake_is_draft": intake is not None and intake.status == "draft",
        },
        status=400 if request.method == "POST" else 200,
    )


def _edit_page(request, engagement, form, *, status=200):
    return render(
        request,
        "coaching/staff/engagement_form.html",
        {
            "form": form,
            "engagement": engagement,
            "hours": selectors.hours_of(engagement),
            "may_activate": engagement.status == EngagementStatus.PROPOSED,
            "may_complete": engagement.status == EngagementStatus.ACTIVE,
            "is_completed": engagement.status == EngagementStatus.COMPLETED,
        },
        status=status,
    )


def _change_status(request, engagement):
    form = StatusChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose activate or complete.")
        return None
    change = form.cleaned_data["change"]
    run = service.activate if change == "activate" else service.complete
    try:
        engagement = run(actor=request.user, engagement=engagement)
    except DomainError as error:
        messages.error(request, error.message)
        return None
    messages.success(
        request,
        DONE[change].format(title=engagement.title, organization=engagement.organization.name),
    )
    return redirect("coaching:staff_engagement_edit", engagement_id=engagement.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def staff_engagement_edit(request, engagement_id):
    """The engagement's form; a POST with `change` (activate, complete) moves its status."""
    require(request.user, PERMISSION)
    engagement = selectors.staff_engagement(engagement_id)
    plan_help = selectors.plan_hours_help(engagement.organization, engagement)
    if request.method == "POST" and "change" in request.POST:
        done = _change_status(request, engagement)
        if done is not None:
            return done
        form = EngagementForm(
            initial=initial_for(engagement), engagement=engagement, plan_help=plan_help
        )
        return _edit_page(request, engagement, form, status=400)
    form = EngagementForm(
        request.POST or None,
        initial=initial_for(engagement),
        engagement=engagement,
        plan_help=plan_help,
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = service.update_engagement(
                actor=request.user, engagement=engagement, **form.data_for_service()
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{engagement.title} was saved.")
            return redirect("coaching:staff_engagement_edit", engagement_id=engagement.public_id)
    return _edit_page(
        request,
        selectors.staff_engagement(engagement_id),
        form,
        status=400 if request.method == "POST" else 200,
    )
