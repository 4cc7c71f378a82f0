"""Certificates (public verification, PDF, a person's own, the staff's list) and the staff's
completions report."""

from django.urls import path

from .. import certificate_converter
from ..views import certificates, reports

certificate_converter.register()

urlpatterns = [
    path("certificates/", certificates.certificate_lookup, name="certificate_lookup"),
    # Any text (slashes, line breaks): a malformed code is answered like an unknown one.
    path(
        "certificates/<certificate_code:code>/",
        certificates.certificate_verify,
        name="certificate_verify",
    ),
    path("training/certificates/", certificates.my_certificates, name="my_certificates"),
    path(
        "training/certificates/<uuid:public_id>/pdf/",
        certificates.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "staff/training/certificates/",
        certificates.staff_certificates,
        name="staff_certificates",
    ),
    path(
        "staff/training/certificates/<uuid:public_id>/revoke/",
        certificates.staff_certificate_revoke,
        name="staff_certificate_revoke",
    ),
    path(
        "staff/training/reports/completions/",
        reports.staff_completions,
        name="staff_completions",
    ),
]
