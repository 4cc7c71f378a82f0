"""The toolkit's pages (the project urls.py includes this module)."""

from . import assessments, briefs, checks, home, policies

app_name = "toolkit"

urlpatterns = [
    *home.urlpatterns,
    *checks.urlpatterns,
    *assessments.urlpatterns,
    *policies.urlpatterns,
    *briefs.urlpatterns,
]
