"""The policy builder: the entry page (the person's organizations and their policies), starting
a policy, a policy's overview, the step-by-step form and assembling a version. The version
pages are in `policies_versions`, review links in `policies_sharing`."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Organization

from ..forms_policies import AssembleForm, StepForm
from ..policy_sections import CHOICE, QUESTIONS, SECTION_BY_SLUG, SECTIONS, YES_NO, YES_NO_CHOICES
from ..selectors.policies import draft_progress, policies_of_person, policy_for, versions_of
from ..services.policies import StepInvalid, StepsMissing, assemble_version, save_step, start_policy
from .policies_access import buildable_policy, check_may_build, may_build, refusals


@require_GET
def policies(request):
    """The builder's entry page: for a visitor, what the builder is and how to get it (they
    arrive here from the toolkit's home); for a person signed in, their organizations."""
    if not request.user.is_authenticated:
        return render(request, "toolkit/policies/about.html", {"sections": SECTIONS})
    rows = policies_of_person(request.user)
    return render(
        request,
        "toolkit/policies/list.html",
        {"rows": rows, "steps_total": len(SECTIONS)},
    )


@login_required
@require_POST
@refusals
def policy_start(request):
    """Start (or carry on with) the organization's policy: its admin, when it is a member."""
    try:
        public_id = uuid.UUID(request.POST.get("organization", ""))
    except ValueError as malformed:
        raise Http404("No such organization.") from malformed
    organization = Organization.objects.filter(public_id=public_id).first()
    if organization is None or not allowed(request.user, "toolkit.view_policy", organization):
        raise Http404("No such organization.")
    check_may_build(request.user, organization)
    policy = start_policy(actor=request.user, organization=organization)
    _, missing = draft_progress(policy)
    first = missing[0] if missing else SECTIONS[0]
    return redirect("toolkit:policy_step", policy.public_id, first.slug)


@login_required
@require_GET
def policy(request, policy_id):
    found = policy_for(request.user, policy_id)
    done, missing = draft_progress(found)
    return render(
        request,
        "toolkit/policies/policy.html",
        {
            "policy": found,
            "versions": versions_of(found),
            "steps_done": done,
            "steps_total": len(SECTIONS),
            "missing": missing,
            "may_build": may_build(request.user, found),
        },
    )


def _steps(policy, current) -> list[dict]:
    done = set(policy.steps_done)
    return [
        {
            "section": section,
            "number": number,
            "done": section.slug in done,
            "current": section.slug == current.slug,
        }
        for number, section in enumerate(SECTIONS, start=1)
    ]


def _neighbours(section):
    index = SECTIONS.index(section)
    previous = SECTIONS[index - 1] if index > 0 else None
    following = SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None
    return index + 1, previous, following


@login_required
@require_http_methods(["GET", "POST"])
@refusals
def policy_step(request, policy_id, section):
    found = buildable_policy(request.user, policy_id)
    step = SECTION_BY_SLUG.get(section)
    if step is None:
        raise Http404("There is no such step.")
    number, previous, following = _neighbours(step)
    status = 200
    if request.method == "POST":
        form = StepForm(step, request.POST)
        if form.is_valid():
            try:
                found = save_step(
                    actor=request.user, policy=found, section=step.slug, values=form.values()
                )
            except StepInvalid as invalid:
                for name, message in invalid.errors.items():
                    form.add_error(name, message)
            else:
                if "stay" in request.POST:
                    messages.success(request, f"“{step.title}” saved.")
                    return redirect("toolkit:policy_step", found.public_id, step.slug)
                if following is not None:
                    return redirect("toolkit:policy_step", found.public_id, following.slug)
                return redirect("toolkit:policy_assemble", found.public_id)
        status = 400
    else:
        form = StepForm(step, initial=StepForm.initial_from(step, found.answers))
    context = {
        "policy": found,
        "section": step,
        "form": form,
        "number": number,
        "total": len(SECTIONS),
        "previous": previous,
        "following": following,
        "steps": _steps(found, step),
    }
    return render(request, "toolkit/policies/step.html", context, status=status)


def _answer_text(question, value) -> str:
    if value in (None, ""):
        return ""
    if question.kind == CHOICE:
        return question.choice_label(value)
    if question.kind == YES_NO:
        return dict(YES_NO_CHOICES).get(value, "")
    return str(value)


def answers_summary(policy) -> list[dict]:
    """Each section with its questions and the answers given (for the assemble page)."""
    done = set(policy.steps_done)
    return [
        {
            "section": section,
            "number": number,
            "done": section.slug in done,
            "answers": [
                (QUESTIONS[q.name].label, _answer_text(q, policy.answers.get(q.name)))
                for q in section.questions
            ],
        }
        for number, section in enumerate(SECTIONS, start=1)
    ]


@login_required
@require_http_methods(["GET", "POST"])
@refusals
def policy_assemble(request, policy_id):
    found = buildable_policy(request.user, policy_id)
    form = AssembleForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                version = assemble_version(
                    actor=request.user, policy=found, change_note=form.cleaned_data["change_note"]
                )
            except StepsMissing as missing:
                form.add_error(None, missing.message)
            except Conflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            except DomainError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    f"Version {version.number} of the policy is assembled. Share it with your "
                    "legal team for review, then record the date it is adopted.",
                )
                return redirect("toolkit:policy_version", found.public_id, version.number)
    done, missing = draft_progress(found)
    context = {
        "policy": found,
        "form": form,
        "summary": answers_summary(found),
        "missing": missing,
        "latest": found.versions.order_by("-number").first(),
    }
    return render(request, "toolkit/policies/assemble.html", context, status=status)
