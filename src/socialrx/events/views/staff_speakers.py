"""Staff's speakers: every speaker profile, adding and editing one (with a photo judged by its
content and a description of it), and deleting a profile no session uses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..forms_agenda import SpeakerForm
from ..selectors import staff_agenda as selectors
from ..services import speakers as service
from ..speaker_photos import MAX_PHOTO_BYTES, TOO_LARGE

# Room in the body for the other fields and the multipart boundaries.
MAX_BODY_BYTES = MAX_PHOTO_BYTES + 256 * 1024


def _manage(request) -> None:
    require(request.user, "events.manage_events")


def _too_large(request) -> bool:
    """A body bigger than any acceptable photo is refused before it is read."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


@login_required
def speaker_list(request):
    _manage(request)
    return render(
        request, "events/staff/speakers/list.html", {"speakers": selectors.speakers_list()}
    )


def _form_page(request, form, speaker=None, *, status=200, error=""):
    return render(
        request,
        "events/staff/speakers/form.html",
        {"form": form, "speaker": speaker, "error": error},
        status=status,
    )


def _refuse_large(request, speaker=None):
    return _form_page(request, SpeakerForm(speaker=speaker), speaker, status=413, error=TOO_LARGE)


@login_required
@require_http_methods(["GET", "POST"])
def speaker_new(request):
    _manage(request)
    if request.method == "POST" and _too_large(request):
        return _refuse_large(request)
    form = SpeakerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            speaker = service.create_speaker(
                actor=request.user, data=values, photo=values.get("photo")
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{speaker.full_name} was added.")
            return redirect("events:staff_speakers")
    return _form_page(request, form, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def speaker_edit(request, speaker_slug):
    _manage(request)
    speaker = selectors.staff_speaker(speaker_slug)
    if request.method == "POST" and _too_large(request):
        return _refuse_large(request, speaker)
    form = SpeakerForm(request.POST or None, request.FILES or None, speaker=speaker)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            speaker = service.update_speaker(
                actor=request.user,
                speaker=speaker,
                data=values,
                photo=values.get("photo"),
                remove_photo=bool(values.get("remove_photo")),
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{speaker.full_name} was saved.")
            return redirect("events:staff_speakers")
    return _form_page(
        request,
        form,
        selectors.staff_speaker(speaker_slug),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def speaker_delete(request, speaker_slug):
    _manage(request)
    speaker = selectors.staff_speaker(speaker_slug)
    try:
        service.delete_speaker(actor=request.user, speaker=speaker)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{speaker.full_name}'s profile was deleted.")
    return redirect("events:staff_speakers")
