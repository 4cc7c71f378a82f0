"""The needs assessment an organization's admin fills (views.intakes)."""

from django.urls import path

from ..views import intakes

urlpatterns = [
    path("coaching/intakes/", intakes.intakes, name="intakes"),
    path("coaching/intakes/new/", intakes.intake_new, name="intake_new"),
    path("coaching/intakes/<uuid:intake_id>/edit/", intakes.intake_edit, name="intake_edit"),
    path("coaching/intakes/<uuid:intake_id>/", intakes.intake, name="intake"),
]
