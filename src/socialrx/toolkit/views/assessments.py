"""The readiness and staffing assessment's pages.

- /toolkit/assessment/: anyone takes the short version (nothing stored: the result is drawn
  from the form, with an invitation to join); a signed-in person also sees their organizations,
  the full version for those they may assess, and each one's history.
- The full version, step by step (`toolkit.assess`): answers kept in the session between
  steps (assessment_drafts), written once whole (services.assessments).
- A take's result, its PDF and its staffing estimate (`toolkit.view_assessment`; changing the
  saved staffing needs `toolkit.assess`); an organization's history of takes.

Private pages answer 404 to people outside the organization; a person of the organization who
may read but not take it is told why (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import NotFound
from socialrx.core.pdf import html_to_pdf
from socialrx.core.pdf_downloads import limits_pdf_downloads
from socialrx.core.permissions import allowed, is_org_admin
from socialrx.organizations.selectors import organization_for

from .. import assessment_drafts as drafts
from ..assessment_answers import AnswersIncomplete
from ..assessment_charts import history_lines, narrow_score_bars, score_bars
from ..assessment_questions import (
    CADENCE,
    MULTIPLE,
    PLATFORM_LABELS,
    SECTIONS,
    SHORT,
    STEP_COUNT,
    section,
)
from ..forms_assessments import (
    ShortForm,
    StaffingForm,
    StepForm,
    staffing_initial,
    step_data,
    step_initial,
)
from ..scoring import LEVELS, score
from ..selectors import assessments as selectors
from ..services.assessments import StaffingRefused, change_staffing, submit_assessment
from ..staffing import estimate


def _join_url(organization=None) -> str | None:
    """Where joining starts: the organization's application, else the plans and prices."""
    try:
        if organization is not None:
            return reverse("membership:apply", args=[organization.public_id])
        return reverse("membership:pricing")
    except NoReverseMatch:
        return None


@require_http_methods(["GET", "POST"])
def start(request):
    """The short version for everyone; the full version's doors for the person's
    organizations."""
    choices = selectors.organization_choices(request.user) if request.user.is_authenticated else []
    drafts_open = {
        choice.organization.pk
        for choice in choices
        if choice.may_assess and drafts.draft_answers(request, choice.organization) is not None
    }
    context = {
        "choices": choices,
        "drafts_open": drafts_open,
        "pricing_url": _join_url(),
        "levels": LEVELS,
        "step_count": STEP_COUNT,
    }
    if request.method == "POST":
        form = ShortForm(request.POST)
        if form.is_valid():
            scores = score(form.cleaned_data, SHORT)
            return render(
                request,
                "toolkit/assessments/short_result.html",
                context
                | {
                    "scores": scores,
                    "bars": score_bars(scores),
                    "narrow_bars": narrow_score_bars(scores),
                    "recommendations": selectors.recommendations_for(
                        scores, request.user, full=False
                    ),
                    "coaching_url": selectors.coaching_url(),
                    "apply_choices": [
                        (c.organization, _join_url(c.organization))
                        for c in choices
                        if c.is_admin and not c.may_assess
                    ],
                },
            )
    else:
        form = ShortForm()
    return render(
        request,
        "toolkit/assessments/start.html",
        context | {"form": form},
        status=400 if form.is_bound else 200,
    )


# --- the full version -------------------------------------------------------------------------


def _refused(request, public_id):
    """Why the person may not take the organization's full assessment: 404 outside the
    organization; its admin, while it is not a member, is told how to join (403); its other
    people and center staff, who may read its results, are told who takes it (403)."""
    organization = organization_for(request.user, public_id, "toolkit.view_assessment")
    if is_org_admin(request.user, organization):
        return render(
            request,
            "toolkit/assessments/members_only.html",
            {"organization": organization, "apply_url": _join_url(organization)},
            status=403,
        )
    raise PermissionDenied(f"Only an admin of {organization.name} takes its full assessment.")


@login_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, number: int):
    if not 1 <= number <= STEP_COUNT:
        raise Http404("No such step.")
    try:
        organization = organization_for(request.user, public_id, "toolkit.assess")
    except NotFound:
        return _refused(request, public_id)
    this = section(number)
    answers = drafts.start_answers(request, organization)
    if request.method == "GET":
        if request.GET.get("check"):
            form = StepForm(this, step_data(this, answers))
            form.is_valid()  # shows what is missing beside each field
        else:
            form = StepForm(this, initial=step_initial(this, answers))
        return _step_page(request, organization, number, form, answers)

    form = StepForm(this, request.POST)
    valid = form.is_valid()
    for question in this.questions:  # what this step now says replaces what it said
        answers.pop(question.key, None)
    answers.update(form.answers())
    drafts.save_answers(request, organization, answers)
    if "back" in request.POST:
        return redirect("toolkit:assessment_step", public_id=public_id, number=max(1, number - 1))
    if not valid:
        return _step_page(request, organization, number, form, answers, status=400)
    if number < STEP_COUNT:
        return redirect("toolkit:assessment_step", public_id=public_id, number=number + 1)
    try:
        assessment = submit_assessment(
            actor=request.user, organization=organization, answers=answers
        )
    except (AnswersIncomplete, StaffingRefused):
        first = drafts.first_incomplete_step(answers) or number
        messages.error(
            request,
            "Some answers are missing: nothing was saved yet. Complete the steps marked "
            "“to do”, then submit again.",
        )
        url = reverse("toolkit:assessment_step", args=[public_id, first])
        return redirect(f"{url}?check=1")
    drafts.forget(request, organization)
    messages.success(request, f"{organization.name}'s assessment is saved.")
    return redirect("toolkit:assessment_result", assessment_id=assessment.public_id)


def _step_page(request, organization, number, form, answers, *, status: int = 200):
    done = drafts.steps_done(answers)
    return render(
        request,
        "toolkit/assessments/step.html",
        {
            "organization": organization,
            "number": number,
            "step_count": STEP_COUNT,
            "section": section(number),
            "form": form,
            "steps": [
                {"number": n, "section": s, "done": done[n - 1], "current": n == number}
                for n, s in enumerate(SECTIONS, start=1)
            ],
            "last": number == STEP_COUNT,
        },
        status=status,
    )


# --- results ----------------------------------------------------------------------------------


def _result_context(request, assessment, *, staffing=None, form=None) -> dict:
    scores = assessment.scores
    shown = estimate(staffing) if staffing is not None else assessment.estimate
    return {
        "assessment": assessment,
        "organization": assessment.organization,
        "scores": scores,
        "bars": score_bars(scores),
        "narrow_bars": narrow_score_bars(scores),
        "progress": selectors.progress(scores, selectors.previous_take(assessment)),
        "recommendations": selectors.recommendations_for(
            scores,
            request.user,
            goals=assessment.answers.get("goals_focus", ()),
            platforms=assessment.staffing.get("platforms", {}),
        ),
        "coaching_url": selectors.coaching_url(),
        "estimate": shown,
        "gap": shown.gap(assessment.current_hours),
        "unsaved": staffing is not None,
        "staffing_form": form or StaffingForm(initial=staffing_initial(assessment.staffing)),
        "may_change": allowed(request.user, "toolkit.assess", assessment),
        "answered": _answered(assessment.answers),
        "levels": LEVELS,
    }


def _answered(answers: dict) -> list:
    """(section, [(question, the answer's words)]) for the answers summary."""
    summary = []
    for s in SECTIONS:
        rows = []
        for q in s.questions:
            value = answers.get(q.key)
            if q.kind == CADENCE:
                words = ", ".join(
                    f"{PLATFORM_LABELS[code]} {row['count']} a {row['period']}"
                    for code, row in (value or {}).items()
                    if row["count"]
                )
            elif q.kind == MULTIPLE:
                words = ", ".join(q.label_of(v) for v in value or ())
            elif q.scored:
                words = q.label_of(value)
            else:
                words = "" if value is None else f"{value} hours a week"
            rows.append((q, words or "Not answered"))
        summary.append((s, rows))
    return summary


@login_required
def result(request, assessment_id):
    assessment = selectors.assessment_for(request.user, assessment_id)
    return render(request, "toolkit/assessments/result.html", _result_context(request, assessment))


@login_required
@require_POST
def staffing(request, assessment_id):
    """Recalculate the estimate from the posted cadence and assumptions (live with htmx, or
    the page again without script), or save them with the take (`toolkit.assess`)."""
    assessment = selectors.assessment_for(request.user, assessment_id)
    saving = "save" in request.POST
    if saving and not allowed(request.user, "toolkit.assess", assessment):
        raise PermissionDenied("Only the organization's admin changes the saved estimate.")
    form = StaffingForm(request.POST)
    if saving and form.is_valid():
        try:
            change_staffing(actor=request.user, assessment=assessment, staffing=form.staffing())
        except StaffingRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "The staffing estimate and its assumptions are saved.")
            url = reverse("toolkit:assessment_result", args=[assessment.public_id])
            return redirect(f"{url}#staffing")
    staffing_data = form.staffing() if form.is_valid() else None
    context = _result_context(request, assessment, staffing=staffing_data, form=form)
    if staffing_data is None:
        context["estimate"] = None  # the figures wait for valid assumptions
    if request.htmx and not saving:
        return render(request, "toolkit/assessments/_staffing.html", context)
    status = 200 if form.is_valid() else 400
    return render(request, "toolkit/assessments/result.html", context, status=status)


@login_required
@limits_pdf_downloads
def pdf(request, assessment_id):
    assessment = selectors.assessment_for(request.user, assessment_id)
    context = _result_context(request, assessment)
    context["site_url"] = request.build_absolute_uri("/").rstrip("/")
    context["printed_at"] = timezone.localtime()
    html = render_to_string("toolkit/assessments/pdf.html", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    day = timezone.localtime(assessment.taken_at).date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="readiness-assessment-{day}.pdf"'
    return response


@login_required
def history(request, public_id):
    organization = organization_for(request.user, public_id, "toolkit.view_assessment")
    takes = list(selectors.takes_of(organization))
    latest = takes[-1] if takes else None
    previous = takes[-2] if len(takes) > 1 else None
    return render(
        request,
        "toolkit/assessments/history.html",
        {
            "organization": organization,
            "takes": list(reversed(takes)),
            "chart": history_lines(takes),
            "progress": selectors.progress(latest.scores, previous) if latest else None,
            "latest": latest,
            "may_assess": allowed(request.user, "toolkit.assess", organization),
            "in_progress": drafts.draft_answers(request, organization) is not None,
        },
    )
