"""Public pages of the center, the dashboard, health probes and the staff audit log."""

import functools
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control, never_cache

from . import plugins, selectors
from .email import acknowledge_failures, unacknowledged_failures
from .forms import AuditFilterForm
from .pagination import paginate, querystring_without_page
from .permissions import require

FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


def home(request):
    return render(request, "core/home.html")


def bench_ceiling(request):
    """The benchmark's ceiling: the base template (the header's menus included) through the
    same middleware as every page, with no query. A page's speed is told as a share of it.
    Routed only when BENCH_CEILING is on (see urls.py)."""
    return render(request, "core/bench_ceiling.html")


@login_required
def dashboard(request):
    """A signed-in person's start page: the panels the apps declare, in order, so that each
    person sees their own work first (staff their queues, members their organizations)."""
    panels = [
        {
            "panel": shown.panel,
            "context": shown.context,
            # A SafeString: the panel's template escaped what it shows.
            "html": render_to_string(shown.panel.template, shown.context, request=request),
        }
        for shown in plugins.panels_for(plugins.registry().panels, request)
    ]
    return render(request, "core/dashboard.html", {"panels": panels})


@functools.cache
def _favicon() -> bytes:
    return FAVICON.read_bytes()


@cache_control(max_age=60 * 60 * 24 * 7, public=True)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the pages link."""
    return HttpResponse(_favicon(), content_type="image/x-icon")


@never_cache
def healthz(request):
    """The process is up and serving requests."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready to serve: the database answers and, when configured, Redis does too."""
    checks: dict[str, str] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"error: {error.__class__.__name__}"
        healthy = False
    if settings.REDIS_URL:
        try:
            cache.set("readyz", "1", timeout=5)
            checks["redis"] = "ok" if cache.get("readyz") == "1" else "error: no round trip"
        except Exception as error:  # noqa: BLE001
            checks["redis"] = f"error: {error.__class__.__name__}"
        healthy = healthy and checks["redis"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@login_required
def failed_emails(request):
    """The emails the signed-in person's actions sent that could not be sent."""
    if request.method == "POST":
        acknowledge_failures(request.user)
        messages.success(request, "Thank you. The notice is cleared.")
        return redirect("failed_emails")
    return render(
        request,
        "core/failed_emails.html",
        {"failures": list(unacknowledged_failures(request.user)[:100])},
    )


@login_required
def audit_log(request):
    require(request.user, "core.view_audit_log")
    form = AuditFilterForm(request.GET or None)
    events = selectors.audit_events(**(form.cleaned_data if form.is_valid() else {}))
    return render(
        request,
        "core/audit_log.html",
        {
            "form": form,
            "page": paginate(request, events, per_page=50),
            "querystring": querystring_without_page(request),
        },
    )
