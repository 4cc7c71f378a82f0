"""A policy version: its page (contents, sections, clauses, review comments, adoption and review
links for the builder), its PDF and DOCX, the comparison of two versions, and recording the
date it was adopted."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.pdf_downloads import limits_pdf_downloads
from socialrx.core.permissions import allowed

from ..docx import DOCX_TYPE, policy_docx
from ..forms_policies import AdoptForm, ShareLinkForm
from ..policy_exports import download_name, pdf_bytes
from ..selectors.policies import (
    comments_by_clause,
    compare,
    links_of,
    policy_for,
    version_number,
    version_of,
    versions_of,
)
from ..services.policies import adopt_version
from .policies_access import buildable_policy, may_build, refusals


def version_page(request, policy, version, *, adopt_form=None, share_form=None, status=200):
    """The version's page (also drawn again by the forms on it when one is refused)."""
    builder = may_build(request.user, policy)
    comments = comments_by_clause(version)
    sections = [
        {
            **section,
            "clauses": [
                {**clause, "comments": comments.get(clause["key"], [])}
                for clause in section["clauses"]
            ],
        }
        for section in version.sections
    ]
    admin = allowed(request.user, "toolkit.revoke_policy_link", policy)
    context = {
        "policy": policy,
        "version": version,
        "sections": sections,
        "comment_count": sum(len(found) for found in comments.values()),
        "versions": versions_of(policy),
        "may_build": builder,
        "links": links_of(version) if admin else [],
        "may_revoke": admin,
        "adopt_form": adopt_form or (AdoptForm.for_version(version) if builder else None),
        "share_form": share_form or (ShareLinkForm() if builder else None),
    }
    return render(request, "toolkit/policies/version.html", context, status=status)


@login_required
@require_GET
def policy_version(request, policy_id, number):
    policy = policy_for(request.user, policy_id)
    return version_page(request, policy, version_of(policy, number))


@login_required
@require_GET
@limits_pdf_downloads
def policy_version_pdf(request, policy_id, number):
    policy = policy_for(request.user, policy_id)
    version = version_of(policy, number)
    response = HttpResponse(pdf_bytes(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{download_name(version, "pdf")}"'
    return response


@login_required
@require_GET
def policy_version_docx(request, policy_id, number):
    policy = policy_for(request.user, policy_id)
    version = version_of(policy, number)
    response = HttpResponse(policy_docx(version), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{download_name(version, "docx")}"'
    return response


@login_required
@require_GET
def policy_compare(request, policy_id):
    policy = policy_for(request.user, policy_id)
    versions = versions_of(policy)
    first = version_number(request.GET.get("from"))
    second = version_number(request.GET.get("to"))
    context = {"policy": policy, "versions": versions, "first": first, "second": second}
    status = 200
    if len(versions) < 2:
        context["message"] = "There is only one version so far: nothing to compare yet."
    elif request.GET and (first is None or second is None):
        context["error"] = "Choose two versions by their numbers."
        status = 400
    elif first is not None and second is not None:
        if first == second:
            context["error"] = "Choose two different versions."
            status = 400
        else:
            try:
                context["comparison"] = compare(versions, first, second)
            except NotFound as missing:
                context["error"] = missing.message
                status = 404
    else:  # the page opened without a choice: the latest against the one before
        context["comparison"] = compare(versions, versions[1].number, versions[0].number)
    return render(request, "toolkit/policies/compare.html", context, status=status)


@login_required
@require_POST
@refusals
def policy_adopt(request, policy_id, number):
    policy = buildable_policy(request.user, policy_id)
    version = version_of(policy, number)
    form = AdoptForm(request.POST)
    if form.is_valid():
        try:
            adopt_version(
                actor=request.user, version=version, adopted_on=form.cleaned_data["adopted_on"]
            )
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            messages.success(
                request,
                f"Version {version.number} is recorded as adopted on "
                f"{form.cleaned_data['adopted_on']:%B %-d, %Y}.",
            )
            return redirect("toolkit:policy_version", policy.public_id, version.number)
    return version_page(request, policy, version, adopt_form=form, status=400)
