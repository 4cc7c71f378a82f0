"""The organization admin's needs assessments: the list, starting one, the form (save a draft or
submit to the center) and the readable summary (also for staff and the assigned coach).

A refused submission still saves the answers that passed their checks as the draft, and shows
what is missing beside each field: the admin never loses typing to a missing answer."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Organization

from ..forms_intakes import IntakeForm, initial_from
from ..models import IntakeStatus
from ..selectors.intakes import intake_for, intakes_by_organization, summary
from ..services.intakes import (
    AlreadySubmitted,
    IntakeIncomplete,
    missing_answers,
    save_draft,
    start_intake,
    submit_intake,
)


def _clock(moment) -> str:
    """10:42 AM, on the person's clock (the middleware activated their time zone)."""
    return dateformat.format(timezone.localtime(moment), "g:i A")


@login_required
def intakes(request):
    """The organizations the person administers, each with its assessments."""
    return render(
        request,
        "coaching/intakes/list.html",
        {
            "organizations": intakes_by_organization(request.user),
            "may_assign": allowed(request.user, "coaching.assign_coach"),
        },
    )


@login_required
@require_POST
def intake_new(request):
    """Start (or carry on with) the organization's draft. Only its admin: a member of the
    organization is told so (403); for anyone else it does not exist (404)."""
    try:
        public_id = uuid.UUID(request.POST.get("organization", ""))
    except ValueError as malformed:
        raise Http404("No such organization.") from malformed
    organization = Organization.objects.filter(public_id=public_id).first()
    if organization is None:
        raise Http404("No such organization.")
    if not allowed(request.user, "coaching.fill_intake", organization):
        if allowed(request.user, "organizations.view_profile", organization):
            raise PermissionDenied("Only the organization's admin fills its needs assessment.")
        raise Http404("No such organization.")
    intake = start_intake(actor=request.user, organization=organization)
    return redirect("coaching:intake_edit", intake_id=intake.public_id)


def _editable(user, intake_id):
    """The intake for its organization's admin; 403 for people who may read it but not edit
    it (staff, its coach), 404 for everyone else."""
    try:
        return intake_for(user, intake_id, "coaching.edit_intake")
    except Http404:
        intake_for(user, intake_id)  # 404 unless they may read it
        raise PermissionDenied(
            "Only the organization's admin edits its needs assessment."
        ) from None


def _already_submitted(request, intake, error: DomainError):
    return render(
        request,
        "coaching/intakes/submitted_already.html",
        {"intake": intake, "message": error.message},
        status=409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake_edit(request, intake_id):
    intake = _editable(request.user, intake_id)
    if intake.status != IntakeStatus.DRAFT:
        if request.method == "GET":
            messages.info(request, AlreadySubmitted().message)
            return redirect("coaching:intake", intake_id=intake.public_id)
        return _already_submitted(request, intake, AlreadySubmitted())
    if request.method == "GET":
        form = IntakeForm(initial=initial_from(intake))
        return _form_page(request, intake, form)

    form = IntakeForm(request.POST)
    form.is_valid()  # the answers that pass are kept even if others do not
    answers = form.valid_answers()
    submitting = "submit" in request.POST
    missing = None
    if submitting and not form.errors:
        try:
            intake = submit_intake(actor=request.user, intake=intake, data=answers)
        except IntakeIncomplete as incomplete:
            missing = incomplete.errors
        except AlreadySubmitted as conflict:
            return _already_submitted(request, intake, conflict)
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            messages.success(
                request,
                f"Thank you: {intake.organization.name}'s needs assessment is with the center. "
                "Staff will match you with a coach and write to you.",
            )
            return redirect("coaching:intake", intake_id=intake.public_id)
    saved_at = ""
    try:
        intake = save_draft(actor=request.user, intake=intake, data=form.valid_answers())
        saved_at = _clock(intake.updated_at)
    except AlreadySubmitted as conflict:
        return _already_submitted(request, intake, conflict)
    except DomainError as refusal:
        add_error_to_form(form, refusal)
    if submitting:
        form.add_missing(missing if missing is not None else missing_answers(intake))
    if not form.errors:
        messages.success(request, f"Draft saved at {saved_at}.")
        return redirect("coaching:intake_edit", intake_id=intake.public_id)
    return _form_page(request, intake, form, saved_at=saved_at, tried=submitting)


def _form_page(request, intake, form, *, saved_at: str = "", tried: bool = False):
    return render(
        request,
        "coaching/intakes/edit.html",
        {"intake": intake, "form": form, "saved_at": saved_at, "tried_to_submit": tried},
    )


@login_required
def intake(request, intake_id):
    """The readable summary: its organization's admin, its assigned coach and staff."""
    found = intake_for(request.user, intake_id)
    return render(
        request,
        "coaching/intakes/detail.html",
        {
            "intake": found,
            "summary": summary(found),
            "may_edit": found.status == IntakeStatus.DRAFT
            and allowed(request.user, "coaching.edit_intake", found),
            "may_assign": allowed(request.user, "coaching.assign_coach", found),
        },
    )
