"""core.files.stream: a stored file served whole or by byte ranges (RFC 9110), inline or as
an attachment (RFC 6266), cached privately or publicly; a missing file is a 404."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import RequestFactory

from socialrx.core.errors import NotFound
from socialrx.core.files import UNSATISFIABLE, attachment_disposition, byte_range, stream

pytestmark = pytest.mark.unit

BODY = b"0123456789abcdefghij"  # 20 bytes


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=str(tmp_path))
    name = storage.save("files/episode.mp3", ContentFile(BODY))
    # What stream reads of a FieldFile: its storage and name.
    return SimpleNamespace(storage=storage, name=name)


def get(headers=None):
    return RequestFactory().get("/file/", headers=headers or {})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-9", (0, 9)),
        ("bytes=4-7", (4, 7)),
        ("bytes=-5", (15, 19)),
        ("bytes=-50", (0, 19)),
        ("bytes=12-", (12, 19)),
        ("bytes=0-999", (0, 19)),
        (" bytes=3-3 ", (3, 3)),
        ("", None),
        ("bytes=-", None),
        ("bytes=0-1,5-6", None),
        ("bytes=9-2", None),
        ("items=0-5", None),
        ("bytes=20-", UNSATISFIABLE),
        ("bytes=99-100", UNSATISFIABLE),
        ("bytes=-0", UNSATISFIABLE),
    ],
)
def test_byte_range(header, expected):
    assert byte_range(header, 20) == expected


def test_the_last_bytes_of_an_empty_file_are_unsatisfiable():
    assert byte_range("bytes=-1", 0) is UNSATISFIABLE


def test_the_whole_file_privately(stored):
    response = stream(get(), stored, "audio/mpeg")

    assert response.status_code == 200
    assert body(response) == BODY
    assert response["Content-Length"] == "20"
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert response["Vary"] == "Cookie"
    assert not response.get("Content-Disposition", "").startswith("attachment")


@pytest.mark.parametrize(
    ("header", "content_range", "expected"),
    [
        ("bytes=0-9", "bytes 0-9/20", b"0123456789"),
        ("bytes=4-7", "bytes 4-7/20", b"4567"),
        ("bytes=-5", "bytes 15-19/20", b"fghij"),
        ("bytes=12-", "bytes 12-19/20", b"cdefghij"),
        ("bytes=0-999", "bytes 0-19/20", BODY),
    ],
)
def test_a_range_is_206_with_its_part(stored, header, content_range, expected):
    response = stream(get({"Range": header}), stored, "audio/mpeg")

    assert response.status_code == 206
    assert response["Content-Range"] == content_range
    assert body(response) == expected
    assert response["Content-Length"] == str(len(expected))


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "bytes=9-2", "items=0-5"])
def test_a_range_that_cannot_be_read_gets_the_whole_file(stored, header):
    response = stream(get({"Range": header}), stored, "audio/mpeg")

    assert response.status_code == 200
    assert response.get("Content-Range") is None
    assert body(response) == BODY


def test_positions_of_19_digits_are_read():
    assert byte_range("bytes=0-9999999999999999999", 20) == (0, 19)
    assert byte_range("bytes=-9999999999999999999", 20) == (0, 19)
    assert byte_range("bytes=1000000000000000000-", 20) is UNSATISFIABLE


@pytest.mark.parametrize(
    "header",
    [
        "bytes=0-" + "9" * 5000,  # int() refuses more than 4,300 digits
        "bytes=" + "1" * 5000 + "-",
        "bytes=-" + "7" * 5000,
        "bytes=0-99999999999999999999",  # 20 digits
    ],
)
def test_a_range_with_an_absurdly_long_position_gets_the_whole_file(stored, header):
    response = stream(get({"Range": header}), stored, "audio/mpeg")

    assert response.status_code == 200
    assert response.get("Content-Range") is None
    assert body(response) == BODY


@pytest.mark.parametrize("header", ["bytes=20-", "bytes=99-100", "bytes=-0"])
def test_an_unsatisfiable_range_is_416(stored, header):
    response = stream(get({"Range": header}), stored, "audio/mpeg")

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */20"


def test_an_attachment_is_named_for_every_browser(stored):
    response = stream(get(), stored, "application/pdf", attachment_name="Crisis plan – v2.pdf")

    assert response["Content-Disposition"] == (
        'attachment; filename="Crisis plan v2.pdf"; '
        "filename*=UTF-8''Crisis%20plan%20%E2%80%93%20v2.pdf"
    )


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ('Policy "A".pdf', 'attachment; filename="Policy \\"A\\".pdf"'),
        ("checklist.docx", 'attachment; filename="checklist.docx"'),
        ("../../etc/passwd", 'attachment; filename=".._.._etc_passwd"'),
        ("two\r\nlines.pdf", 'attachment; filename="two__lines.pdf"'),
        ("Résumé.pdf",
         "attachment; filename=\"Resume.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf"),
        ("报告.pdf",
         "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf"),
        ("", 'attachment; filename="download"'),
    ],
)  # fmt: skip
def test_attachment_names(name, header):
    assert attachment_disposition(name) == header


def test_a_public_file_may_be_kept_by_shared_caches(stored):
    response = stream(get({"Range": "bytes=0-3"}), stored, "audio/mpeg", cache="public")

    assert response.status_code == 206
    assert response["Cache-Control"] == "public, max-age=3600"
    assert "Vary" not in response


def test_an_unknown_cache_policy_is_a_programming_error(stored):
    with pytest.raises(ValueError, match="cache must be one of"):
        stream(get(), stored, "audio/mpeg", cache="shared")


def test_a_file_missing_from_storage_is_404(stored):
    stored.storage.delete(stored.name)
    with pytest.raises(NotFound, match="This file is missing."):
        stream(get(), stored, "audio/mpeg")
