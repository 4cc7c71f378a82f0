"""Adding files to a resource (services.files): the content decides the type and the stored
extension, whatever the name says; refused contents and oversized files leave nothing behind
(no row, no stored file); removing and reordering."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import FileKind, Resource, ResourceFile, ResourceKind
from socialrx.library.selectors.files import download_name
from socialrx.library.services import files as services
from tests.library.factories import PDF_BYTES, make_resource, member_org
from tests.library.files_support import (
    DOCM,
    DOCX,
    EXE,
    HTML,
    MP3,
    MP4,
    PPTX,
    WEBM,
    bare_zip,
    padded_pdf,
    stored_files,
    upload,
    use_private_storage,
    wav,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


@pytest.fixture
def resource():
    return make_resource(title="Social media policy template", kind=ResourceKind.POLICY_TEMPLATE)


def _add(staff, resource, name, content):
    return services.add_file(user=staff, resource=resource, uploaded=upload(name, content))


def test_a_pdf_is_stored_privately_with_what_its_content_is(staff, resource, storage):
    attached = _add(staff, resource, "Policy 2025.pdf", PDF_BYTES)

    assert attached.kind == FileKind.DOCUMENT
    assert attached.content_type == "application/pdf"
    assert attached.original_name == "Policy 2025.pdf"
    assert attached.size_bytes == len(PDF_BYTES)
    assert attached.file.name == f"library/{attached.public_id}.pdf"
    assert storage.open(attached.file.name).read() == PDF_BYTES
    event = AuditEvent.objects.get(action="library.file.added")
    assert event.after["name"] == "Policy 2025.pdf"
    assert event.after["content_type"] == "application/pdf"


def test_a_pdf_named_docx_is_kept_and_downloaded_as_a_pdf(staff, resource, storage):
    attached = _add(staff, resource, "policy.docx", PDF_BYTES)

    assert attached.content_type == "application/pdf"
    assert attached.file.name.endswith(".pdf")
    assert attached.original_name == "policy.docx"
    assert download_name(attached) == "policy.pdf"


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type", "extension"),
    [
        ("policy.docx", DOCX, "document", f"{'application/vnd.openxmlformats-officedocument'}"
         ".wordprocessingml.document", "docx"),
        ("deck.pptx", PPTX, "document", "application/vnd.openxmlformats-officedocument"
         ".presentationml.presentation", "pptx"),
        ("episode.mp3", MP3, "audio", "audio/mpeg", "mp3"),
        ("clip.mp4", MP4, "video", "video/mp4", "mp4"),
        ("clip.webm", WEBM, "video", "video/webm", "webm"),
        ("talk", wav(), "audio", "audio/wav", "wav"),
    ],
)  # fmt: skip
def test_each_accepted_format(staff, resource, name, content, kind, content_type, extension):
    attached = _add(staff, resource, name, content)

    assert (attached.kind, attached.content_type) == (kind, content_type)
    assert attached.file.name.endswith(f".{extension}")


def test_the_length_of_audio_is_read_and_fills_in_the_minutes(staff):
    episode = make_resource(kind=ResourceKind.PODCAST_EPISODE, minutes=None)

    attached = _add(staff, episode, "episode.wav", wav(seconds=2))

    assert attached.duration_seconds == 2
    episode.refresh_from_db()
    assert episode.minutes == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("policy.pdf", EXE, "This file's content is a Windows program. It is named .pdf but "
         "that is not what it holds."),
        ("policy.pdf", HTML, "This file's content is not a format the library recognises"),
        ("policy.docx", bare_zip(), "This file is a ZIP archive, not a Word, PowerPoint or "
         "Excel file"),
        ("policy.docx", DOCM, "Macro-enabled Office files are not accepted"),
    ],
)  # fmt: skip
def test_a_refused_content_leaves_nothing_behind(staff, resource, storage, name, content, message):
    with pytest.raises(DomainError) as refused:
        _add(staff, resource, name, content)

    assert message in refused.value.message
    assert refused.value.field == "file"
    assert not ResourceFile.objects.exists()
    assert stored_files(storage) == []


def test_an_empty_file_is_refused(staff, resource):
    with pytest.raises(DomainError, match="The file is empty."):
        _add(staff, resource, "policy.pdf", b"")


def test_an_oversized_document_is_refused_naming_the_limit(staff, resource, storage, settings):
    settings.LIBRARY_DOCUMENT_MAX_MB = 1

    with pytest.raises(DomainError) as refused:
        _add(staff, resource, "policy.pdf", padded_pdf(1536 * 1024))

    assert refused.value.message == "This file is 1.5 MB; documents may be up to 1.0 MB."
    assert refused.value.code == "too_large"
    assert not ResourceFile.objects.exists()
    assert stored_files(storage) == []


def test_audio_and_documents_have_their_own_limits(staff, resource, settings):
    settings.LIBRARY_MEDIA_MAX_MB = 1
    settings.LIBRARY_DOCUMENT_MAX_MB = 2
    audio = MP3 + b"\xff\xfb\x90\x00" * (400 * 1024)  # 1.6 MB

    with pytest.raises(DomainError) as refused:
        _add(staff, resource, "episode.mp3", audio)
    document = _add(staff, resource, "policy.pdf", padded_pdf(1536 * 1024))

    assert (
        refused.value.message == "This file is 1.6 MB; audio and video files may be up to 1.0 MB."
    )
    assert document.size_bytes == 1536 * 1024


def test_a_member_may_not_add_files_to_staffs_resource(resource):
    _, _, member = member_org()

    with pytest.raises(PermissionDenied):
        _add(member, resource, "policy.pdf", PDF_BYTES)
    assert not ResourceFile.objects.exists()


def test_file_names_become_searchable(staff, resource):
    _add(staff, resource, "Crisis checklist.pdf", PDF_BYTES)

    resource.refresh_from_db()
    assert "Crisis checklist.pdf" in resource.search_text


def test_removing_a_file_deletes_its_row_and_then_its_bytes(
    staff, resource, storage, django_capture_on_commit_callbacks
):
    attached = _add(staff, resource, "policy.pdf", PDF_BYTES)

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_file(user=staff, attached=attached)

    assert not ResourceFile.objects.exists()
    assert stored_files(storage) == []
    assert AuditEvent.objects.filter(action="library.file.removed").count() == 1
    assert "policy.pdf" not in Resource.objects.get(pk=resource.pk).search_text


def test_files_move_up_and_down(staff, resource):
    first = _add(staff, resource, "first.pdf", PDF_BYTES)
    second = _add(staff, resource, "second.pdf", PDF_BYTES)
    third = _add(staff, resource, "third.pdf", PDF_BYTES)

    services.move_file(user=staff, attached=third, direction="up")

    names = list(resource.files.values_list("original_name", flat=True))
    assert names == ["first.pdf", "third.pdf", "second.pdf"]
    with pytest.raises(DomainError, match="This file is already the first."):
        services.move_file(user=staff, attached=first, direction="up")
    assert second.pk  # still there
