"""Training over the API: the public catalogue and certificate verification, and a signed-in
person's enrolments and certificates."""

from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from socialrx.core.api_errors import documented
from socialrx.core.api_pagination import BoundedPagination
from socialrx.core.errors import NotFound
from socialrx.core.requests import client_ip

from . import certificate_converter
from .models import Certificate
from .selectors import api_reads
from .selectors import certificates as certificate_selectors
from .services import certificates as certificate_services

# No way of writing a code is longer (see services.certificates.normalise_code).
MAX_CODE_LENGTH = 100

certificate_converter.register()
public_router = Router(auth=None)
router = Router()


FormatParam = Enum(
    "FormatParam", {"COURSE": api_reads.COURSE, "BOOT_CAMP": api_reads.BOOT_CAMP}, type=str
)


def _not_null(schema: dict) -> None:
    # A query parameter is left out, never null: the document offers only the choices.
    [kept] = [choice for choice in schema.pop("anyOf") if choice.get("type") != "null"]
    schema.update({"allOf": [kept]} if "$ref" in kept else kept)


class CatalogueParams(Schema):
    format: FormatParam | None = Field(
        None,
        description="Only online courses (`course`) or only boot camps (`boot_camp`).",
        json_schema_extra=_not_null,
    )


class TopicOut(Schema):
    slug: str
    name: str


class PlatformOut(Schema):
    code: str
    name: str


class DayOut(Schema):
    starts_at: datetime
    ends_at: datetime
    room: str


class CatalogueItemOut(Schema):
    """An online course or an upcoming boot camp."""

    public_id: UUID
    slug: str
    title: str
    summary: str
    format: str = Field(description="`course` (online) or `boot_camp` (at the center).")
    level: str
    hours: float = Field(description="A course's estimated hours; a boot camp's hours of class.")
    ce_hours: float = Field(description="Continuing-education hours on the certificate.")
    topics: list[TopicOut]
    platforms: list[PlatformOut]
    member_free: bool = Field(
        description="Members of active member organizations take it free (online courses)."
    )
    price_cents: int | None = Field(
        description=(
            "List price in US cents: a course's price for non-members (null: members only), "
            "a boot camp seat's list price (members pay their plan's price)."
        )
    )
    starts_at: datetime | None = Field(description="A boot camp's first day (null: a course).")
    ends_at: datetime | None = Field(description="A boot camp's last day's end.")
    registration_deadline: datetime | None
    location: str | None
    days: list[DayOut]


class CertificateOut(Schema):
    code: str
    status: str = Field(description="`valid` or `revoked`.")
    valid: bool
    recipient: str
    title: str = Field(description="The course, boot camp or on-site training certified.")
    kind: str = Field(description="`course`, `boot_camp` or `onsite`.")
    kind_label: str
    hours: float
    ce_hours: float = Field(description="Continuing-education hours.")
    completed_on: date
    issued_on: date
    issued_by: str
    revoked_on: date | None
    revoked_reason: str | None
    verify_url: str = Field(description="The certificate's public verification page.")


class MyCertificateOut(CertificateOut):
    public_id: UUID
    pdf_url: str | None = Field(description="The PDF (null once revoked).")


class EnrolmentOut(Schema):
    public_id: UUID
    course_public_id: UUID
    course_slug: str
    course_title: str
    access: str = Field(description="`member`, `purchased` or `staff`.")
    percent: int = Field(description="Lessons of the published version completed, in percent.")
    lessons_done: int
    lessons_total: int
    enrolled_at: datetime
    last_activity_at: datetime | None
    completed_at: datetime | None


def _certificate(certificate: Certificate) -> dict[str, Any]:
    return {
        "code": certificate.code,
        "status": "valid" if certificate.is_valid else "revoked",
        "valid": certificate.is_valid,
        "recipient": certificate.recipient_name,
        "title": certificate.title,
        "kind": certificate.kind,
        "kind_label": certificate.get_kind_display(),
        "hours": float(certificate.hours),
        "ce_hours": float(certificate.ce_hours),
        "completed_on": certificate.completed_on,
        "issued_on": timezone.localtime(certificate.issued_at).date(),
        "issued_by": certificate_selectors.ISSUER,
        "revoked_on": certificate.revoked_at.date() if certificate.revoked_at else None,
        "revoked_reason": certificate.revoked_reason if certificate.revoked_at else None,
        "verify_url": certificate_services.verification_url(certificate.code),
    }


@public_router.get(
    "/catalog",
    **documented(list[CatalogueItemOut], 403, 422),
    summary="The training catalogue: published online courses, then upcoming boot camps",
)
@paginate(BoundedPagination)
def catalogue(request, params: Query[CatalogueParams]):
    return api_reads.catalogue(params.format.value if params.format else "")


@public_router.get(
    "/certificates/{certificate_code:code}",
    **documented(
        CertificateOut,
        403,
        404,
        422,
        429,
        reasons={
            404: "No certificate has this code (unknown, forged or mistyped).",
            429: "Too many certificate lookups from this client address; wait a minute.",
        },
    ),
    summary="Verify a certificate by its code (valid or revoked, for whom, for what, when)",
)
def verify_certificate(
    request,
    code: str = Path(
        ...,
        min_length=1,
        max_length=MAX_CODE_LENGTH,
        description="The code as printed (`SRX-7K2M-QX9D-4HTP`); case, spaces and dashes "
        "do not matter.",
    ),
):
    certificate_services.note_lookup(client_ip(request))
    certificate = certificate_selectors.certificate_by_code(code)
    if certificate is None:
        raise NotFound(certificate_selectors.NO_SUCH_CERTIFICATE)
    return _certificate(certificate)


@router.get(
    "/me/enrolments",
    **documented(list[EnrolmentOut], 401, 403),
    summary="My course enrolments with progress",
)
def my_enrolments(request):
    return [
        {
            "public_id": enrolment.public_id,
            "course_public_id": enrolment.course.public_id,
            "course_slug": enrolment.course.slug,
            "course_title": enrolment.course.title,
            "access": enrolment.access,
            "percent": enrolment.percent,
            "lessons_done": enrolment.lessons_done,
            "lessons_total": enrolment.lessons_total,
            "enrolled_at": enrolment.enrolled_at,
            "last_activity_at": enrolment.last_activity_at,
            "completed_at": enrolment.completed_at,
        }
        for enrolment in api_reads.enrolments_of(request.user)
    ]


@router.get(
    "/me/certificates",
    **documented(list[MyCertificateOut], 401, 403),
    summary="My certificates (valid and revoked), with their PDFs",
)
def my_certificates(request):
    return [
        {
            **_certificate(certificate),
            "public_id": certificate.public_id,
            "pdf_url": (
                reverse("training:certificate_pdf", args=[certificate.public_id])
                if certificate.is_valid
                else None
            ),
        }
        for certificate in certificate_selectors.certificates_of(request.user)
    ]
