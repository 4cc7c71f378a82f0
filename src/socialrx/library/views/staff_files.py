"""Staff adding, removing and ordering a resource's files. An upload is limited while it
streams in (library.uploads): a body declared bigger than any acceptable file is refused before
it is read, a file past its kind's limit is counted to its end without being kept, and the page
says the file's size and the limit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.forms import form_errors_text
from socialrx.core.permissions import require
from socialrx.core.uploads import NOT_MULTIPART_MESSAGE, declared_length, is_multipart

from .. import uploads
from ..forms_staff import FileUploadForm, MoveForm
from ..selectors import staff as selectors
from ..services import files as file_services
from .staff import edit_page


def _files_section(resource) -> str:
    return reverse("library:staff_resource_edit", args=[resource.public_id]) + "#files"


def _refused(request, resource, message: str, status: int):
    form = FileUploadForm()
    form.cleaned_data = {}
    form.add_error("file", message)
    return edit_page(request, resource, upload_form=form, status=status)


# CSRF is checked inside, once the declared size is acceptable: the CSRF middleware would read
# the body to find its token, which for an upload means receiving the whole file first.
@csrf_exempt
@login_required
@require_POST
def staff_file_upload(request, public_id):
    require(request.user, "library.manage")
    resource = selectors.resource_for_staff(public_id)
    if not is_multipart(request):
        return _refused(request, resource, NOT_MULTIPART_MESSAGE, 400)
    declared = declared_length(request)
    if declared > uploads.declared_total_limit():
        return _refused(request, resource, uploads.upload_too_large_message(declared), 413)
    handler = uploads.install(request)
    return _upload_checked(request, resource, handler)


@csrf_protect
def _upload_checked(request, resource, handler):
    try:
        form = FileUploadForm(request.POST, request.FILES)
        valid = form.is_valid()
    except MultiPartParserError:
        return _refused(request, resource, "The upload was incomplete: try again.", 400)
    if handler.refusal:
        return _refused(request, resource, f"{handler.refusal} Nothing was saved.", 413)
    if not valid:
        return edit_page(request, resource, upload_form=form, status=400)
    uploaded = form.cleaned_data["file"]
    try:
        attached = file_services.add_file(user=request.user, resource=resource, uploaded=uploaded)
    except DomainError as error:
        add_error_to_form(form, error)
        status = 413 if error.code == "too_large" else 400
        return edit_page(request, resource, upload_form=form, status=status)
    named = uploads.extension_of(attached.original_name)
    stored = uploads.extension_of(attached.file.name)
    note = ""
    if named != stored:
        note = f" Its content is {stored.upper()}, so it is kept and downloaded as .{stored}."
    messages.success(request, f"“{attached.original_name}” was added.{note}")
    return redirect(_files_section(resource))


@login_required
@require_POST
def staff_file_remove(request, public_id):
    require(request.user, "library.manage")
    attached = selectors.staff_file(public_id)
    try:
        file_services.remove_file(user=request.user, attached=attached)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{attached.original_name}” was removed.")
    return redirect(_files_section(attached.resource))


@login_required
@require_POST
def staff_file_move(request, public_id):
    require(request.user, "library.manage")
    attached = selectors.staff_file(public_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(_files_section(attached.resource))
    direction = form.cleaned_data["direction"]
    try:
        file_services.move_file(user=request.user, attached=attached, direction=direction)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{attached.original_name}” was moved {direction}.")
    return redirect(_files_section(attached.resource))
