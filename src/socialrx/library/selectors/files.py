"""A resource's files as their readers get them: only to people who may read the resource
(everyone else, visitors included, gets a 404 whatever the address)."""

from __future__ import annotations

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import Access, FileKind, ResourceFile, ResourceKind, ResourceStatus


def file_for_reader(user, public_id) -> ResourceFile:
    attached = ResourceFile.objects.select_related("resource").filter(public_id=public_id).first()
    if attached is None or not allowed(user, "library.read_resource", attached.resource):
        raise NotFound("No such file.")
    return attached


def download_name(attached: ResourceFile) -> str:
    """The file's name for a download: the person's name for it with the extension its
    content has ("Social media policy.docx" holding a PDF downloads as ".pdf"). core.files
    makes it safe for the header."""
    stored = attached.file.name or ""
    extension = stored.rsplit(".", 1)[-1].lower() if "." in stored else ""
    stem = (
        attached.original_name.rsplit(".", 1)[0]
        if "." in attached.original_name
        else (attached.original_name)
    )
    stem = " ".join(stem.replace("/", " ").replace("\\", " ").split())[:100].strip(" .") or "file"
    return f"{stem}.{extension}" if extension else stem


def is_inline(attached: ResourceFile) -> bool:
    """Audio and video play in the page; documents are downloaded."""
    return attached.kind in (FileKind.AUDIO, FileKind.VIDEO)


def may_cache_publicly(attached: ResourceFile) -> bool:
    """A published public podcast episode's audio is the same for everyone (podcast apps
    fetch it): shared caches may keep it."""
    resource = attached.resource
    return (
        attached.kind == FileKind.AUDIO
        and resource.kind == ResourceKind.PODCAST_EPISODE
        and resource.access == Access.PUBLIC
        and resource.status == ResourceStatus.PUBLISHED
    )


def file_url(attached: ResourceFile) -> str:
    """Where a reader fetches the file (the name in it is what the browser shows)."""
    from django.urls import reverse  # noqa: PLC0415 - selectors rarely build addresses

    return reverse("library:file", args=[attached.public_id, download_name(attached)])
