"""The library's back office: resources, their files, publication, usage."""

from django.urls import path

from ..views import staff, staff_files

urlpatterns = [
    path("staff/library/", staff.staff_home, name="staff_home"),
    # "new/" before "<uuid>/" (a uuid never reads "new", but the order says so).
    path("staff/library/resources/new/", staff.staff_resource_new, name="staff_resource_new"),
    path(
        "staff/library/resources/<uuid:public_id>/",
        staff.staff_resource_edit,
        name="staff_resource_edit",
    ),
    path(
        "staff/library/resources/<uuid:public_id>/publish/",
        staff.staff_resource_publish,
        name="staff_resource_publish",
    ),
    path(
        "staff/library/resources/<uuid:public_id>/withdraw/",
        staff.staff_resource_withdraw,
        name="staff_resource_withdraw",
    ),
    path(
        "staff/library/resources/<uuid:public_id>/files/",
        staff_files.staff_file_upload,
        name="staff_file_upload",
    ),
    path(
        "staff/library/files/<uuid:public_id>/remove/",
        staff_files.staff_file_remove,
        name="staff_file_remove",
    ),
    path(
        "staff/library/files/<uuid:public_id>/move/",
        staff_files.staff_file_move,
        name="staff_file_move",
    ),
    path("staff/library/usage/", staff.staff_usage, name="staff_usage"),
]
