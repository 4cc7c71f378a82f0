"""Check-in at the door (phone-sized: camera scan or name search, live counts) and badges."""

from django.urls import path

from ..views import badges, check_in

urlpatterns = [
    path("staff/events/<slug:slug>/check-in/", check_in.check_in_page, name="check_in"),
    path("staff/events/<slug:slug>/check-in/scan/", check_in.scan, name="check_in_scan"),
    path("staff/events/<slug:slug>/check-in/search/", check_in.search, name="check_in_search"),
    path(
        "staff/events/<slug:slug>/check-in/attendees/<uuid:public_id>/",
        check_in.check_in_attendee,
        name="check_in_attendee",
    ),
    path("staff/events/<slug:slug>/check-in/counts/", check_in.counts, name="check_in_counts"),
    path("staff/events/<slug:slug>/badges.pdf", badges.badges_pdf, name="badges"),
]
