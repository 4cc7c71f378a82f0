"""Encrypt the TOTP secrets and recovery-code seeds stored before they were encrypted."""

from django.db import migrations

from socialrx.accounts.secrets_at_rest import reencrypt_authenticators


def encrypt_existing(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    reencrypt_authenticators(Authenticator.objects.all().iterator(), rotate_keys=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    # Not reversible: writing second factors back in plain text is never wanted.
    operations = [migrations.RunPython(encrypt_existing, migrations.RunPython.noop)]
