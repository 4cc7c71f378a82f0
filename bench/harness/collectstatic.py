"""Run by bench/run.py with the server's settings: collectstatic into the bench's STATIC_ROOT,
writing the manifest the production storage reads (the same hashed names) but not the gzip and
Brotli copies of every file, which only serving static files would use and which take most of a
minute to make. The bench never requests a static file."""

import os

MANIFEST_ONLY = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_ONLY}}
    with override_settings(STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)


if __name__ == "__main__":
    main()
