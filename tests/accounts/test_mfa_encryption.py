"""Second-factor secrets are encrypted at rest, the old plain ones by a data migration."""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, hotp_value
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command

from socialrx.accounts import secrets_at_rest
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "JBSWY3DPEHPK3PXP"  # a base32 TOTP secret
SEED = "5eed" * 20


def _current_code(secret: str) -> str:
    import time

    from allauth.mfa import app_settings

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return str(hotp_value(secret, counter)).zfill(app_settings.TOTP_DIGITS)


def test_a_new_totp_secret_is_stored_encrypted_and_still_verifies_codes():
    user = UserFactory()

    totp = TOTP.activate(user, SECRET)
    stored = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]

    assert SECRET not in stored
    assert stored.startswith("gAAAAA")
    assert totp.validate_code(_current_code(SECRET))


def test_recovery_codes_seed_is_stored_encrypted():
    user = UserFactory()

    codes = RecoveryCodes.activate(user)
    stored = Authenticator.objects.get(pk=codes.instance.pk).data["seed"]

    assert stored.startswith("gAAAAA")
    assert len(codes.get_unused_codes()) == 10


def test_the_data_migration_encrypts_plain_secrets_once():
    user = UserFactory()
    totp = Authenticator.objects.create(user=user, type="totp", data={"secret": SECRET})
    codes = Authenticator.objects.create(
        user=user, type="recovery_codes", data={"seed": SEED, "used_mask": 3}
    )
    migration = importlib.import_module("socialrx.accounts.migrations.0002_encrypt_mfa_secrets")

    migration.encrypt_existing(apps, None)
    totp.refresh_from_db()
    codes.refresh_from_db()
    first = (totp.data["secret"], codes.data["seed"])
    migration.encrypt_existing(apps, None)  # running again changes nothing
    totp.refresh_from_db()

    assert secrets_at_rest.decrypt(first[0]) == SECRET
    assert secrets_at_rest.decrypt(first[1]) == SEED
    assert codes.data["used_mask"] == 3
    assert totp.data["secret"] == first[0]
    assert TOTP(totp).validate_code(_current_code(SECRET))


def test_rotating_the_key_keeps_every_second_factor_working(settings):
    user = UserFactory()
    TOTP.activate(user, SECRET)
    old_key = settings.MFA_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_mfa_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.MFA_ENCRYPTION_KEYS = [new_key]  # the old key is dropped

    authenticator = Authenticator.objects.get(user=user, type="totp")
    assert secrets_at_rest.decrypt(authenticator.data["secret"]) == SECRET


def test_a_secret_encrypted_with_an_unknown_key_is_refused_not_read_as_plain_text(settings):
    user = UserFactory()
    Authenticator.objects.create(user=user, type="totp", data={"secret": SECRET})

    with pytest.raises(ValueError, match="cannot be decrypted"):
        secrets_at_rest.decrypt(SECRET)
    settings.MFA_ENCRYPTION_KEYS = ["not a key"]
    with pytest.raises(Exception, match="MFA_ENCRYPTION_KEY must be 32"):
        secrets_at_rest.encrypt(SECRET)


def test_a_token_no_key_opens_is_refused_not_encrypted_twice(settings):
    user = UserFactory()
    TOTP.activate(user, SECRET)
    stored = Authenticator.objects.get(user=user).data["secret"]
    settings.MFA_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # the old key was dropped

    with pytest.raises(ValueError, match="cannot be decrypted"):
        call_command("rotate_mfa_key", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Authenticator.objects.get(user=user).data["secret"] == stored
