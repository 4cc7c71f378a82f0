"""Sample files for the library's upload tests, each with real signatures: documents built as
their programs write them (Office files are ZIPs with a [Content_Types].xml part), audio and
video heads, and contents the library refuses (a Windows program, a web page, a bare ZIP)."""

from __future__ import annotations

import io
import wave
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.library.factories import PDF_BYTES

OOXML = "application/vnd.openxmlformats-officedocument"
WORD_MAIN = f"{OOXML}.wordprocessingml.document.main+xml"
SLIDES_MAIN = f"{OOXML}.presentationml.presentation.main+xml"
MACRO_WORD_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def content_types(main_part: str, part_name: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part_name}" ContentType="{main_part}"/>'
        "</Types>"
    )


def office_file(main_part: str = WORD_MAIN, folder: str = "word", main: str = "document.xml"):
    """A minimal Office file: [Content_Types].xml first, then the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(main_part, f"{folder}/{main}"))
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}/{main}", "<document>Social media policy</document>")
    return buffer.getvalue()


DOCX = office_file()
PPTX = office_file(SLIDES_MAIN, "ppt", "presentation.xml")
DOCM = office_file(MACRO_WORD_MAIN)


def bare_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not an office file")
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 300
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 100
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 300
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 300


def wav(seconds: int = 2, rate: int = 8000) -> bytes:
    """A real WAV file of silence, `seconds` long."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * rate * seconds)
    return buffer.getvalue()


def padded_pdf(total: int) -> bytes:
    """A PDF of `total` bytes (a comment pads it)."""
    return PDF_BYTES + b"%" + b"x" * (total - len(PDF_BYTES) - 1)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(storage) -> list[str]:
    """Every file name under the storage's library/ folder."""
    try:
        return sorted(storage.listdir("library")[1])
    except FileNotFoundError:
        return []


def use_private_storage(tmp_path, monkeypatch):
    """Library files go to this test's own directory (the field's storage is resolved when
    the model loads, so it is replaced on the field itself)."""
    from django.core.files.storage import FileSystemStorage  # noqa: PLC0415

    from socialrx.library.models import ResourceFile  # noqa: PLC0415

    storage = FileSystemStorage(location=str(tmp_path / "private"))
    monkeypatch.setattr(ResourceFile._meta.get_field("file"), "storage", storage)
    return storage
