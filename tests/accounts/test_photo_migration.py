"""Photos stored before the checks are re-encoded, or removed when they are not images."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from socialrx.accounts.models import User
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

migration = importlib.import_module("socialrx.accounts.migrations.0003_reencode_profile_photos")


def _stored(user, name: str, content: bytes) -> None:
    saved = default_storage.save(f"profile-photos/{name}", ContentFile(content))
    User.objects.filter(pk=user.pk).update(photo=saved)


def test_a_pdf_stored_as_a_photo_is_removed_and_a_mislabelled_jpeg_is_re_encoded(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    jpeg = io.BytesIO()
    Image.new("RGB", (30, 10), "teal").save(jpeg, format="JPEG")
    with_pdf, with_jpeg = UserFactory(), UserFactory()
    _stored(with_pdf, f"{with_pdf.public_id}.pdf", b"%PDF-1.4 not a photo")
    _stored(with_jpeg, f"{with_jpeg.public_id}.gif", jpeg.getvalue())

    with django_capture_on_commit_callbacks(execute=True):
        migration.reencode(apps, None)

    assert User.objects.get(pk=with_pdf.pk).photo.name == ""
    assert User.objects.get(pk=with_jpeg.pk).photo.name == (
        f"profile-photos/{with_jpeg.public_id}.jpg"
    )
    assert sorted(path.name for path in (tmp_path / "profile-photos").iterdir()) == [
        f"{with_jpeg.public_id}.jpg"
    ]
