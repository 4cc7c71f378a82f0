"""Profile photos: accept only the image formats the site shows, re-encode them.

A photo is opened with Pillow and judged by what it is, never by its name or declared type:
only PNG, JPEG and WebP are accepted. The pixel count is checked from the header before
anything is decoded (decompression bombs). The photo is turned upright by its EXIF orientation,
scaled down to at most `MAX_SIDE` pixels, converted to sRGB and re-encoded in its own format
from bare pixels, so no metadata survives (EXIF with GPS positions and camera serials, XMP,
ICC profiles, text chunks). It is stored under the extension of that format.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps

MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000
MAX_SIDE = 1024

# Detected format -> the format it is re-encoded in. MPO is how Pillow names the JPEGs of
# cameras and phones that carry a second picture; it is a JPEG, and only its first is kept.
ACCEPTED = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WEBP"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "WEBP": {"quality": 85, "method": 4},
}

ACCEPTED_TEXT = "Upload a PNG, JPEG or WebP image"
NOT_AN_IMAGE = f"{ACCEPTED_TEXT}; this file is not an image."
DAMAGED = f"{ACCEPTED_TEXT}; this image could not be read (it may be damaged)."
TOO_LARGE = "The photo must be 2 MB or smaller."
TOO_MANY_PIXELS = (
    "This image has too many pixels: upload one of at most 25 megapixels "
    "(for example 5,000 × 5,000)."
)
FORMAT_NAMES = {
    "GIF": "a GIF",
    "EPS": "PostScript",
    "PDF": "a PDF",
    "TIFF": "a TIFF image",
    "BMP": "a BMP image",
    "DIB": "a BMP image",
    "ICO": "an icon",
    "ICNS": "an icon",
    "PSD": "a Photoshop document",
    "JPEG2000": "a JPEG 2000 image",
    "AVIF": "an AVIF image",
    "HEIF": "a HEIC image",
}


class PhotoError(ValueError):
    """A photo that is refused; the message is written for the person who uploaded it."""


class ProcessedPhoto(ContentFile):
    """A photo that passed the checks and was re-encoded; `extension` names its format."""

    def __init__(self, content: bytes, extension: str):
        super().__init__(content, name=f"photo.{extension}")
        self.extension = extension


def prepare_photo(file) -> ProcessedPhoto:
    """Check an uploaded photo and re-encode it, or raise PhotoError."""
    if isinstance(file, ProcessedPhoto):
        return file
    if getattr(file, "size", None) is not None and file.size > MAX_PHOTO_BYTES:
        raise PhotoError(TOO_LARGE)
    image = _open(file)
    output = ACCEPTED[image.format]
    try:
        image.draft(None, (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced scale
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        pixels = _bare_srgb_pixels(upright, alpha=output != "JPEG")
        buffer = io.BytesIO()
        pixels.save(buffer, format=output, **SAVE_OPTIONS[output])
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as error:
        raise PhotoError(DAMAGED) from error
    finally:
        image.close()
    return ProcessedPhoto(buffer.getvalue(), EXTENSIONS[output])


def extension_of(file) -> str:
    """The extension a photo is stored under, from the format it really is."""
    content = getattr(file, "file", file)  # a model's FieldFile holds the upload in `file`
    if isinstance(content, ProcessedPhoto):
        return content.extension
    image = _open(content)
    image.close()
    content.seek(0)
    return EXTENSIONS[ACCEPTED[image.format]]


def _open(file) -> Image.Image:
    """Open the photo (its header only) and refuse what the site does not show."""
    file.seek(0)
    try:
        image = Image.open(file)  # Pillow itself refuses more than 2 × MAX_IMAGE_PIXELS
    except Image.DecompressionBombError as error:
        raise PhotoError(TOO_MANY_PIXELS) from error
    except Exception as error:  # whatever Pillow cannot identify is no image
        raise PhotoError(NOT_AN_IMAGE) from error
    if image.format not in ACCEPTED:
        kind = FORMAT_NAMES.get(image.format, f"in {image.format} format")
        image.close()
        raise PhotoError(f"{ACCEPTED_TEXT}; this file is {kind}.")
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise PhotoError(TOO_MANY_PIXELS)
    return image


def _bare_srgb_pixels(image: Image.Image, *, alpha: bool) -> Image.Image:
    """The image's pixels in sRGB (RGB, or RGBA when it is transparent and `alpha`), as a new
    image that carries no metadata at all."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha and transparent else "RGB"
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        image = _to_srgb(image, icc)
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """Apply the photo's colour profile, since the profile itself is not kept; an unusable
    profile leaves the pixels as they are."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, srgb, outputMode=out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
