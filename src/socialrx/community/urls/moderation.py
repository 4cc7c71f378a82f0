"""Flagging posts (members) and the moderators' pages (views.moderation)."""

from django.urls import path

from ..views import moderation

urlpatterns = [
    path("community/posts/<int:pk>/flag/", moderation.flag, name="flag"),
    path("staff/community/", moderation.staff_queue, name="staff_queue"),
    path("staff/community/posts/<int:pk>/", moderation.staff_post, name="staff_post"),
    path(
        "staff/community/threads/<uuid:public_id>/",
        moderation.staff_thread,
        name="staff_thread",
    ),
    path("staff/community/suspensions/", moderation.staff_suspensions, name="staff_suspensions"),
    path(
        "staff/community/suspensions/<int:pk>/lift/",
        moderation.staff_suspension_lift,
        name="staff_suspension_lift",
    ),
]
