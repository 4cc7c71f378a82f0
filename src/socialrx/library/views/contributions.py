"""Members' contribution pages: choosing what to contribute, a resource's form (one optional
file), the person's and their organizations' contributions, and one contribution's page: its
form while it is a draft or sent back ("Save draft", "Submit for review"), read-only once
submitted, with staff's notes, and a link to the published resource once approved.

Who: `library.contribute` to start (members of a member organization; the others see why,
403), `library.read_resource` to read one (its author, its organization's people, staff; 404
for everyone else), `library.edit_contribution` to change it (its author and its organization's
admins; 403 for the others who may read it). Uploads are size-limited while they stream in, so
CSRF is checked once the body is read (see contribution_common)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.core.uploads import NOT_MULTIPART_MESSAGE, is_multipart

from ..forms_contributions import ResourceContributionForm, initial_from
from ..models import ResourceKind, ResourceStatus
from ..selectors.contributions import contribution_for, contributions_of, member_organizations
from ..services.contribution_emails import published_path
from ..services.contributions import (
    OPEN_STATUSES,
    AlreadySubmitted,
    save_contribution,
    start_contribution,
)
from . import case_studies
from .contribution_common import (
    already_submitted,
    contributor_organizations,
    install_upload_limit,
    refusal_page,
    refused_form,
    saved,
    upload_check,
)


@login_required
def contribute(request):
    """Choose: a resource or a case study."""
    organizations = contributor_organizations(request)
    if organizations is None:
        return refusal_page(request)
    return render(
        request, "library/contributions/choose.html", {"organizations": list(organizations)}
    )


def _resource_form(request, organizations, *, resource=None, data=None, files=None):
    return ResourceContributionForm(
        data,
        files,
        initial=initial_from(resource) if resource is not None and data is None else None,
        organizations=organizations,
        has_file=resource is not None and bool(resource.files.all()),
        upload_check=upload_check,
    )


def _bound_resource_form(request, organizations, handler, *, resource=None):
    """The posted form, or (form, status) refusing the upload while it streamed in."""
    try:
        form = _resource_form(
            request, organizations, resource=resource, data=request.POST, files=request.FILES
        )
        valid = form.is_valid()
    except MultiPartParserError:
        form = _resource_form(request, organizations, resource=resource)
        return refused_form(form, "The upload was incomplete: try again."), 400
    if handler.refusal:
        form.add_error("file", handler.refusal)
        return form, 413
    return form, 200 if valid else 400


def _resource_page(request, form, *, resource=None, status=200):
    return render(
        request,
        "library/contributions/resource_form.html",
        {"form": form, "resource": resource},
        status=status,
    )


# CSRF is checked inside, once the upload passed its size limit: the CSRF middleware would read
# the body to find its token, which for an upload means receiving the whole file first.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def contribute_resource(request):
    organizations = contributor_organizations(request)
    if organizations is None:
        return refusal_page(request)
    if request.method == "GET":
        return _resource_page(request, _resource_form(request, organizations))
    if not is_multipart(request):
        form = refused_form(_resource_form(request, organizations), NOT_MULTIPART_MESSAGE)
        return _resource_page(request, form, status=400)
    return _create_resource(request, organizations, install_upload_limit(request))


@csrf_protect
def _create_resource(request, organizations, handler):
    form, status = _bound_resource_form(request, organizations, handler)
    if status != 200:
        return _resource_page(request, form, status=status)
    try:
        resource = start_contribution(
            actor=request.user,
            draft=form.contribution(),
            upload=form.cleaned_data.get("file"),
        )
    except DomainError as refusal:
        add_error_to_form(form, refusal)
        return _resource_page(request, form, status=413 if refusal.code == "too_large" else 400)
    return saved(request, resource, submitting="submit" in request.POST)


@login_required
def my_contributions(request):
    return render(
        request,
        "library/contributions/list.html",
        {
            "contributions": contributions_of(request.user),
            "may_contribute": allowed(request.user, "library.contribute"),
        },
    )


def _detail_page(request, resource, *, status: int = 200, **context):
    may_edit = resource.status in OPEN_STATUSES and allowed(
        request.user, "library.edit_contribution", resource
    )
    return render(
        request,
        "library/contributions/detail.html",
        {
            "resource": resource,
            "case_study": getattr(resource, "case_study", None),
            "reviews": list(resource.reviews.all()),
            "may_edit": may_edit,
            "is_published": resource.status == ResourceStatus.PUBLISHED,
            "published_url": published_path(resource)
            if resource.status == ResourceStatus.PUBLISHED
            else "",
            **context,
        },
        status=status,
    )


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def contribution(request, contribution_id):
    resource = contribution_for(request.user, contribution_id)  # 404 unless they may read it
    may_edit = allowed(request.user, "library.edit_contribution", resource)
    if request.method == "GET":
        if not may_edit or resource.status not in OPEN_STATUSES:
            return _detail_page(request, resource)
        if resource.kind == ResourceKind.CASE_STUDY:
            return _detail_page(request, resource, **case_studies.edit_forms(request, resource))
        organizations = member_organizations(request.user)
        return _detail_page(
            request, resource, form=_resource_form(request, organizations, resource=resource)
        )
    if resource.status not in OPEN_STATUSES:
        return already_submitted(request, resource, AlreadySubmitted(resource.status))
    if not may_edit:
        raise PermissionDenied("Only its author and the organization's admins change it.")
    if resource.kind == ResourceKind.CASE_STUDY:
        return case_studies.save_posted(request, resource, _detail_page)
    if not is_multipart(request):
        form = _resource_form(request, member_organizations(request.user), resource=resource)
        return _detail_page(
            request, resource, form=refused_form(form, NOT_MULTIPART_MESSAGE), status=400
        )
    return _save_resource(request, resource, install_upload_limit(request))


@csrf_protect
def _save_resource(request, resource, handler):
    organizations = member_organizations(request.user)
    form, status = _bound_resource_form(request, organizations, handler, resource=resource)
    if status != 200:
        return _detail_page(request, resource, form=form, status=status)
    try:
        resource = save_contribution(
            actor=request.user,
            resource=resource,
            draft=form.contribution(),
            upload=form.cleaned_data.get("file"),
        )
    except AlreadySubmitted as conflict:
        return already_submitted(request, resource, conflict)
    except DomainError as refusal:
        add_error_to_form(form, refusal)
        status = 413 if refusal.code == "too_large" else 400
        return _detail_page(request, resource, form=form, status=status)
    return saved(request, resource, submitting="submit" in request.POST)
