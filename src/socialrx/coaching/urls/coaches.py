"""A coach's own profile, and staff's coaches, needs-assessment queue and assign page."""

from django.urls import path

from ..views import coaches

urlpatterns = [
    path("coaching/coach/profile/", coaches.coach_profile, name="coach_profile"),
    path("staff/coaching/coaches/", coaches.staff_coaches, name="staff_coaches"),
    # "new/" before "<uuid>/" (a uuid never reads "new", but the order says so).
    path("staff/coaching/coaches/new/", coaches.staff_coach_new, name="staff_coach_new"),
    path(
        "staff/coaching/coaches/<uuid:coach_id>/",
        coaches.staff_coach_edit,
        name="staff_coach_edit",
    ),
    path("staff/coaching/intakes/", coaches.staff_intakes, name="staff_intakes"),
    path(
        "staff/coaching/intakes/<uuid:intake_id>/assign/",
        coaches.staff_assign,
        name="staff_assign",
    ),
]
