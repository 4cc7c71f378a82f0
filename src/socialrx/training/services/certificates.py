"""Issuing and revoking certificates (courses, boot camps and on-site sessions share them), and
the limit on public lookups of codes."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require
from socialrx.core.ratelimit import count_hit

from ..models import Certificate

# No 0/O, 1/I/L: a code read from paper is typed back without ambiguity.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "SRX"
CODE_SEPARATORS = frozenset(" \t-._")
REASON_MAX_LENGTH = 300
# Lookups of codes (the public page and the API together) per client address and minute;
# a setting of the same name overrides it.
LOOKUPS_PER_MINUTE = 30


class TooManyLookups(DomainError):
    status_code = 429

    def __init__(self):
        super().__init__(
            "Too many certificate lookups from your address. Wait a minute, then try again.",
            code="rate_limited",
        )


def new_code() -> str:
    """ "SRX-" and three groups of four: 31**12 (about 8 × 10**17) codes, drawn by `secrets`."""
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)]
    return f"{CODE_PREFIX}-" + "-".join(groups)


def normalise_code(text: str) -> str:
    """A code as typed ("srx 7k2m qx9d 4htp", "7K2MQX9D4HTP") in its printed form, or "" when
    it cannot be one (so a forged or mistyped code is simply not found). ASCII letters and
    digits count; spaces, dashes, dots and underscores separate them; anything else (another
    character, a control character) makes the text no code."""
    text = str(text or "")
    if len(text) > 100:  # no way of typing a code is this long
        return ""
    if any(not (ch.isascii() and ch.isalnum()) and ch not in CODE_SEPARATORS for ch in text):
        return ""
    compact = "".join(ch for ch in text.upper() if ch not in CODE_SEPARATORS)
    if compact.startswith(CODE_PREFIX) and len(compact) == 12 + len(CODE_PREFIX):
        compact = compact[len(CODE_PREFIX) :]
    if len(compact) != 12 or any(ch not in CODE_ALPHABET for ch in compact):
        return ""
    return f"{CODE_PREFIX}-" + "-".join(compact[i : i + 4] for i in range(0, 12, 4))


def note_lookup(address: str | None) -> None:
    """Count one lookup of a code from `address`; refuse (429) past the limit per minute."""
    limit = getattr(settings, "TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE", LOOKUPS_PER_MINUTE)
    if count_hit(f"training:certificate-lookup:{address or 'unknown'}", window_seconds=60) > limit:
        raise TooManyLookups()


def _existing(person, kind: str, source_public_id) -> Certificate | None:
    return Certificate.objects.filter(
        person=person, kind=kind, source_public_id=source_public_id
    ).first()


def issue_certificate(
    *,
    person,
    kind: str,
    title: str,
    source_public_id: UUID,
    hours: Decimal,
    ce_hours: Decimal = Decimal("0"),
    completed_on: date,
    actor=None,
) -> Certificate:
    """The person's certificate for this course, boot camp or session: issued once, so a
    second call (a quiz retaken, attendance recorded again) returns the one already issued,
    revoked or not. The certificate and its audit event are written together."""
    existing = _existing(person, kind, source_public_id)
    if existing is not None:
        return existing
    if Decimal(hours) < 0 or Decimal(ce_hours) < 0:
        raise DomainError("Hours on a certificate cannot be negative.", field="hours")
    for _ in range(5):  # a collision of two random codes is vanishingly rare; retry anyway
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_code(),
                    kind=kind,
                    person=person,
                    recipient_name=(person.full_name or person.email)[:200],
                    title=title[:200],
                    source_public_id=source_public_id,
                    hours=hours,
                    ce_hours=ce_hours,
                    completed_on=completed_on,
                )
                audit.record(
                    actor=actor,
                    action="training.certificate.issued",
                    target=certificate,
                    after={
                        "code": certificate.code,
                        "title": certificate.title,
                        "kind": kind,
                        "person": person.pk,
                        "hours": str(certificate.hours),
                        "ce_hours": str(certificate.ce_hours),
                        "completed_on": completed_on.isoformat(),
                    },
                )
        except IntegrityError:
            # Issued meanwhile by a concurrent call (the same person and source), or a code
            # collision: the first is returned, the second retried with a new code.
            existing = _existing(person, kind, source_public_id)
            if existing is not None:
                return existing
            continue
        return certificate
    raise DomainError("The certificate could not be issued; try again.")


@transaction.atomic
def revoke_certificate(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Revoke with a reason the public page shows; the holder is told by email."""
    require(actor, "training.revoke_certificate")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise DomainError("Say why the certificate is revoked.", field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(
            f"Keep the reason to {REASON_MAX_LENGTH} characters (it has {len(reason)}).",
            field="reason",
        )
    certificate = (
        Certificate.objects.select_for_update().select_related("person").get(pk=certificate.pk)
    )
    if certificate.revoked_at is not None:
        raise Conflict("This certificate was already revoked.")
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = actor
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    audit.record(
        actor=actor,
        action="training.certificate.revoked",
        target=certificate,
        before={"valid": True},
        after={"valid": False, "code": certificate.code, "reason": reason},
    )
    if certificate.person.email:
        queue_templated_email(
            to=[certificate.person.email],
            template="training/email/certificate_revoked",
            context={"certificate": certificate, "verify_url": verification_url(certificate.code)},
            triggered_by=actor,
        )
    return certificate


def verification_url(code: str) -> str:
    """The absolute address of the public page that verifies `code` (printed and in the QR)."""
    return settings.SITE_URL.rstrip("/") + reverse("training:certificate_verify", args=[code])
