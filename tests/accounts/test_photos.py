"""Profile photos: only PNG, JPEG and WebP are accepted, stored under the extension of the
format they really are, re-encoded without metadata; uploads are served so a browser never
runs them as documents (security finding #6)."""

import io
import struct
import uuid
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from PIL import ExifTags, Image

from socialrx.accounts import services
from socialrx.accounts.models import User
from socialrx.core.errors import DomainError
from tests.factories import give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PROFILE_URL = reverse("profile")
PROFILE = {
    "full_name": "Dana Lee",
    "professional_title": "Director of Digital Communications",
    "credentials": "MPH",
    "specialty": "",
    "time_zone": "America/Denver",
}
POSTSCRIPT = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\n"
    b"newpath 0 0 moveto 10 10 lineto stroke\nshowpage\n%%EOF\n"
)


def image_bytes(format_, size=(40, 20), color="teal", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format_, **save)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_gps_rotated() -> bytes:
    """A 40×20 JPEG taken at a (made-up) place, with an orientation tag saying "turn it 90°"."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (44.0, 1.0, 19.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (92.0, 27.0, 59.0)
    content = image_bytes("JPEG", exif=exif.tobytes())
    with Image.open(io.BytesIO(content)) as check:  # the fixture really carries the GPS
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return content


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post_photo(client, user, photo):
    client.force_login(user)
    return client.post(PROFILE_URL, {**PROFILE, "photo": photo})


def stored_files(media) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file())


# --- refused --------------------------------------------------------------------------------


def test_a_gif_renamed_pdf_is_refused_and_nothing_is_stored(client, user, media):
    response = post_photo(client, user, upload("x.pdf", image_bytes("GIF"), "application/pdf"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "photo": ["Upload a PNG, JPEG or WebP image; this file is a GIF."]
    }
    assert User.objects.get(pk=user.pk).photo.name == ""
    assert stored_files(media) == []


def test_postscript_named_ps_is_refused(client, user, media):
    response = post_photo(client, user, upload("x.ps", POSTSCRIPT, "application/postscript"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "photo": ["Upload a PNG, JPEG or WebP image; this file is PostScript."]
    }
    assert User.objects.get(pk=user.pk).photo.name == ""
    assert stored_files(media) == []


def test_bytes_that_are_no_image_are_refused_with_a_clear_message(client, user, media):
    response = post_photo(client, user, upload("me.png", b"not an image", "image/png"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "photo": ["Upload a PNG, JPEG or WebP image; this file is not an image."]
    }
    assert stored_files(media) == []


@pytest.mark.parametrize(
    "width, height",
    [(8_000, 8_000), (30_000, 30_000)],
    ids=["over-the-photo-limit", "over-pillows-own-bomb-limit"],
)
def test_an_image_of_huge_dimensions_is_refused_before_it_is_decoded(
    client, user, media, width, height
):
    response = post_photo(client, user, upload("me.png", png_claiming(width, height), "image/png"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "photo": [
            "This image has too many pixels: upload one of at most 25 megapixels "
            "(for example 5,000 × 5,000)."
        ]
    }
    assert stored_files(media) == []


# --- accepted and re-encoded ----------------------------------------------------------------


def test_a_jpeg_named_png_is_stored_as_jpg_re_encoded_without_exif(client, user, media):
    original = jpeg_with_gps_rotated()

    response = post_photo(client, user, upload("holiday.png", original, "image/png"))

    assert response.status_code == 302
    saved = User.objects.get(pk=user.pk)
    assert saved.photo.name == f"profile-photos/{user.public_id}.jpg"
    stored = (media / saved.photo.name).read_bytes()
    assert stored != original
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info
        assert "icc_profile" not in image.info
        assert image.size == (20, 40)  # the orientation was applied to the pixels
    assert stored_files(media) == [f"{user.public_id}.jpg"]


@pytest.mark.parametrize(
    "format_, name, extension",
    [("PNG", "me.png", "png"), ("WEBP", "me.webp", "webp"), ("PNG", "me.jpeg", "png")],
)
def test_png_and_webp_are_accepted_under_their_own_extension(
    client, user, media, format_, name, extension
):
    response = post_photo(client, user, upload(name, image_bytes(format_), f"image/{extension}"))

    assert response.status_code == 302
    saved = User.objects.get(pk=user.pk)
    assert saved.photo.name == f"profile-photos/{user.public_id}.{extension}"
    with Image.open(media / saved.photo.name) as image:
        assert (image.format, image.size) == (format_, (40, 20))


def test_saving_the_profile_again_keeps_the_stored_photo_untouched(client, user, media):
    post_photo(client, user, upload("me.jpg", jpeg_with_gps_rotated()))
    name = User.objects.get(pk=user.pk).photo.name
    stored = (media / name).read_bytes()

    response = client.post(PROFILE_URL, {**PROFILE, "full_name": "Dana Lee-Park"})

    assert response.status_code == 302
    saved = User.objects.get(pk=user.pk)
    assert (saved.full_name, saved.photo.name) == ("Dana Lee-Park", name)
    assert (media / name).read_bytes() == stored
    assert stored_files(media) == [f"{user.public_id}.jpg"]


def test_a_large_photo_is_scaled_down_to_1024_pixels(client, user, media):
    response = post_photo(client, user, upload("me.jpg", image_bytes("JPEG", size=(3000, 1500))))

    assert response.status_code == 302
    with Image.open(media / User.objects.get(pk=user.pk).photo.name) as image:
        assert image.size == (1024, 512)


def test_the_service_refuses_a_gif_and_re_encodes_a_mislabelled_jpeg(user, media):
    with pytest.raises(DomainError) as refused:
        services.update_profile(user=user, data={"photo": upload("x.pdf", image_bytes("GIF"))})
    assert refused.value.field == "photo"
    assert stored_files(media) == []

    services.update_profile(user=user, data={"photo": upload("x.png", jpeg_with_gps_rotated())})

    saved = User.objects.get(pk=user.pk)
    assert saved.photo.name == f"profile-photos/{user.public_id}.jpg"
    with Image.open(media / saved.photo.name) as image:
        assert not image.getexif()


# --- served in development ------------------------------------------------------------------


@pytest.fixture
def served(request):
    """Writes a file where the development media route serves from; removed after the test."""
    document_root = Path(resolve("/media/x.png").kwargs["document_root"])
    written = []

    def write(name: str, content: bytes) -> str:
        path = document_root / "test-photos" / f"{uuid.uuid4().hex}-{name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
        return f"/media/test-photos/{path.name}"

    yield write
    for path in written:
        path.unlink(missing_ok=True)
    folder = document_root / "test-photos"
    if folder.exists() and not any(folder.iterdir()):
        folder.rmdir()


def test_the_dev_media_view_sends_a_non_image_as_an_attachment(client, served):
    url = served("old.pdf", image_bytes("GIF"))

    response = client.get(url)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize(
    "name, content_type",
    [("a.png", "image/png"), ("a.jpg", "image/jpeg"), ("a.webp", "image/webp")],
)
def test_the_dev_media_view_shows_images_inline_with_nosniff(client, served, name, content_type):
    url = served(name, image_bytes("PNG"))

    response = client.get(url)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == content_type
    assert not response.get("Content-Disposition", "").startswith("attachment")


# --- the Django admin judges photos the same way ---------------------------------------------


def test_a_superuser_uploading_a_gif_in_the_admin_gets_a_form_error(client, user, media):
    superuser = User.objects.create_superuser(email="ops@socialrx.example", password="x" * 12)
    give_mfa(superuser)
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"email": user.email, "time_zone": user.time_zone, "is_active": "on"})

    refused = client.post(url, {**data, "photo": upload("x.pdf", image_bytes("GIF"))})
    stored = client.post(url, {**data, "photo": upload("trip.png", jpeg_with_gps_rotated())})

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["photo"] == [
        "Upload a PNG, JPEG or WebP image; this file is a GIF."
    ]
    assert stored.status_code == 302
    saved = User.objects.get(pk=user.pk)
    assert saved.photo.name == f"profile-photos/{user.public_id}.jpg"
    with Image.open(media / saved.photo.name) as image:
        assert not image.getexif()
