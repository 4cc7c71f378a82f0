"""The public verification page, its lookup form, and the certificate's PDF."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.urls import reverse

from socialrx.training import pdf
from tests.factories import UserFactory
from tests.training.factories import make_certificate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NOT_FOUND_TEXT = "No certificate has this code."


@pytest.fixture
def holder(db):
    return UserFactory(full_name="Dana Whitfield", email="dana@example-health.org")


@pytest.fixture
def certificate(holder):
    return make_certificate(
        holder, code="SRX-7K2M-QX9D-4HTP", completed_on=date(2025, 3, 14), ce_hours="1.5"
    )


def verify_url(code: str) -> str:
    return reverse("training:certificate_verify", args=[code])


# --- the verification page ----------------------------------------------------------------


def test_a_valid_certificate_says_valid_for_whom_for_what_and_when(client, certificate, settings):
    settings.SITE_URL = "https://socialrx.example.org"

    response = client.get(verify_url("SRX-7K2M-QX9D-4HTP"))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "VALID" in page
    assert "REVOKED" not in page
    assert "Dana Whitfield" in page
    assert "Starting a hospital Facebook page safely" in page
    assert "Course completion" in page
    assert "<dt>Hours</dt><dd>2</dd>" in page
    assert "<dt>Continuing-education hours</dt><dd>1.5</dd>" in page
    assert "March 14, 2025" in page
    assert "SocialRx Center for Social Media in Health Care" in page
    assert (
        '<link rel="canonical" href="https://socialrx.example.org/certificates/SRX-7K2M-QX9D-4HTP/">'
        in page
    )


def test_a_code_typed_in_lower_case_with_spaces_finds_the_certificate(client, certificate):
    response = client.get(verify_url("srx 7k2m qx9d 4htp"))

    assert response.status_code == 200
    assert "Dana Whitfield" in response.content.decode()


def test_a_revoked_certificate_says_revoked_with_the_date_and_reason(client, holder):
    make_certificate(holder, code="SRX-2222-3333-4444", revoked_reason="Quiz answers were shared.")

    response = client.get(verify_url("SRX-2222-3333-4444"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "REVOKED" in page
    assert "VALID" not in page
    assert "Quiz answers were shared." in page
    assert "was revoked by the SocialRx Center" in page
    assert "Dana Whitfield" in page


@pytest.mark.parametrize(
    "code",
    [
        "SRX-2222-3333-4444",  # well formed, never issued
        "SRX-7K2M-QX9D-4HTQ",  # one character off a real one
        "SRX-0000-0000-0000",  # characters codes never use
        "hello",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "A" * 300,
        "SRX-7K2M-QX9D-4HTP%00",
        "%E2%80%AE",
    ],
)
def test_an_unknown_forged_or_malformed_code_is_one_and_the_same_404(client, certificate, code):
    response = client.get(f"/certificates/{code}/")

    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert NOT_FOUND_TEXT in page
    assert "Dana Whitfield" not in page
    assert "<script>alert" not in page


def test_the_verification_page_is_rate_limited_per_client_address(client, certificate, settings):
    settings.TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE = 2

    first = client.get(verify_url("SRX-2222-3333-4444"), REMOTE_ADDR="203.0.113.9")
    second = client.get(verify_url("SRX-7K2M-QX9D-4HTP"), REMOTE_ADDR="203.0.113.9")
    third = client.get(verify_url("SRX-7K2M-QX9D-4HTP"), REMOTE_ADDR="203.0.113.9")
    elsewhere = client.get(verify_url("SRX-7K2M-QX9D-4HTP"), REMOTE_ADDR="198.51.100.4")

    assert [first.status_code, second.status_code, third.status_code] == [404, 200, 429]
    assert third["Retry-After"] == "60"
    assert "Too many certificate lookups" in third.content.decode()
    assert "Dana Whitfield" not in third.content.decode()
    assert elsewhere.status_code == 200


# --- the lookup form ----------------------------------------------------------------------


def test_the_lookup_form_is_shown_to_anyone(client):
    response = client.get(reverse("training:certificate_lookup"))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert 'name="code"' in page
    assert '<label for="id_code">Certificate code' in page


def test_the_lookup_form_sends_a_typed_code_to_its_page(client, certificate):
    response = client.get(reverse("training:certificate_lookup"), {"code": " srx-7k2m qx9d-4htp "})

    assert response.status_code == 302
    assert response["Location"] == "/certificates/SRX-7K2M-QX9D-4HTP/"


def test_an_empty_lookup_shows_the_form_again(client):
    response = client.get(reverse("training:certificate_lookup"), {"code": ""})

    assert response.status_code == 200
    assert NOT_FOUND_TEXT not in response.content.decode()


@pytest.mark.parametrize("typed", ["not a code", "SRX/7K2M/QX9D/4HTP", "x" * 150, "a\nb"])
def test_a_lookup_that_cannot_be_a_code_is_the_same_404(client, typed):
    response = client.get(reverse("training:certificate_lookup"), {"code": typed})

    assert response.status_code == 404
    assert NOT_FOUND_TEXT in response.content.decode()


def test_the_lookup_form_answers_only_get(client):
    assert client.post(reverse("training:certificate_lookup"), {"code": "x"}).status_code == 405


# --- the PDF ------------------------------------------------------------------------------


def pdf_url(certificate) -> str:
    return reverse("training:certificate_pdf", args=[certificate.public_id])


def test_the_holder_downloads_the_pdf(client, holder, certificate):
    client.force_login(holder)

    response = client.get(pdf_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="SocialRx-certificate-SRX-7K2M-QX9D-4HTP.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_center_staff_download_anyones_pdf(client, staff, certificate):
    client.force_login(staff)

    response = client.get(pdf_url(certificate))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["someone_else", "coach", "org_admin"])
def test_nobody_else_finds_the_pdf(client, certificate, who, coach, org_a):
    person = {"someone_else": UserFactory(), "coach": coach, "org_admin": org_a[1]}[who]
    client.force_login(person)

    assert client.get(pdf_url(certificate)).status_code == 404


def test_a_visitor_is_asked_to_sign_in_for_the_pdf(client, certificate):
    response = client.get(pdf_url(certificate))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_or_malformed_certificate_id_is_not_found(client, holder):
    client.force_login(holder)

    assert client.get(f"/training/certificates/{uuid.uuid4()}/pdf/").status_code == 404
    assert client.get("/training/certificates/not-a-uuid/pdf/").status_code == 404


def test_a_revoked_certificates_pdf_is_gone_with_a_message(client, holder):
    revoked = make_certificate(holder, revoked_reason="Issued in error.")
    client.force_login(holder)

    response = client.get(pdf_url(revoked))

    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "This certificate was revoked" in page
    assert "Issued in error." in page


def test_the_qr_code_holds_the_absolute_verification_address(settings, certificate):
    settings.SITE_URL = "https://socialrx.example.org"

    assert pdf.qr_payload(certificate) == (
        "https://socialrx.example.org/certificates/SRX-7K2M-QX9D-4HTP/"
    )


def test_the_qr_code_is_an_inline_svg():
    svg = str(pdf.qr_svg("https://socialrx.example.org/certificates/SRX-7K2M-QX9D-4HTP/"))

    assert svg.startswith("<svg")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert "<path" in svg
    assert "<?xml" not in svg


def test_the_pdf_page_prints_the_certificate_with_its_code_and_qr(settings, certificate):
    settings.SITE_URL = "https://socialrx.example.org"
    from django.template.loader import render_to_string  # noqa: PLC0415

    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "issuer": "SocialRx Center for Social Media in Health Care",
            "verify_url": pdf.qr_payload(certificate),
            "qr": pdf.qr_svg(pdf.qr_payload(certificate)),
        },
    )

    assert "size: Letter landscape" in html
    assert "Certificate of Completion" in html
    assert "Dana Whitfield" in html
    assert "Starting a hospital Facebook page safely" in html
    assert "March 14, 2025" in html
    assert "SRX-7K2M-QX9D-4HTP" in html
    assert "https://socialrx.example.org/certificates/SRX-7K2M-QX9D-4HTP/" in html
    assert "<svg" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("code", ["a%0Ab", "SRX-7K2M-QX9D-4HTP%0A", "%20", "a/b/c"])
def test_a_code_with_line_breaks_or_slashes_is_the_same_404(client, certificate, code):
    response = client.get(f"/certificates/{code}/")

    assert response.status_code == 404
    assert NOT_FOUND_TEXT in response.content.decode()
