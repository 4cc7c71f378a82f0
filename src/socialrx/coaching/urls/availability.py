"""A coach's availability, their private calendar link, and the calendar feed."""

from django.urls import path

from ..views import availability as views

urlpatterns = [
    path("coaching/coach/availability/", views.availability, name="availability"),
    path(
        "coaching/coach/availability/windows/<int:window_id>/delete/",
        views.window_delete,
        name="window_delete",
    ),
    path(
        "coaching/coach/availability/exceptions/<int:exception_id>/delete/",
        views.exception_delete,
        name="exception_delete",
    ),
    path("coaching/coach/feed/", views.feed_reset, name="feed_reset"),
    path("coaching/feeds/<str:token>.ics", views.feed, name="feed"),
]
