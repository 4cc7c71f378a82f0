"""The token in a ticket's QR code: the attendee's public id and ticket secret, signed with the
site's key (salted for tickets), so it cannot be guessed or forged; renaming an attendee draws a
new secret, which invalidates the printed ticket."""

from __future__ import annotations

import secrets
import uuid

from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Attendee

SALT = "socialrx.events.ticket"
PREFIX = "SRXT"  # what a door scanner sees first: a SocialRx ticket, not some other QR code


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def ticket_token(attendee: Attendee) -> str:
    payload = f"{attendee.public_id.hex}.{attendee.ticket_secret}"
    return f"{PREFIX}:" + signing.Signer(salt=SALT).sign(payload)


def attendee_for_token(token: str) -> Attendee | None:
    """The attendee a scanned token names (any event, any status: the caller says why it
    refuses), or None for anything forged, truncated, stale (renamed) or not a ticket."""
    token = str(token or "").strip()
    if len(token) > 300 or not token.startswith(f"{PREFIX}:"):
        return None
    try:
        payload = signing.Signer(salt=SALT).unsign(token[len(PREFIX) + 1 :])
    except signing.BadSignature:
        return None
    public_hex, _, secret = payload.partition(".")
    try:
        public_id = uuid.UUID(hex=public_hex)
    except ValueError:
        return None
    attendee = (
        Attendee.objects.select_related("event", "ticket_type", "check_in__checked_in_by")
        .filter(public_id=public_id)
        .first()
    )
    if attendee is None or not constant_time_compare(attendee.ticket_secret, secret):
        return None
    return attendee
