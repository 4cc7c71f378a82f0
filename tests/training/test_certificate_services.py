"""Issuing and revoking certificates, and reading codes as people type them."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.training.models import Certificate, CertificateKind
from socialrx.training.services import certificates as services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODE_SHAPE = re.compile(
    r"^SRX-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}"
    r"-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$"
)
COURSE_ID = uuid.UUID("7d0e7a52-5b7f-4e0b-9c39-0b1f5b0f9a01")


def issue(person, **overrides) -> Certificate:
    values = {
        "person": person,
        "kind": CertificateKind.COURSE,
        "title": "Starting a hospital Facebook page safely",
        "source_public_id": COURSE_ID,
        "hours": Decimal("2.0"),
        "ce_hours": Decimal("1.5"),
        "completed_on": date(2025, 3, 14),
    }
    return services.issue_certificate(**{**values, **overrides})


# --- codes --------------------------------------------------------------------------------


def test_a_new_code_is_srx_and_three_groups_of_four_unambiguous_characters():
    codes = {services.new_code() for _ in range(200)}

    assert len(codes) == 200
    for code in codes:
        assert CODE_SHAPE.match(code), code
        assert not set(code[4:]) & set("01OIL")


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("SRX-7K2M-QX9D-4HTP", "SRX-7K2M-QX9D-4HTP"),
        ("srx-7k2m-qx9d-4htp", "SRX-7K2M-QX9D-4HTP"),
        ("srx 7k2m qx9d 4htp", "SRX-7K2M-QX9D-4HTP"),
        ("  SRX7K2MQX9D4HTP ", "SRX-7K2M-QX9D-4HTP"),
        ("7K2M-QX9D-4HTP", "SRX-7K2M-QX9D-4HTP"),
        ("7k2mqx9d4htp", "SRX-7K2M-QX9D-4HTP"),
        ("SRX.7K2M.QX9D.4HTP", "SRX-7K2M-QX9D-4HTP"),
        # Twelve characters that happen to start with S, R, X are a code without its prefix.
        ("SRXA-BCDE-FGHJ", "SRX-SRXA-BCDE-FGHJ"),
    ],
)
def test_a_code_is_read_however_it_is_typed(typed, printed):
    assert services.normalise_code(typed) == printed


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "SRX-7K2M-QX9D",  # too short
        "SRX-7K2M-QX9D-4HTP-AAAA",  # too long
        "SRX-0K2M-QX9D-4HTP",  # 0 is never used
        "SRX-7K2M-QX9D-4HTL",  # L is never used
        "SRX-7K2M-QX9D-4HTÞ",  # not ASCII
        "ＳＲＸ-７Ｋ２Ｍ-ＱＸ９Ｄ-４ＨＴＰ",  # full-width look-alikes
        "SRX-7K2M-QX9D-4HTP\x00",
        "' OR 1=1 --",
        "SRX-7K2M-QX9D-4HTP" + " " * 100,  # longer than any way of typing a code
        "../../etc/passwd",
    ],
)
def test_a_string_that_cannot_be_a_code_reads_as_none(typed):
    assert services.normalise_code(typed) == ""


def test_the_verification_url_is_absolute_on_the_site(settings):
    settings.SITE_URL = "https://socialrx.example.org/"

    assert (
        services.verification_url("SRX-7K2M-QX9D-4HTP")
        == "https://socialrx.example.org/certificates/SRX-7K2M-QX9D-4HTP/"
    )


# --- issuing ------------------------------------------------------------------------------


def test_issuing_copies_what_is_certified_and_records_it():
    person = UserFactory(full_name="Dana Whitfield", email="dana@example-health.org")

    certificate = issue(person)

    assert CODE_SHAPE.match(certificate.code)
    assert certificate.recipient_name == "Dana Whitfield"
    assert certificate.title == "Starting a hospital Facebook page safely"
    assert certificate.kind == "course"
    assert certificate.hours == Decimal("2.0")
    assert certificate.ce_hours == Decimal("1.5")
    assert certificate.completed_on == date(2025, 3, 14)
    assert certificate.is_valid
    event = AuditEvent.objects.get(action="training.certificate.issued")
    assert event.target_id == str(certificate.pk)
    assert event.actor is None
    assert event.after["code"] == certificate.code
    assert event.after["kind"] == "course"
    assert event.after["hours"] == "2.0"
    assert event.after["completed_on"] == "2025-03-14"


def test_a_person_without_a_name_is_certified_under_their_email():
    person = UserFactory(full_name="", email="no-name@example-health.org")

    assert issue(person).recipient_name == "no-name@example-health.org"


def test_issuing_twice_returns_the_first_certificate_and_records_once(staff):
    person = UserFactory()

    first = issue(person, actor=staff)
    second = issue(person, actor=staff, title="A later title", hours=Decimal("9"))

    assert second.pk == first.pk
    assert second.title == "Starting a hospital Facebook page safely"
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action="training.certificate.issued").count() == 1


def test_a_revoked_certificate_is_not_issued_again(staff):
    person = UserFactory()
    certificate = issue(person)
    services.revoke_certificate(actor=staff, certificate=certificate, reason="Issued in error")

    again = issue(person)

    assert again.pk == certificate.pk
    assert not again.is_valid


def test_the_same_person_gets_one_certificate_per_kind_and_source():
    person = UserFactory()
    boot_camp_id = uuid.UUID("4a6a4c33-0e8a-4b7f-bb77-5a0c8f2f8a02")

    course = issue(person)
    boot_camp = issue(person, kind=CertificateKind.BOOT_CAMP, source_public_id=boot_camp_id)
    other_person = issue(UserFactory())

    assert len({course.code, boot_camp.code, other_person.code}) == 3
    assert Certificate.objects.count() == 3


def test_a_code_already_taken_is_drawn_again(monkeypatch):
    taken = issue(UserFactory())
    draws = iter([taken.code, "SRX-2222-3333-4444"])
    monkeypatch.setattr(services, "new_code", lambda: next(draws))

    certificate = issue(UserFactory())

    assert certificate.code == "SRX-2222-3333-4444"
    assert AuditEvent.objects.filter(action="training.certificate.issued").count() == 2


def test_negative_hours_are_refused_and_nothing_is_written():
    with pytest.raises(DomainError) as refused:
        issue(UserFactory(), hours=Decimal("-1"))

    assert refused.value.field == "hours"
    assert not Certificate.objects.exists()
    assert not AuditEvent.objects.filter(action="training.certificate.issued").exists()


# --- revoking -----------------------------------------------------------------------------


def test_staff_revoke_with_a_reason_the_holder_is_emailed_and_it_is_audited(
    staff, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example.org"
    person = UserFactory(full_name="Dana Whitfield", email="dana@example-health.org")
    certificate = issue(person)

    with django_capture_on_commit_callbacks(execute=True):
        revoked = services.revoke_certificate(
            actor=staff, certificate=certificate, reason="  Quiz answers\nwere shared. "
        )

    revoked.refresh_from_db()
    assert not revoked.is_valid
    assert revoked.revoked_reason == "Quiz answers were shared."
    assert revoked.revoked_by == staff
    assert revoked.revoked_at is not None
    event = AuditEvent.objects.get(action="training.certificate.revoked")
    assert event.actor == staff
    assert event.target_id == str(certificate.pk)
    assert event.before == {"valid": True}
    assert event.after == {
        "valid": False,
        "code": certificate.code,
        "reason": "Quiz answers were shared.",
    }
    [message] = mailoutbox
    assert message.to == ["dana@example-health.org"]
    assert message.subject == f"Your SocialRx certificate {certificate.code} was revoked"
    assert "Quiz answers were shared." in message.body
    assert f"https://socialrx.example.org/certificates/{certificate.code}/" in message.body


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_revoking_needs_a_reason(staff, reason):
    certificate = issue(UserFactory())

    with pytest.raises(DomainError) as refused:
        services.revoke_certificate(actor=staff, certificate=certificate, reason=reason)

    assert refused.value.field == "reason"
    assert refused.value.message == "Say why the certificate is revoked."
    certificate.refresh_from_db()
    assert certificate.is_valid
    assert not AuditEvent.objects.filter(action="training.certificate.revoked").exists()


def test_a_reason_longer_than_300_characters_is_refused(staff):
    certificate = issue(UserFactory())

    with pytest.raises(DomainError) as refused:
        services.revoke_certificate(actor=staff, certificate=certificate, reason="x" * 301)

    assert refused.value.field == "reason"
    assert "300 characters" in refused.value.message
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_a_reason_of_exactly_300_characters_is_kept(staff):
    certificate = issue(UserFactory())

    revoked = services.revoke_certificate(actor=staff, certificate=certificate, reason="y" * 300)

    assert revoked.revoked_reason == "y" * 300


def test_revoking_twice_is_a_conflict_and_keeps_the_first_reason(staff):
    certificate = issue(UserFactory())
    services.revoke_certificate(actor=staff, certificate=certificate, reason="Issued in error")

    with pytest.raises(Conflict) as refused:
        services.revoke_certificate(actor=staff, certificate=certificate, reason="Second try")

    assert refused.value.status_code == 409
    assert refused.value.message == "This certificate was already revoked."
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error"
    assert AuditEvent.objects.filter(action="training.certificate.revoked").count() == 1


@pytest.mark.parametrize("who", ["holder", "coach", "org_admin"])
def test_only_center_staff_revoke(who, coach, org_a):
    holder = UserFactory()
    actor = {"holder": holder, "coach": coach, "org_admin": org_a[1]}[who]
    certificate = issue(holder)

    with pytest.raises(PermissionDenied):
        services.revoke_certificate(actor=actor, certificate=certificate, reason="Because")

    certificate.refresh_from_db()
    assert certificate.is_valid
    assert not AuditEvent.objects.filter(action="training.certificate.revoked").exists()


# --- the lookup limit ---------------------------------------------------------------------


def test_lookups_are_limited_per_address_and_minute(settings):
    settings.TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE = 3

    for _ in range(3):
        services.note_lookup("203.0.113.9")
    with pytest.raises(services.TooManyLookups) as refused:
        services.note_lookup("203.0.113.9")
    services.note_lookup("198.51.100.4")  # another address counts apart

    assert refused.value.status_code == 429


def test_the_default_limit_is_thirty_lookups_a_minute():
    for _ in range(30):
        services.note_lookup("203.0.113.9")
    with pytest.raises(services.TooManyLookups):
        services.note_lookup("203.0.113.9")
