"""Training's pages, one module per area (courses, authoring, certificates, boot camps,
on-site training), all in the "training" namespace."""

from . import authoring, boot_camps, certificates, learning, lessons, onsite

app_name = "training"

urlpatterns = [
    *learning.urlpatterns,
    *lessons.urlpatterns,
    *authoring.urlpatterns,
    *certificates.urlpatterns,
    *boot_camps.urlpatterns,
    *onsite.urlpatterns,
]
