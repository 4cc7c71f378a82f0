"""A limit on PDF downloads per person (per client address when signed out).

Drawing a PDF takes WeasyPrint a few hundred milliseconds of a worker's CPU, many times an
ordinary page, so a script asking for invoices or certificates in a loop would keep every
worker busy. Nobody reading their documents comes near the limit; center staff, who print
badge sheets and invoices in batches, are not limited.

Every view that draws a PDF for a request is wrapped in `limits_pdf_downloads` (a view that
answers a page or a PDF names the condition under which it draws one)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from .ratelimit import count_hit
from .requests import client_ip

WINDOW_SECONDS = 10 * 60


def _limit() -> int:
    return settings.PDF_DOWNLOADS_PER_10_MINUTES


def refusal(request):
    """Count one PDF for whoever asks; the page saying so (429) once they asked for more than
    the limit in ten minutes, else None."""
    user = getattr(request, "user", None)
    if getattr(user, "is_staff", False):
        return None
    if getattr(user, "is_authenticated", False):
        who = f"person:{user.pk}"
    else:
        who = f"address:{client_ip(request) or 'unknown'}"
    if count_hit(f"pdf-downloads:{who}", window_seconds=WINDOW_SECONDS) <= _limit():
        return None
    response = render(
        request,
        "core/pdf_limited.html",
        {"limit": _limit(), "minutes": WINDOW_SECONDS // 60},
        status=429,
    )
    response["Retry-After"] = str(WINDOW_SECONDS)
    return response


def limits_pdf_downloads(view=None, *, when=None):
    """Wrap a view that draws a PDF; `when(request)` says whether this request asks for one
    (for a view that answers a page too), else every request counts."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if when is None or when(request):
                refused = refusal(request)
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        wrapped.limits_pdf_downloads = True
        return wrapped

    return decorate(view) if view is not None else decorate
