"""community pages (the project urls.py includes this module)."""

from . import directory, forums, moderation, notifications

app_name = "community"

urlpatterns = [
    *forums.urlpatterns,
    *directory.urlpatterns,
    *notifications.urlpatterns,
    *moderation.urlpatterns,
]
