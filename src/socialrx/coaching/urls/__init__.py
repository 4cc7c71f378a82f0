"""Coaching's pages, one module per area (the project's urls.py includes this one)."""

from . import availability, booking, coaches, engagements, intakes, public, records, reports

app_name = "coaching"

urlpatterns = [
    *public.urlpatterns,
    *intakes.urlpatterns,
    *coaches.urlpatterns,
    *availability.urlpatterns,
    *engagements.urlpatterns,
    *booking.urlpatterns,
    *records.urlpatterns,
    *reports.urlpatterns,
]
