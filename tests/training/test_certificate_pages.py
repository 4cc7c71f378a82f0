"""A person's certificates, and the staff's list with revocation."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.training.models import Certificate
from tests.factories import UserFactory
from tests.training.factories import make_certificate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

MINE = "/training/certificates/"
STAFF_LIST = "/staff/training/certificates/"


def revoke_url(certificate) -> str:
    return reverse("training:staff_certificate_revoke", args=[certificate.public_id])


# --- my certificates ----------------------------------------------------------------------


def test_my_certificates_lists_mine_with_download_and_verify_links(client):
    me = UserFactory(full_name="Dana Whitfield")
    valid = make_certificate(me, code="SRX-7K2M-QX9D-4HTP")
    revoked = make_certificate(
        me, code="SRX-2222-3333-4444", title="X for physicians", revoked_reason="Issued twice."
    )
    make_certificate(UserFactory(), code="SRX-5555-6666-7777", title="Someone else's course")
    client.force_login(me)

    response = client.get(MINE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Starting a hospital Facebook page safely" in page
    assert "X for physicians" in page
    assert "Someone else&#x27;s course" not in page
    assert reverse("training:certificate_pdf", args=[valid.public_id]) in page
    assert reverse("training:certificate_pdf", args=[revoked.public_id]) not in page
    assert "/certificates/SRX-7K2M-QX9D-4HTP/" in page
    assert "/certificates/SRX-2222-3333-4444/" in page
    assert "Issued twice." in page


def test_my_certificates_without_any_says_how_to_earn_one(client, user):
    client.force_login(user)

    response = client.get(MINE)

    assert response.status_code == 200
    assert "No certificates yet" in response.content.decode()


def test_my_certificates_needs_signing_in(client):
    response = client.get(MINE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("count", [1, 3])
def test_my_certificates_makes_the_same_queries_for_one_or_three(
    client, count, django_assert_num_queries
):
    me = UserFactory()
    for _ in range(count):
        make_certificate(me)
    client.force_login(me)

    # session, user, certificates, the person's seats (the header's menus)
    with django_assert_num_queries(4):
        response = client.get(MINE)

    assert response.status_code == 200


# --- the staff's list ---------------------------------------------------------------------


def test_staff_find_a_certificate_by_its_code_as_typed(client, staff):
    make_certificate(UserFactory(full_name="Dana Whitfield"), code="SRX-7K2M-QX9D-4HTP")
    make_certificate(UserFactory(full_name="Lee Ortiz"), code="SRX-2222-3333-4444")
    client.force_login(staff)

    response = client.get(STAFF_LIST, {"q": "srx 7k2m qx9d 4htp"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dana Whitfield" in page
    assert "Lee Ortiz" not in page
    assert "1 certificate<" in page


def test_staff_find_certificates_by_name_email_or_title(client, staff):
    make_certificate(UserFactory(full_name="Dana Whitfield", email="dana@riverside.example"))
    make_certificate(UserFactory(full_name="Lee Ortiz"), title="Podcasting for your practice")
    client.force_login(staff)

    by_name = client.get(STAFF_LIST, {"q": "whitf"}).content.decode()
    by_email = client.get(STAFF_LIST, {"q": "riverside.example"}).content.decode()
    by_title = client.get(STAFF_LIST, {"q": "podcast"}).content.decode()

    assert "Dana Whitfield" in by_name and "Lee Ortiz" not in by_name
    assert "Dana Whitfield" in by_email and "Lee Ortiz" not in by_email
    assert "Lee Ortiz" in by_title and "Dana Whitfield" not in by_title


def test_staff_filter_valid_or_revoked(client, staff):
    make_certificate(UserFactory(full_name="Dana Whitfield"))
    make_certificate(UserFactory(full_name="Lee Ortiz"), revoked_reason="Issued in error.")
    client.force_login(staff)

    valid = client.get(STAFF_LIST, {"state": "valid"}).content.decode()
    revoked = client.get(STAFF_LIST, {"state": "revoked"}).content.decode()

    assert "Dana Whitfield" in valid and "Lee Ortiz" not in valid
    assert "Lee Ortiz" in revoked and "Dana Whitfield" not in revoked


def test_a_bad_filter_is_ignored_not_an_error(client, staff):
    make_certificate(UserFactory(full_name="Dana Whitfield"))
    client.force_login(staff)

    response = client.get(STAFF_LIST, {"state": "everything", "page": "banana"})

    assert response.status_code == 200
    assert "Dana Whitfield" in response.content.decode()


def test_nothing_found_says_so(client, staff):
    client.force_login(staff)

    response = client.get(STAFF_LIST, {"q": "nobody"})

    assert "No certificates match" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_staff_list_makes_the_same_queries_for_one_or_three(
    client, staff, count, django_assert_num_queries
):
    for number in range(count):
        make_certificate(UserFactory(full_name=f"Learner {number}"), revoked_reason="Error")
    client.force_login(staff)

    # session, user, MFA check of the staff role, count, page (with person and revoked_by)
    with django_assert_num_queries(5):
        response = client.get(STAFF_LIST)

    assert response.status_code == 200


def test_people_who_are_not_staff_are_refused_the_list(client, coach, org_a):
    for person in (coach, org_a[1], org_a[2]):
        client.force_login(person)
        assert client.get(STAFF_LIST).status_code == 403


# --- revoking -----------------------------------------------------------------------------


def test_staff_revoke_a_certificate_with_a_reason(client, staff):
    certificate = make_certificate(UserFactory(full_name="Dana Whitfield"))
    client.force_login(staff)

    response = client.post(revoke_url(certificate), {"reason": "Quiz answers were shared."})

    assert response.status_code == 302
    assert response["Location"] == f"{STAFF_LIST}?q={certificate.code}"
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert certificate.revoked_reason == "Quiz answers were shared."
    assert AuditEvent.objects.filter(
        action="training.certificate.revoked", actor=staff, target_id=str(certificate.pk)
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert f"Certificate {certificate.code} of Dana Whitfield is revoked" in page


@pytest.mark.parametrize("reason", ["", "   ", "x" * 301])
def test_revoking_without_a_fit_reason_changes_nothing_and_says_why(client, staff, reason):
    certificate = make_certificate(UserFactory())
    client.force_login(staff)

    response = client.post(revoke_url(certificate), {"reason": reason}, follow=True)

    certificate.refresh_from_db()
    assert certificate.is_valid
    assert f"Certificate {certificate.code} was not revoked" in response.content.decode()
    assert not AuditEvent.objects.filter(action="training.certificate.revoked").exists()


def test_a_second_revocation_says_it_was_already_revoked(client, staff):
    certificate = make_certificate(UserFactory(), revoked_reason="Issued in error.")
    client.force_login(staff)

    response = client.post(revoke_url(certificate), {"reason": "Again"}, follow=True)

    assert response.status_code == 200
    assert "This certificate was already revoked." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error."


def test_revoking_an_unknown_certificate_is_not_found(client, staff):
    client.force_login(staff)

    response = client.post(
        f"/staff/training/certificates/{uuid.uuid4()}/revoke/", {"reason": "Error"}
    )

    assert response.status_code == 404


def test_revoking_is_post_only_and_staff_only(client, coach):
    certificate = make_certificate(UserFactory())
    client.force_login(coach)

    assert client.get(revoke_url(certificate)).status_code == 405
    assert client.post(revoke_url(certificate), {"reason": "Because"}).status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).is_valid
