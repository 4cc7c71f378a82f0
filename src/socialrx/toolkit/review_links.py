"""What a policy review link is made of: the SHA-256 of its secret (all that is stored) and
its state on a given day. Shared by the services that make and use links and the pages that
list them."""

from __future__ import annotations

import hashlib
from datetime import date

from socialrx.core.calendar import center_today

LIVE, REVOKED, EXPIRED = "live", "revoked", "expired"
SECRET_LENGTH_LIMIT = 100


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_state(link, today: date | None = None) -> str:
    """LIVE, REVOKED or EXPIRED (a link works through its last day, at the center)."""
    if link.revoked_at is not None:
        return REVOKED
    if link.expires_on is not None and link.expires_on < (today or center_today()):
        return EXPIRED
    return LIVE
