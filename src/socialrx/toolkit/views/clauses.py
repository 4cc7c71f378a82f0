"""The policy clauses' back office (center staff, `toolkit.manage_clauses`): every clause by
section with its review state, writing a clause, changing one (a change of wording publishes
its next version) with its version history and a preview, and marking one reviewed. Others
signed in get a 403, visitors the sign-in page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..forms_policies import ClauseForm
from ..policy_answers import PLACEHOLDERS
from ..selectors.clauses import (
    clause_for_staff,
    clauses_by_section,
    preview,
    versions_of_clause,
)
from ..services import clauses as services

FORM_TEMPLATE = "toolkit/clauses/form.html"


def _manager(request) -> None:
    require(request.user, "toolkit.manage_clauses")


@login_required
@require_GET
def staff_clauses(request):
    _manager(request)
    sections, overdue = clauses_by_section()
    context = {"sections": sections, "overdue": overdue, "today": center_today()}
    return render(request, "toolkit/clauses/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_clause_new(request):
    _manager(request)
    if request.method == "POST":
        form = ClauseForm(request.POST)
        if form.is_valid():
            try:
                clause = services.create_clause(actor=request.user, data=form.data_for_service())
            except DomainError as refusal:
                add_error_to_form(form, refusal)
            else:
                messages.success(request, f"“{clause.title}” is published as version 1.")
                return redirect("toolkit:staff_clause_edit", clause.public_id)
        status = 400
    else:
        form = ClauseForm(initial=ClauseForm.blank_initial())
        status = 200
    context = {"form": form, "clause": None, "placeholders": PLACEHOLDERS}
    return render(request, FORM_TEMPLATE, context, status=status)


def _edit_page(request, clause, form, *, status=200):
    context = {
        "form": form,
        "clause": clause,
        "versions": versions_of_clause(clause),
        "preview": preview(clause.body),
        "placeholders": PLACEHOLDERS,
        "overdue": clause.review_due < center_today(),
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_clause_edit(request, clause_id):
    _manager(request)
    clause = clause_for_staff(clause_id)
    if request.method != "POST":
        return _edit_page(request, clause, ClauseForm(initial=ClauseForm.initial_for(clause)))
    form = ClauseForm(request.POST)
    if form.is_valid():
        before = clause.version
        try:
            clause = services.update_clause(
                actor=request.user, template=clause, data=form.data_for_service()
            )
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            if clause.version != before:
                note = f"Version {clause.version} is published: new policies use it from now on."
            else:
                note = "Saved. The wording did not change, so no new version was published."
            messages.success(request, note)
            return redirect("toolkit:staff_clause_edit", clause.public_id)
    return _edit_page(request, clause, form, status=400)


@login_required
@require_POST
def staff_clause_reviewed(request, clause_id):
    _manager(request)
    clause = services.mark_reviewed(actor=request.user, template=clause_for_staff(clause_id))
    messages.success(
        request,
        f"“{clause.title}” is marked reviewed today; the next review is due "
        f"{clause.review_due:%B %-d, %Y}.",
    )
    return redirect("toolkit:staff_clause_edit", clause.public_id)
