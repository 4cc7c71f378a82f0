"""Training's certificate, report and API rows of the permission matrix (merged by the lead into
`tests/training/matrix_rows.py`)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.training.models import Certificate
from tests.permission_matrix_kit import (
    ALLOW,
    MEMBER_A,
    NOT_FOUND,
    PUBLIC,
    SIGNED_IN,
    SIGNED_IN_API,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    api_cases,
    everyone,
    fixed,
    get,
    named,
    only,
    post_only,
)
from tests.training.factories import make_certificate


class Data:
    """Member A's certificate (the holder is a matrix role), and another valid one to revoke."""

    @cached_property
    def certificate_of_member_a(self) -> Certificate:
        return make_certificate(self.member_a, code="SRX-7K2M-QX9D-4HTP")

    @cached_property
    def certificate_to_revoke(self) -> Certificate:
        return make_certificate(self.admin_a, code="SRX-2222-3333-4444")


def _member_a_certificate_id(world) -> str:
    return str(world.certificate_of_member_a.public_id)


def _member_a_certificate_code(world) -> str:
    return world.certificate_of_member_a.code


def _certificate_to_revoke_id(world) -> str:
    return str(world.certificate_to_revoke.public_id)


ROWS: dict[str, tuple[Case, ...]] = {
    "training:certificate_lookup": (
        get(named("training:certificate_lookup"), PUBLIC),
        get(
            lambda world: reverse("training:certificate_lookup") + "?code=not-a-code",
            everyone(NOT_FOUND),
            label="GET, not a code",
        ),
    ),
    "training:certificate_verify": (
        get(named("training:certificate_verify", _member_a_certificate_code), PUBLIC),
        get(
            fixed("/certificates/SRX-5555-6666-7777/"),
            everyone(NOT_FOUND),
            label="GET, unknown code",
        ),
    ),
    "training:my_certificates": (get(named("training:my_certificates"), SIGNED_IN),),
    "training:certificate_pdf": (
        get(
            named("training:certificate_pdf", _member_a_certificate_id),
            only(MEMBER_A, STAFF, grant=ALLOW, deny=NOT_FOUND),
        ),
    ),
    "training:staff_certificates": (get(named("training:staff_certificates"), STAFF_ONLY),),
    "training:staff_certificate_revoke": post_only(
        named("training:staff_certificate_revoke", _certificate_to_revoke_id),
        STAFF_ONLY_ACTION,
        data=lambda world: {"reason": "Issued in error."},
        effect=lambda world: Certificate.objects.filter(
            pk=world.certificate_to_revoke.pk, revoked_at__isnull=False
        ).exists(),
    ),
    "training:staff_completions": (get(named("training:staff_completions"), STAFF_ONLY),),
    "GET /api/v1/training/catalog": (
        get(fixed("/api/v1/training/catalog"), PUBLIC, label="session"),
    ),
    "GET /api/v1/training/certificates/<code>": (
        get(
            lambda world: f"/api/v1/training/certificates/{world.certificate_of_member_a.code}",
            PUBLIC,
            label="session",
        ),
    ),
    "GET /api/v1/training/me/enrolments": api_cases(
        fixed("/api/v1/training/me/enrolments"), SIGNED_IN_API
    ),
    "GET /api/v1/training/me/certificates": api_cases(
        fixed("/api/v1/training/me/certificates"), SIGNED_IN_API
    ),
}
