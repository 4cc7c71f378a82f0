"""Coaches' photos: the kernel's checks (`core.photos`: judged by content, re-encoded without
metadata), kept at most 800 pixels a side for the coach pages."""

from __future__ import annotations

from socialrx.core.photos import MAX_PHOTO_BYTES, TOO_LARGE, CheckedPhoto, PhotoError
from socialrx.core.photos import prepare_photo as _prepare_photo

MAX_SIDE = 800

__all__ = ["MAX_PHOTO_BYTES", "MAX_SIDE", "TOO_LARGE", "PhotoError", "prepare_photo"]


def prepare_photo(file) -> CheckedPhoto:
    """Check an uploaded coach photo and re-encode it, or raise PhotoError."""
    return _prepare_photo(file, max_side=MAX_SIDE)
