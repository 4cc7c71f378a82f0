"""Shared by the agenda builder's tests: a two-day conference on fixed dates in Chicago
(June 10–11, 2031, daylight time: UTC−5), times on its clock, and small images for photos."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.events.factories import make_event

CHICAGO = ZoneInfo("America/Chicago")


def at(day: int, hour: int, minute: int = 0, zone: ZoneInfo = CHICAGO) -> datetime:
    """June `day`, 2031 at hour:minute on the event's clock."""
    return datetime(2031, 6, day, hour, minute, tzinfo=zone)


def june_conference(**fields):
    """June 10, 8:00 AM to June 11, 5:00 PM CDT, registration open until June 9."""
    values = {
        "starts_at": at(10, 8),
        "ends_at": at(11, 17),
        "registration_closes_at": at(9, 17),
        "rename_until": at(8, 17),
        "refund_until": at(1, 17),
    }
    values.update(fields)
    return make_event(**values)


def image_bytes(format: str = "PNG", size=(40, 30), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format)
    return buffer.getvalue()


def upload(name: str = "portrait.png", content: bytes | None = None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type)
