"""Staff reports: registrations (filters, CSV), sales by ticket type over time, attendance and
certificates."""

from django.urls import path

from ..views import reports

urlpatterns = [
    path(
        "staff/events/<slug:slug>/registrations/",
        reports.registrations,
        name="staff_registrations",
    ),
    path(
        "staff/events/<slug:slug>/registrations/export.csv",
        reports.registrations_csv,
        name="staff_registrations_csv",
    ),
    path("staff/events/<slug:slug>/sales/", reports.sales_report, name="staff_sales"),
    path("staff/events/<slug:slug>/attendance/", reports.attendance, name="staff_attendance"),
    path(
        "staff/events/<slug:slug>/attendance/certificates/",
        reports.issue_certificates,
        name="staff_certificates",
    ),
]
