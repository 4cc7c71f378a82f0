"""The catalogue, a course's page, enrolling, "continue where you left off", "My learning"
and an organization's learning report."""

from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from ..freshness import page_version
from ..views import catalog, progress

COURSE = "training/courses/<slug:slug>/"

urlpatterns = [
    path("training/", visitor_page_cache(catalog.catalog, version=page_version), name="catalog"),
    path("training/my/", progress.my_learning, name="my_learning"),
    path(COURSE, visitor_page_cache(catalog.course, version=page_version), name="course"),
    path(f"{COURSE}enrol/", catalog.enrol, name="enrol"),
    path(f"{COURSE}continue/", progress.continue_course, name="continue"),
    path(
        "organizations/<uuid:public_id>/learning/",
        progress.org_learning,
        name="org_learning",
    ),
]
