"""The certificate as a PDF: landscape Letter, drawn by WeasyPrint from an HTML template that
carries everything inline (styles and the QR code as SVG), so rendering fetches nothing."""

from __future__ import annotations

import qrcode
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from qrcode.image.svg import SvgPathImage

from socialrx.core.pdf import html_to_pdf

from .models import Certificate
from .selectors.certificates import ISSUER
from .services.certificates import verification_url


def qr_payload(certificate: Certificate) -> str:
    """What the QR code holds: the absolute address of the certificate's public page."""
    return verification_url(certificate.code)


def qr_svg(text: str) -> SafeString:
    """`text` as a QR code in an inline SVG element (medium error correction, quiet zone of
    two modules). The markup is generated here, never from input, so it is safe to embed."""
    image = qrcode.make(
        text,
        image_factory=SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - generated SVG, see above


def certificate_pdf(certificate: Certificate) -> bytes:
    url = qr_payload(certificate)
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "issuer": ISSUER,
            "verify_url": url,
            "qr": qr_svg(url),
        },
    )
    return html_to_pdf(html)
