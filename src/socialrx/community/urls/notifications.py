"""A person's forum notifications and notification settings (views.notifications)."""

from django.urls import path

from ..views import notifications

urlpatterns = [
    path("community/notifications/", notifications.notifications, name="notifications"),
    path(
        "community/notifications/read-all/",
        notifications.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "community/notifications/<int:pk>/",
        notifications.notification_open,
        name="notification_open",
    ),
    path("community/settings/", notifications.settings, name="settings"),
    path(
        "community/settings/follows/<int:pk>/unfollow/",
        notifications.unfollow,
        name="settings_unfollow",
    ),
]
