"""What the contribution pages share: who may contribute (a page explaining membership for the
others), the upload's size limit while the body streams in, the 409 page of a contribution
already sent, and "save, then submit if asked" after a form was accepted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from socialrx.core.errors import DomainError
from socialrx.core.permissions import allowed

from .. import uploads
from ..selectors.contributions import member_organizations
from ..services.contributions import AlreadySubmitted, submit_contribution

SUBMITTED_MESSAGE = (
    "Thank you: “{title}” is with the center's staff for review. You will receive an email "
    "when they decide."
)


def refusal_page(request):
    """For signed-in people who may not contribute: why, and how to become a member (403)."""
    return render(request, "library/contributions/not_member.html", status=403)


def contributor_organizations(request):
    """The person's member organizations, or None when they may not contribute at all."""
    if not allowed(request.user, "library.contribute"):
        return None
    return member_organizations(request.user)


def upload_check(uploaded) -> None:
    """The files area's judgement of an upload (content type and size), as a form error."""
    from ..services.files import check_upload  # noqa: PLC0415 - the files area, only when a file comes

    try:
        check_upload(uploaded)
    except DomainError as error:
        raise ValidationError(error.message, code=error.code) from error


def refused_form(form, message: str):
    """An unbound form showing `message` above its fields (a body refused before reading it)."""
    form.cleaned_data = {}  # add_error needs it; an unbound form has none
    form.add_error(None, message)
    return form


def install_upload_limit(request):
    """Before the body is read: the library's per-kind size limit on the uploaded file."""
    return uploads.install(request)


def already_submitted(request, resource, error: DomainError):
    return render(
        request,
        "library/contributions/submitted_already.html",
        {"resource": resource, "message": error.message},
        status=409,
    )


def saved(request, resource, *, submitting: bool):
    """After a save: submit when asked, then show the contribution's page."""
    if submitting:
        try:
            resource = submit_contribution(actor=request.user, resource=resource)
        except AlreadySubmitted as conflict:
            return already_submitted(request, resource, conflict)
        except DomainError as refusal:
            messages.error(request, f"Saved as a draft, not submitted: {refusal.message}")
        else:
            messages.success(request, SUBMITTED_MESSAGE.format(title=resource.title))
    else:
        messages.success(request, "Draft saved. Submit it for review when it is ready.")
    return redirect("library:contribution", contribution_id=resource.public_id)
