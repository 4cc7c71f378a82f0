"""Where files are kept (read by settings.py): uploads, the private files only the people
allowed may read, and static files. Kept apart so settings.py stays one screenful per concern."""

from pathlib import Path


def storages_setting(env, var_dir: Path, *, production: bool) -> dict:
    """Django's STORAGES.

    "private" holds files only the people allowed may read (course videos and audio, their
    captions, library files): kept outside MEDIA_ROOT, which the proxy serves to anyone, and
    streamed by the views that check permission. Set PRIVATE_MEDIA_ROOT to a directory that is
    not web-served, or PRIVATE_STORAGE_BUCKET for S3-compatible object storage
    (django-storages): the application still streams each file after its permission check and
    never hands out the bucket's address."""
    if env("PRIVATE_STORAGE_BUCKET"):
        private = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env("PRIVATE_STORAGE_BUCKET"),
                "endpoint_url": env("PRIVATE_STORAGE_ENDPOINT_URL") or None,
                "region_name": env("PRIVATE_STORAGE_REGION") or None,
                "access_key": env("PRIVATE_STORAGE_ACCESS_KEY") or None,
                "secret_key": env("PRIVATE_STORAGE_SECRET_KEY") or None,
                "default_acl": "private",
                "file_overwrite": False,
            },
        }
    else:
        private = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(Path(env("PRIVATE_MEDIA_ROOT", str(var_dir / "private"))))},
        }
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": private,
        "staticfiles": {
            "BACKEND": (
                "whitenoise.storage.CompressedManifestStaticFilesStorage"
                if production
                else "django.contrib.staticfiles.storage.StaticFilesStorage"
            )
        },
    }
