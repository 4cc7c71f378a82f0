"""Encryption of the secrets SocialRx must keep readable (TOTP keys, recovery-code seeds).

allauth stores a second factor's secret in the database; anyone who reads that row (a backup, a
replica, an admin page) could sign in as its owner. Through allauth's MFA adapter every such
secret is Fernet-encrypted (AES-128-CBC with an HMAC) with a key from the environment, so the
database alone gives nothing away.

`MFA_ENCRYPTION_KEY` holds one or more comma-separated keys: the first encrypts, every one
decrypts, so a key is rotated by putting the new one first and re-encrypting
(`socialrx rotate-mfa-key`) before the old one is dropped.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Every Fernet token begins with its version byte 0x80, which base64 writes as "gAAAAA".
_FERNET_PREFIX = "gAAAAA"


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "MFA_ENCRYPTION_KEY must be 32 url-safe base64-encoded bytes "
            "(make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())')"
        ) from error


def cipher() -> MultiFernet:
    return _cipher(tuple(settings.MFA_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never fall back to treating the stored value as plain text: that would let a row
        # written around the adapter (or with a lost key) pass as a valid secret.
        raise ValueError(
            "A stored MFA secret cannot be decrypted with MFA_ENCRYPTION_KEY: the key "
            "was changed without keeping the old one, or the row was not written by SocialRx."
        ) from error


def is_encrypted(value: str) -> bool:
    if not value.startswith(_FERNET_PREFIX):
        return False
    try:
        decrypt(value)
    except ValueError:
        return False
    return True


def rotate(token: str) -> str:
    """The same secret, encrypted with the first (newest) key."""
    return cipher().rotate(token.encode()).decode()


# The secret-bearing entries of allauth's Authenticator.data, by authenticator type.
_SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}


def reencrypt_authenticators(authenticators, *, rotate_keys: bool) -> int:
    """Encrypt every plain-text secret of `authenticators` (an iterable of allauth
    Authenticator rows, historical or real) and, with rotate_keys, re-encrypt the others under
    the newest key. Returns how many rows changed. Used by the data migration that encrypted
    the secrets stored before encryption, and by `socialrx rotate-mfa-key`."""
    changed = 0
    for authenticator in authenticators:
        data = dict(authenticator.data or {})
        before = dict(data)
        for field in _SECRET_FIELDS.get(authenticator.type, ()):
            if isinstance(data.get(field), str):
                data[field] = _secured(data[field], rotate_keys)
        if isinstance(data.get("migrated_codes"), list):
            codes = data["migrated_codes"]
            data["migrated_codes"] = [_secured(code, rotate_keys) for code in codes]
        if data != before:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


def _secured(value: str, rotate_keys: bool) -> str:
    if value.startswith(_FERNET_PREFIX):
        # Plain TOTP secrets are upper-case base32 and seeds are hex: never "gAAAAA". A token
        # no key opens must not be encrypted a second time (the secret would be lost for good):
        # decrypt raises, naming the missing key.
        decrypt(value)
        return rotate(value) if rotate_keys else value
    return encrypt(value)
