"""The project's URLs plus the test app's, as a project would include a new app's URLs."""

from django.urls import include, path

from socialrx.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("tests.sample_app.urls")), *project_urlpatterns]
