"""A resource's files: added (judged by content, limited by kind, stored privately), removed,
and put in order. Staff manage every resource's files; a contributor adds files to the
contribution they may still edit (the contributions area calls `add_file`)."""

from __future__ import annotations

import math
import unicodedata

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import allowed

from .. import uploads
from ..models import Resource, ResourceFile
from .authoring import rebuild_search_text

NAME_LIMIT = 200


def _require_files_access(user, resource: Resource) -> None:
    """Staff, or a contributor while their contribution is still theirs to edit."""
    if not (
        allowed(user, "library.manage") or allowed(user, "library.edit_contribution", resource)
    ):
        raise PermissionDenied("You may not change this resource's files.")


def clean_name(name: str) -> str:
    """The name the person gave the file, without paths or control characters, kept short
    (its end, where the extension is, is kept)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()) or "file"
    return name if len(name) <= NAME_LIMIT else name[-NAME_LIMIT:]


def check_upload(uploaded) -> uploads.Format:
    """The format of `uploaded`; DomainError (field "file") when it is missing, empty, of a
    content the library does not take, or bigger than its kind allows."""
    if uploaded is None:
        raise DomainError("Choose a file to upload.", field="file")
    if not uploaded.size:
        raise DomainError("The file is empty.", field="file")
    try:
        fmt = uploads.identify(uploaded)
    except uploads.Refused as refused:
        raise DomainError(str(refused), field="file", code="wrong_type") from refused
    if uploaded.size > uploads.limit_for_kind(fmt.kind):
        raise DomainError(
            uploads.too_large_message(uploaded.size, fmt.kind), field="file", code="too_large"
        )
    return fmt


def add_file(*, user, resource: Resource, uploaded) -> ResourceFile:
    """Attach `uploaded` to `resource` as the last of its files. The stored name's extension
    and the content type are the ones found in the content; the person's name for the file is
    kept for the download. Nothing is kept when anything fails."""
    _require_files_access(user, resource)
    fmt = check_upload(uploaded)
    duration = uploads.read_duration(uploaded, fmt)
    original = clean_name(uploaded.name)
    attached = ResourceFile(
        resource=resource,
        kind=fmt.kind,
        content_type=fmt.content_type,
        size_bytes=uploaded.size,
        original_name=original,
        duration_seconds=duration,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = Resource.objects.select_for_update().get(pk=resource.pk)
            last = locked.files.filter(version__isnull=True).aggregate(last=Max("position"))
            attached.position = (last["last"] or 0) + 1
            attached.file.save(f"upload.{fmt.extension}", uploaded, save=False)
            stored.append(attached.file.name)
            attached.save()
            if duration and locked.is_timed and not locked.minutes:
                locked.minutes = min(math.ceil(duration / 60), 32767)
                locked.save(update_fields=["minutes", "updated_at"])
                resource.minutes = locked.minutes
            rebuild_search_text(locked)
            audit.record(
                actor=user,
                action="library.file.added",
                target=attached,
                after={
                    "resource": locked.title,
                    "name": original,
                    "content_type": fmt.content_type,
                    "size_bytes": attached.size_bytes,
                    "duration_seconds": duration,
                },
            )
    except BaseException:
        storage = ResourceFile._meta.get_field("file").storage
        for name in stored:  # the row was rolled back: its file goes too
            storage.delete(name)
        raise
    return attached


def _locked_file(attached: ResourceFile) -> ResourceFile:
    found = (
        ResourceFile.objects.select_for_update(of=("self",))
        .select_related("resource")
        .filter(pk=attached.pk)
        .first()
    )
    if found is None:
        raise NotFound("This file was removed already.")
    return found


@transaction.atomic
def remove_file(*, user, attached: ResourceFile) -> None:
    """Detach and delete a file (its bytes are deleted once the removal is committed)."""
    _require_files_access(user, attached.resource)
    attached = _locked_file(attached)
    resource = attached.resource
    name = attached.file.name
    before = {"resource": resource.title, "name": attached.original_name}
    audit.record(actor=user, action="library.file.removed", target=attached, before=before)
    attached.delete()
    _renumber(resource)
    rebuild_search_text(resource)
    storage = ResourceFile._meta.get_field("file").storage
    transaction.on_commit(lambda: storage.delete(name) if name else None)


def _renumber(resource: Resource, ordered: list[ResourceFile] | None = None) -> None:
    files = ordered if ordered is not None else list(resource.files.filter(version__isnull=True))
    changed = []
    for position, item in enumerate(files, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    ResourceFile.objects.bulk_update(changed, ["position"])


@transaction.atomic
def move_file(*, user, attached: ResourceFile, direction: str) -> None:
    """Move a file one place up or down among its resource's files."""
    _require_files_access(user, attached.resource)
    if direction not in ("up", "down"):
        raise DomainError("Move a file up or down.", field="direction")
    attached = _locked_file(attached)
    files = list(attached.resource.files.filter(version__isnull=True))
    index = next(i for i, item in enumerate(files) if item.pk == attached.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(files):
        raise DomainError(f"This file is already the {'first' if other < 0 else 'last'}.")
    files[index], files[other] = files[other], files[index]
    _renumber(attached.resource, files)
    audit.record(
        actor=user,
        action="library.file.moved",
        target=attached,
        after={"resource": attached.resource.title, "name": attached.original_name,
               "position": other + 1},
    )  # fmt: skip
