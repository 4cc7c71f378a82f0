"""Coaches' side and staff's: a coach keeps their own profile; staff list every coach, make and
edit profiles, see the queue of needs assessments and assign a coach to one, helped by ranked
suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..forms_coaches import AssignCoachForm, CoachProfileForm, NewCoachProfileForm
from ..models import IntakeStatus
from ..photos import MAX_PHOTO_BYTES, TOO_LARGE
from ..selectors import coaches as coach_selectors
from ..selectors import matching as matching_selectors
from ..selectors.intakes import summary
from ..services import coaches as coach_services
from ..services import matching as matching_services

# Room in the body for the other fields and the multipart boundaries.
MAX_BODY_BYTES = MAX_PHOTO_BYTES + 256 * 1024
PROFILE_TEMPLATE = "coaching/coaches/profile.html"


def _too_large(request) -> bool:
    """A body bigger than any acceptable photo is refused before it is read."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def _posted(request):
    """A form's data when the request is a POST (even an empty one: it must show its
    errors), None otherwise."""
    return request.POST if request.method == "POST" else None


def _edit_profile(request, profile, *, staff: bool, done_url: str):
    """The profile form, shared by the coach's own page and staff's."""
    context = {"profile": profile, "staff": staff, "error": "", "heading": f"{profile}’s profile"}
    if request.method == "POST" and _too_large(request):
        context |= {"form": CoachProfileForm(profile=profile), "error": TOO_LARGE}
        return render(request, PROFILE_TEMPLATE, context, status=413)
    files = request.FILES if request.method == "POST" else None
    form = CoachProfileForm(_posted(request), files, profile=profile)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            coach_services.update_profile(
                actor=request.user,
                profile=profile,
                data=values,
                photo=values.get("photo"),
                remove_photo=bool(values.get("remove_photo")),
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, "The profile was saved.")
            return redirect(done_url)
    context["form"] = form
    return render(
        request, PROFILE_TEMPLATE, context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def coach_profile(request):
    require(request.user, "coaching.be_coach")
    profile = coach_services.own_profile(actor=request.user)
    return _edit_profile(request, profile, staff=False, done_url="coaching:coach_profile")


# --- staff: coaches -----------------------------------------------------------------------


@login_required
def staff_coaches(request):
    require(request.user, "coaching.manage_coaches")
    context = {
        "rows": coach_selectors.staff_coach_rows(),
        "can_add": coach_selectors.coaches_without_profile().exists(),
    }
    return render(request, "coaching/staff/coaches.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_coach_new(request):
    require(request.user, "coaching.manage_coaches")
    form = NewCoachProfileForm(
        _posted(request),
        initial={"coach": request.GET.get("coach")},  # staff's list links "Make a profile"
        coaches=coach_selectors.coaches_without_profile(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile = coach_services.create_profile(
                actor=request.user, coach=form.cleaned_data["coach"]
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"A profile was made for {profile}: fill it in below.")
            return redirect("coaching:staff_coach_edit", coach_id=profile.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "coaching/staff/coaches_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_coach_edit(request, coach_id):
    require(request.user, "coaching.manage_coaches")
    profile = coach_selectors.staff_coach_profile(coach_id)
    return _edit_profile(request, profile, staff=True, done_url="coaching:staff_coaches")


# --- staff: needs assessments -------------------------------------------------------------


@login_required
def staff_intakes(request):
    require(request.user, "coaching.assign_coach")
    queue = matching_selectors.staff_intake_queue()
    return render(request, "coaching/staff/intakes.html", {"queue": queue})


@login_required
@require_http_methods(["GET", "POST"])
def staff_assign(request, intake_id):
    require(request.user, "coaching.assign_coach")
    intake = matching_selectors.intake_for_staff(intake_id)
    assignable = intake.status in (IntakeStatus.SUBMITTED, IntakeStatus.ASSIGNED)
    suggestions = (
        matching_selectors.suggestions_for(intake, since=timezone.now()) if assignable else []
    )
    form = AssignCoachForm(_posted(request), suggestions=suggestions)
    if request.method == "POST" and assignable and form.is_valid():
        profile = form.chosen_profile
        try:
            matching_services.assign_coach(
                actor=request.user,
                intake=intake,
                coach=profile.user,
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, f"{profile} is now {intake.organization.name}’s coach. They were emailed."
            )
            return redirect("coaching:staff_assign", intake_id=intake.public_id)
    context = {
        "intake": intake,
        "summary": summary(intake),
        "assignable": assignable,
        "suggestions": suggestions,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not assignable:
        status = 409
    return render(request, "coaching/staff/assign.html", context, status=status)
