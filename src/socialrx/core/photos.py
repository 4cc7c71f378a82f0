"""Photos people upload (a speaker's, a coach's): judged by what the file is, never by its name
or declared type. A feature-free tool: each app says how large its photos are kept.

Only PNG, JPEG and WebP of at most `MAX_PHOTO_BYTES` and `MAX_PIXELS` are accepted. The file is
opened with Pillow (header only, so a decompression bomb is refused before decoding), checked
with `verify()` (a truncated or damaged file is refused), then decoded, turned upright by its
EXIF orientation, scaled down to at most `MAX_SIDE` pixels and re-encoded from bare pixels, so
no metadata survives (GPS positions, camera serials)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# The longest side kept unless the app says otherwise.
MAX_SIDE = 1200

ACCEPTED = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WEBP"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
SAVE_OPTIONS = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "WEBP": {"quality": 85, "method": 4},
}

ACCEPTED_TEXT = "Upload a JPEG, PNG or WebP photo"
NOT_AN_IMAGE = f"{ACCEPTED_TEXT}; this file is not an image."
DAMAGED = f"{ACCEPTED_TEXT}; this image could not be read (it may be damaged)."
TOO_LARGE = "The photo must be 5 MB or smaller."
TOO_MANY_PIXELS = "This image has too many pixels: upload one of at most 40 megapixels."


class PhotoError(ValueError):
    """A refused photo; the message is written for the person who uploaded it."""


class CheckedPhoto(ContentFile):
    """A photo that passed the checks, re-encoded; its name carries its real extension."""

    def __init__(self, content: bytes, extension: str):
        super().__init__(content, name=f"photo.{extension}")
        self.extension = extension


def _open(content: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(content))
    except Image.DecompressionBombError as error:
        raise PhotoError(TOO_MANY_PIXELS) from error
    except Exception as error:  # whatever Pillow cannot identify is no image
        raise PhotoError(NOT_AN_IMAGE) from error
    if image.format not in ACCEPTED:
        found = image.format or "unknown"
        image.close()
        raise PhotoError(f"{ACCEPTED_TEXT}; this file is a {found} image.")
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise PhotoError(TOO_MANY_PIXELS)
    return image


def prepare_photo(file, *, max_side: int = MAX_SIDE) -> CheckedPhoto:
    """Check an uploaded photo and re-encode it, at most `max_side` pixels a side, or raise
    PhotoError."""
    if isinstance(file, CheckedPhoto):
        return file
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise PhotoError(TOO_LARGE)
    file.seek(0)
    content = file.read(MAX_PHOTO_BYTES + 1)
    if len(content) > MAX_PHOTO_BYTES:
        raise PhotoError(TOO_LARGE)
    image = _open(content)
    try:
        image.verify()  # the whole file's structure, without decoding the pixels
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        raise PhotoError(DAMAGED) from error
    finally:
        image.close()
    image = _open(content)  # verify() leaves the image unusable: open it again to decode
    output = ACCEPTED[image.format]
    try:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        mode = "RGBA" if transparent and output != "JPEG" else "RGB"
        converted = upright.convert(mode)
        bare = Image.frombytes(mode, converted.size, converted.tobytes())
        buffer = io.BytesIO()
        bare.save(buffer, format=output, **SAVE_OPTIONS[output])
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as error:
        raise PhotoError(DAMAGED) from error
    finally:
        image.close()
    return CheckedPhoto(buffer.getvalue(), EXTENSIONS[output])
