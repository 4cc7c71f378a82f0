"""library pages (the project urls.py includes this module)."""

from . import catalog, contributions, digest, files, news, podcast, site, staff

app_name = "library"

urlpatterns = [
    *catalog.urlpatterns,
    *podcast.urlpatterns,
    *contributions.urlpatterns,
    *news.urlpatterns,
    *files.urlpatterns,
    *staff.urlpatterns,
    *site.urlpatterns,
    *digest.urlpatterns,
]
