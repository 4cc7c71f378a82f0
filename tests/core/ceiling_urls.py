"""The site's URLs with the benchmark's ceiling, as BENCH_CEILING=1 serves them."""

from socialrx.core.urls import ceiling_patterns
from socialrx.urls import urlpatterns as site_urlpatterns

urlpatterns = [*ceiling_patterns, *site_urlpatterns]
