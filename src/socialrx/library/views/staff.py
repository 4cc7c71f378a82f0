"""The library's back office: every resource with filters and counts, a resource's page (its
fields, files, publication and versions), and the month's usage. Center staff only (others
signed in get a 403, visitors the sign-in page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.calendar import center_today
from socialrx.core.csv_export import csv_response
from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import require
from socialrx.core.uploads import size_text

from .. import uploads
from ..forms_staff import FileUploadForm, PublishForm, ResourceForm, StaffFilterForm, UsageMonthForm
from ..models import FileKind, ResourceStatus
from ..selectors import staff as selectors
from ..selectors.files import download_name
from ..services import authoring

EDIT_TEMPLATE = "library/staff/resource_form.html"


def _manager(request) -> None:
    require(request.user, "library.manage")


@login_required
@require_GET
def staff_home(request):
    _manager(request)
    form = StaffFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = paginate(request, selectors.staff_resources(**filters))
    context = {
        "form": form,
        "page": page,
        "counts": selectors.status_counts(),
        "status": filters.get("status", ""),
        "filtered": bool(filters),
        "querystring": querystring_without_page(request),
    }
    return render(request, "library/staff/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_resource_new(request):
    _manager(request)
    form = ResourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = authoring.create_resource(actor=request.user, data=form.data_for_service())
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, f"“{resource.title}” was saved as a draft: add its files, then publish it."
            )
            return redirect("library:staff_resource_edit", resource.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, EDIT_TEMPLATE, {"form": form, "resource": None}, status=status)


def edit_page(request, resource, *, form=None, upload_form=None, status: int = 200):
    """A resource's back-office page (also drawn by the file views when an upload fails)."""
    files = selectors.current_files(resource)
    context = {
        "resource": resource,
        "form": form or ResourceForm(initial=ResourceForm.initial_for(resource)),
        "upload_form": upload_form or FileUploadForm(),
        "publish_form": PublishForm(),
        "files": [(item, download_name(item)) for item in files],
        "publish_problem": authoring.publish_problem(resource),
        "published": resource.status == ResourceStatus.PUBLISHED,
        "document_limit": size_text(uploads.limit_for_kind(FileKind.DOCUMENT)),
        "media_limit": size_text(uploads.limit_for_kind(FileKind.VIDEO)),
    }
    return render(request, EDIT_TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_resource_edit(request, public_id):
    _manager(request)
    resource = selectors.resource_for_staff(public_id)
    if request.method != "POST":
        return edit_page(request, resource)
    form = ResourceForm(request.POST)
    if form.is_valid():
        try:
            authoring.update_resource(
                actor=request.user,
                resource=resource,
                data=form.data_for_service(),
                change_note=form.cleaned_data.get("change_note") or "",
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, "The resource was saved.")
            return redirect("library:staff_resource_edit", resource.public_id)
    return edit_page(request, resource, form=form, status=400)


@login_required
@require_POST
def staff_resource_publish(request, public_id):
    _manager(request)
    resource = selectors.resource_for_staff(public_id)
    form = PublishForm(request.POST)
    note = form.cleaned_data["change_note"] if form.is_valid() else ""
    try:
        authoring.publish(actor=request.user, resource=resource, change_note=note)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{resource.title}” is published.")
    return redirect("library:staff_resource_edit", resource.public_id)


@login_required
@require_POST
def staff_resource_withdraw(request, public_id):
    _manager(request)
    resource = selectors.resource_for_staff(public_id)
    try:
        authoring.withdraw(actor=request.user, resource=resource)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"“{resource.title}” was withdrawn: readers no longer find it or its files."
        )
    return redirect("library:staff_resource_edit", resource.public_id)


USAGE_HEADER = ["Title", "Kind", "Access", "Views", "Downloads", "Total"]


@login_required
@require_GET
def staff_usage(request):
    _manager(request)
    form = UsageMonthForm(request.GET or None, today=center_today())
    month = form.chosen()
    if request.GET.get("format") == "csv":
        rows = selectors.usage_rows(month, limit=None)
        return csv_response(
            f"library-usage-{month:%Y-%m}.csv",
            USAGE_HEADER,
            ([r.title, r.kind_label, r.access_label, r.views, r.downloads, r.total] for r in rows),
        )
    context = {
        "form": form,
        "month": month,
        "rows": selectors.usage_rows(month),
        "totals": selectors.usage_totals(month),
        "top": selectors.TOP_USED,
    }
    return render(request, "library/staff/usage.html", context)
