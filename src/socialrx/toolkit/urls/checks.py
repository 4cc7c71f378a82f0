"""The post safety checker: the checker and its live results, saving a check, and an
organization's history of saved checks."""

from django.urls import path

from ..views import checks

urlpatterns = [
    path("toolkit/check/", checks.check, name="check"),
    path("toolkit/check/results/", checks.check_results, name="check_results"),
    path("toolkit/check/save/", checks.check_save, name="check_save"),
    path(
        "toolkit/check/history/<uuid:public_id>/",
        checks.check_history,
        name="check_history",
    ),
    path(
        "toolkit/check/history/<uuid:public_id>/<uuid:check_id>/",
        checks.saved_check,
        name="saved_check",
    ),
    path(
        "toolkit/check/history/<uuid:public_id>/<uuid:check_id>/delete/",
        checks.saved_check_delete,
        name="saved_check_delete",
    ),
]
