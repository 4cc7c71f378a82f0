import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories set a password for every person: hash it cheaply so the suite stays fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
