"""Where private files go: a directory outside MEDIA_ROOT by default, S3-compatible object
storage (django-storages, private ACL) when a bucket is named."""

from pathlib import Path

import pytest

from socialrx.storage_settings import storages_setting

pytestmark = pytest.mark.unit


def test_private_files_stay_on_disk_outside_media_by_default():
    setting = storages_setting({}.get, Path("/srv/var"), production=False)

    assert setting["private"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/var/private"},
    }
    assert setting["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_a_named_bucket_moves_private_files_to_s3_compatible_storage():
    environment = {
        "PRIVATE_STORAGE_BUCKET": "socialrx-private",
        "PRIVATE_STORAGE_ENDPOINT_URL": "https://s3.example.net",
        "PRIVATE_STORAGE_REGION": "us-east-2",
    }

    setting = storages_setting(environment.get, Path("/srv/var"), production=True)

    assert setting["private"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "socialrx-private",
            "endpoint_url": "https://s3.example.net",
            "region_name": "us-east-2",
            "access_key": None,
            "secret_key": None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
    assert setting["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
