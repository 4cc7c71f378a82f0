from django.urls import path

from ..views import reports

urlpatterns = [
    path("staff/coaching/utilisation/", reports.staff_utilisation, name="staff_utilisation"),
]
