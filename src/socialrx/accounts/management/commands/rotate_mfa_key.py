"""`socialrx rotate-mfa-key`: re-encrypt every stored second factor under the newest key.

Put the new key first in MFA_ENCRYPTION_KEY (keeping the old one after it), run this, then drop
the old key."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from socialrx.accounts.secrets_at_rest import reencrypt_authenticators


class Command(BaseCommand):
    help = "Re-encrypt every TOTP secret and recovery-code seed with the first MFA_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        with transaction.atomic():
            rows = Authenticator.objects.select_for_update().order_by("pk")
            # A list, not a server-side cursor: a refusal mid-way then rolls back cleanly.
            changed = reencrypt_authenticators(list(rows), rotate_keys=True)
        self.stdout.write(f"Re-encrypted {changed} authenticator(s) with the newest key.")
