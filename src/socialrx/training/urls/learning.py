"""The catalogue, a course's page, enrolling, "continue where you left off", "My learning"
and an organization's learning report."""

from django.urls import path

from ..views import catalog, progress

COURSE = "training/courses/<slug:slug>/"

urlpatterns = [
    path("training/", catalog.catalog, name="catalog"),
    path("training/my/", progress.my_learning, name="my_learning"),
    path(COURSE, catalog.course, name="course"),
    path(f"{COURSE}enrol/", catalog.enrol, name="enrol"),
    path(f"{COURSE}continue/", progress.continue_course, name="continue"),
    path(
        "organizations/<uuid:public_id>/learning/",
        progress.org_learning,
        name="org_learning",
    ),
]
