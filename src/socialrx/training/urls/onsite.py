"""On-site training: the organization's pages and the staff pipeline."""

from django.urls import path

from ..views import onsite, staff_onsite

urlpatterns = [
    path("training/onsite/", onsite.onsite_list, name="onsite_list"),
    path("training/onsite/new/", onsite.onsite_new, name="onsite_new"),
    path("training/onsite/<uuid:public_id>/", onsite.onsite_detail, name="onsite_detail"),
    path("training/onsite/<uuid:public_id>/accept/", onsite.onsite_accept, name="onsite_accept"),
    path("training/onsite/<uuid:public_id>/decline/", onsite.onsite_decline, name="onsite_decline"),
    path(
        "training/onsite/<uuid:public_id>/withdraw/",
        onsite.onsite_withdraw,
        name="onsite_withdraw",
    ),
    path("staff/training/onsite/", staff_onsite.pipeline, name="staff_onsite"),
    path(
        "staff/training/onsite/<uuid:public_id>/",
        staff_onsite.detail,
        name="staff_onsite_detail",
    ),
    path(
        "staff/training/onsite/<uuid:public_id>/propose/",
        staff_onsite.propose,
        name="staff_onsite_propose",
    ),
    path(
        "staff/training/onsite/<uuid:public_id>/deliver/",
        staff_onsite.deliver,
        name="staff_onsite_deliver",
    ),
]
