"""The project's settings with the test app installed, as a project adds a new app."""

from socialrx.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.sample_app"]  # noqa: F405
ROOT_URLCONF = "tests.sample_app.root_urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
