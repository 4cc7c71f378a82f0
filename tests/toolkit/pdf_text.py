"""The text of a PDF, for tests that check what a download says (read with pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """Every page's text, pages separated by a blank line."""
    return "\n\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
