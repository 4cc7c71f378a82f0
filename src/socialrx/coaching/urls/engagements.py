"""Engagements: the people's pages (list, one engagement, buying hours) and the back office's
home and engagement forms."""

from django.urls import path

from ..views import engagements, staff

urlpatterns = [
    path("coaching/engagements/", engagements.engagement_list, name="engagements"),
    path(
        "coaching/engagements/<uuid:engagement_id>/",
        engagements.engagement_detail,
        name="engagement",
    ),
    path(
        "coaching/engagements/<uuid:engagement_id>/hours/",
        engagements.buy_hours,
        name="buy_hours",
    ),
    path("staff/coaching/", staff.staff_home, name="staff_home"),
    path(
        "staff/coaching/engagements/new/",
        staff.staff_engagement_new,
        name="staff_engagement_new",
    ),
    path(
        "staff/coaching/engagements/<uuid:engagement_id>/edit/",
        staff.staff_engagement_edit,
        name="staff_engagement_edit",
    ),
]
