"""Speakers: one profile per person across events (name, credentials, bio, photo).

A photo is stored only after `speaker_photos.prepare_photo` accepted and re-encoded it, and
always with a text alternative. A replaced or removed photo's file is deleted once the change
is committed. A speaker on any session cannot be deleted (take them off the sessions first)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..models import SessionSpeaker, Speaker
from ..speaker_photos import PhotoError, prepare_photo
from .event_admin import PERMISSION

FIELDS = ("full_name", "credentials", "job_title", "organization_name", "bio", "photo_alt")
LIMITS = {
    "full_name": 160,
    "credentials": 80,
    "job_title": 160,
    "organization_name": 160,
    "photo_alt": 200,
}
ALT_NEEDED = "Describe the photo for people who cannot see it."


def _clean(data: dict) -> dict:
    values = {name: (data.get(name) or "").strip() for name in FIELDS}
    if not values["full_name"]:
        raise DomainError("Give the speaker's full name.", field="full_name")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            raise DomainError(f"Keep this to {limit} characters.", field=name)
    return values


def _unique_slug(full_name: str) -> str:
    base = slugify(full_name)[:70].strip("-") or "speaker"
    taken = set(Speaker.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _photo(upload):
    if upload is None:
        return None
    try:
        return prepare_photo(upload)
    except PhotoError as error:
        raise DomainError(str(error), field="photo") from error


def _delete_on_commit(speaker_photo, name: str) -> None:
    storage = speaker_photo.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _snapshot(speaker: Speaker) -> dict:
    return {name: getattr(speaker, name) for name in FIELDS} | {
        "slug": speaker.slug,
        "photo": speaker.photo.name if speaker.photo else "",
    }


@transaction.atomic
def create_speaker(*, actor, data: dict, photo=None) -> Speaker:
    """`data`: FIELDS; `photo`: an uploaded file or None."""
    require(actor, PERMISSION)
    values = _clean(data)
    prepared = _photo(photo)
    if prepared is not None and not values["photo_alt"]:
        raise DomainError(ALT_NEEDED, field="photo_alt")
    speaker = Speaker.objects.create(slug=_unique_slug(values["full_name"]), **values)
    if prepared is not None:  # the file is written last: nothing after it can fail
        speaker.photo.save(prepared.name, prepared, save=False)
        speaker.save(update_fields=["photo"])
    audit.record(
        actor=actor, action="events.speaker.created", target=speaker, after=_snapshot(speaker)
    )
    return speaker


@transaction.atomic
def update_speaker(
    *, actor, speaker: Speaker, data: dict, photo=None, remove_photo: bool = False
) -> Speaker:
    """Change the profile; `photo` replaces the photo, `remove_photo` takes it away."""
    require(actor, PERMISSION)
    speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
    values = _clean(data)
    prepared = _photo(photo)
    will_have_photo = prepared is not None or (bool(speaker.photo) and not remove_photo)
    if will_have_photo and not values["photo_alt"]:
        raise DomainError(ALT_NEEDED, field="photo_alt")
    before = _snapshot(speaker)
    old_photo = speaker.photo.name if speaker.photo else ""
    for name, value in values.items():
        setattr(speaker, name, value)
    if prepared is None and remove_photo:
        speaker.photo = ""
    speaker.save()
    if prepared is not None:
        speaker.photo.save(prepared.name, prepared, save=False)
        speaker.save(update_fields=["photo"])
    if old_photo and (prepared is not None or remove_photo):
        _delete_on_commit(speaker.photo, old_photo)
    audit.record(
        actor=actor,
        action="events.speaker.updated",
        target=speaker,
        before=before,
        after=_snapshot(speaker),
    )
    return speaker


@transaction.atomic
def delete_speaker(*, actor, speaker: Speaker) -> None:
    require(actor, PERMISSION)
    speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
    sessions = SessionSpeaker.objects.filter(speaker=speaker).count()
    if sessions:
        raise Conflict(
            f"{speaker.full_name} speaks at {sessions} session{'s' if sessions != 1 else ''}: "
            "take them off the agenda before deleting the profile.",
            code="in_use",
        )
    photo = speaker.photo.name if speaker.photo else ""
    audit.record(
        actor=actor, action="events.speaker.deleted", target=speaker, before=_snapshot(speaker)
    )
    if photo:
        _delete_on_commit(speaker.photo, photo)
    try:
        speaker.delete()
    except ProtectedError as error:  # put on a session since the count above
        raise Conflict(
            f"{speaker.full_name} was just put on a session: the profile is kept.", code="in_use"
        ) from error
