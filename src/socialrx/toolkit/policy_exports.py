"""A policy version's downloads: the PDF (its print template through core.pdf) and the file
names of both exports (the DOCX is drawn by `docx`). Shared by the pages and the API."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.text import slugify

from socialrx.core.pdf import html_to_pdf


def download_name(version, extension: str) -> str:
    """riverside-regional-medical-center-social-media-policy-v2.pdf"""
    name = slugify(f"{version.organization_name} {version.policy.title} v{version.number}")
    return f"{name}.{extension}"


def pdf_bytes(version) -> bytes:
    html = render_to_string(
        "toolkit/policies/pdf.html", {"version": version, "policy": version.policy}
    )
    return html_to_pdf(html)
