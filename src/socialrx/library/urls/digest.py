"""Staff's monthly digest page."""

from django.urls import path

from ..views import digest

urlpatterns = [
    path("staff/library/digest/", digest.staff_digest, name="staff_digest"),
]
