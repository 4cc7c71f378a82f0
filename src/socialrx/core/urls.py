from django.conf import settings
from django.urls import path

from . import views, views_mailing
from .pagecache import unchanging, visitor_page_cache

# The benchmark's ceiling (`make bench`): only when BENCH_CEILING turns it on.
ceiling_patterns = [path("bench/ceiling/", views.bench_ceiling, name="bench_ceiling")]

urlpatterns = [
    path("", visitor_page_cache(views.home, version=unchanging), name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("staff/audit/", views.audit_log, name="audit_log"),
    path("account/failed-emails/", views.failed_emails, name="failed_emails"),
    path("account/email-preferences/", views_mailing.email_preferences, name="email_preferences"),
    path(
        "email/unsubscribe/<str:token>/",
        views_mailing.email_unsubscribe,
        name="email_unsubscribe",
    ),
]
if settings.BENCH_CEILING:
    urlpatterns += ceiling_patterns
