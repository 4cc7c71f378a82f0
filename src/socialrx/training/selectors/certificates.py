"""Reading certificates: by code (the public verification), a person's own, one for its PDF,
and the staff's search. Each is a fixed number of queries whatever the data."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import Certificate
from ..services.certificates import normalise_code

# Who issues every certificate, as the verification page and the PDF name it.
ISSUER = "SocialRx Center for Social Media in Health Care"
NO_SUCH_CERTIFICATE = "No certificate has this code."


class CertificateState:
    VALID = "valid"
    REVOKED = "revoked"
    CHOICES = (("", "Valid and revoked"), (VALID, "Valid"), (REVOKED, "Revoked"))


def certificate_by_code(text: str) -> Certificate | None:
    """The certificate a typed or scanned code names, valid or revoked; None for an unknown,
    forged or malformed code (a malformed one costs no query)."""
    code = normalise_code(text)
    if not code:
        return None
    return Certificate.objects.filter(code=code).first()


def may_see_all_certificates(user) -> bool:
    """Center staff see (and revoke) every certificate."""
    return allowed(user, "training.revoke_certificate")


def certificate_for(user, public_id: UUID) -> Certificate:
    """A certificate its holder or center staff may open; NotFound for anyone else, so that
    public ids cannot be probed."""
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None or not getattr(user, "is_authenticated", False):
        raise NotFound("No such certificate.")
    if certificate.person_id != user.pk and not may_see_all_certificates(user):
        raise NotFound("No such certificate.")
    return certificate


def certificates_of(person) -> list[Certificate]:
    """The person's certificates, newest first (revoked ones included, marked so)."""
    return list(Certificate.objects.filter(person=person).order_by("-completed_on", "-issued_at"))


def staff_certificates(*, query: str = "", state: str = "") -> QuerySet[Certificate]:
    """Every certificate for the staff's list: a code (as typed) finds that one; other text
    looks in the recipient's name and email and in the title."""
    found = Certificate.objects.select_related("person", "revoked_by").order_by("-issued_at")
    query = " ".join(str(query or "").split())[:200]
    if query:
        code = normalise_code(query)
        if code:
            found = found.filter(code=code)
        else:
            found = found.filter(
                Q(recipient_name__icontains=query)
                | Q(person__email__icontains=query)
                | Q(title__icontains=query)
                | Q(code__icontains=query.upper())
            )
    if state == CertificateState.VALID:
        found = found.filter(revoked_at__isnull=True)
    elif state == CertificateState.REVOKED:
        found = found.filter(revoked_at__isnull=False)
    return found
