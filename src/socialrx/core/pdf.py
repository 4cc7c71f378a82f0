"""PDF rendering for every capability: HTML in, PDF bytes out, no network access."""

from django.conf import settings


def _no_fetch(url: str, *args, **kwargs):
    """Documents carry their styles inline; refuse anything that would reach outside."""
    raise ValueError(f"PDF rendering does not fetch resources ({url})")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint loads Pango; only processes that draw a PDF pay for it

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_no_fetch).write_pdf()
