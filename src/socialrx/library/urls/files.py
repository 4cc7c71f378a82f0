"""A resource's files (for the people who may read it) and a template's versions."""

from django.urls import path

from ..views import files, versions

urlpatterns = [
    path("library/files/<uuid:public_id>/<str:name>", files.resource_file, name="file"),
    path("library/r/<slug:slug>/versions/", versions.versions, name="versions"),
    path(
        "library/r/<slug:slug>/versions/compare/",
        versions.version_compare,
        name="version_compare",
    ),
]
