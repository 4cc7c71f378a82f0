"""The case study's structured form: starting one (`library:contribute_case_study`) and, on the
contribution's page, editing it while it is a draft or sent back. The answers and the results
rows are checked together; nothing is written unless both pass (the service writes the
resource, the case study and its figures in one transaction)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form

from ..forms_case_studies import CaseStudyForm, figure_formset, initial_from_case_study
from ..forms_contributions import initial_from
from ..selectors.contributions import member_organizations
from ..services.case_studies import save_case_study, start_case_study
from ..services.contributions import AlreadySubmitted
from .contribution_common import (
    already_submitted,
    contributor_organizations,
    refusal_page,
    saved,
)


def _bound(request, organizations):
    form = CaseStudyForm(request.POST, organizations=organizations)
    figures = figure_formset(request.POST)
    valid = form.is_valid() & figures.is_valid()  # both checked, every error shown at once
    return form, figures, valid


def _new_page(request, form, figures, *, status=200):
    return render(
        request,
        "library/contributions/case_study_form.html",
        {"form": form, "figures": figures, "resource": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribute_case_study(request):
    organizations = contributor_organizations(request)
    if organizations is None:
        return refusal_page(request)
    if request.method == "GET":
        return _new_page(request, CaseStudyForm(organizations=organizations), figure_formset())
    form, figures, valid = _bound(request, organizations)
    if not valid:
        return _new_page(request, form, figures, status=400)
    try:
        resource = start_case_study(
            actor=request.user,
            draft=form.contribution(),
            answers=form.answers(figures.figures()),
        )
    except DomainError as refusal:
        add_error_to_form(form, refusal)  # "figures": shown above the form
        return _new_page(request, form, figures, status=400)
    return saved(request, resource, submitting="submit" in request.POST)


def edit_forms(request, resource) -> dict:
    """The case study's form and rows filled from what was saved (for the contribution page)."""
    form = CaseStudyForm(
        initial=initial_from(resource) | initial_from_case_study(resource),
        organizations=member_organizations(request.user),
    )
    return {"form": form, "figures": figure_formset(figures=resource.case_study.figures.all())}


@csrf_protect  # the contribution's page is exempt for its uploads; this form has none
def save_posted(request, resource, detail_page):
    """Save the posted answers of a draft or sent-back case study (then submit if asked)."""
    form, figures, valid = _bound(request, member_organizations(request.user))
    if not valid:
        return detail_page(request, resource, form=form, figures=figures, status=400)
    try:
        resource = save_case_study(
            actor=request.user,
            resource=resource,
            draft=form.contribution(),
            answers=form.answers(figures.figures()),
        )
    except AlreadySubmitted as conflict:
        return already_submitted(request, resource, conflict)
    except DomainError as refusal:
        add_error_to_form(form, refusal)  # "figures": shown above the form
        return detail_page(request, resource, form=form, figures=figures, status=400)
    return saved(request, resource, submitting="submit" in request.POST)
