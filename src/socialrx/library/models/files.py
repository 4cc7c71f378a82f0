"""Files attached to resources (PDF, DOCX, PPTX, audio, video) and the versions of templates.

Files live in the "private" storage (never under MEDIA_ROOT, which the proxy serves to anyone;
S3-compatible when configured) and are streamed by a view that asks the resource's access
first, so a member-only file is unreachable by direct URL."""

import uuid

from django.conf import settings
from django.db import models

from .resources import Resource


def private_storage():
    from django.core.files.storage import storages  # noqa: PLC0415 - resolved when a file is saved, so tests may point it elsewhere

    return storages["private"]


def file_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"library/{instance.public_id}.{suffix}"


class FileKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"


class ResourceFile(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=file_path, storage=private_storage, max_length=200)
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    # The type found in the file's content (never the name the browser sent).
    content_type = models.CharField(max_length=120)
    size_bytes = models.PositiveBigIntegerField()
    original_name = models.CharField(max_length=200)
    # Audio and video: their length, read from the file when it is uploaded.
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    # The template version this file belongs to (None: the resource's current files).
    version = models.ForeignKey(
        "ResourceVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.original_name


class ResourceVersion(models.Model):
    """A policy template's or checklist's text as published at one time: readers compare any
    two versions to see what changed."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    change_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-number",)
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="library_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"
