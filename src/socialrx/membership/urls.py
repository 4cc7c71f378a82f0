from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from .selectors import plans_version
from .views import overview, public, staff

app_name = "membership"

urlpatterns = [
    # Anonymous visitors get the page from the cache until a plan changes.
    path("pricing/", visitor_page_cache(public.pricing, version=plans_version), name="pricing"),
    path("members/benefits/", public.member_benefits, name="member_benefits"),
    path("organizations/<uuid:public_id>/membership/", overview.overview, name="overview"),
    path("organizations/<uuid:public_id>/membership/apply/", overview.apply, name="apply"),
    path("staff/membership/applications/", staff.application_queue, name="staff_applications"),
    path(
        "staff/membership/applications/<uuid:application_id>/approve/",
        staff.approve,
        name="staff_approve",
    ),
    path(
        "staff/membership/applications/<uuid:application_id>/decline/",
        staff.decline,
        name="staff_decline",
    ),
    path("staff/membership/memberships/", staff.membership_list, name="staff_memberships"),
    path(
        "staff/membership/memberships/complimentary/",
        staff.complimentary,
        name="staff_complimentary",
    ),
    path(
        "staff/membership/memberships/<uuid:membership_id>/",
        staff.membership_detail,
        name="staff_membership",
    ),
    path(
        "staff/membership/memberships/<uuid:membership_id>/activate/",
        staff.activate_on_po,
        name="staff_activate_po",
    ),
    path(
        "staff/membership/memberships/<uuid:membership_id>/cancel/",
        staff.cancel,
        name="staff_cancel",
    ),
    path(
        "staff/membership/memberships/<uuid:membership_id>/adjustment/",
        staff.adjustment,
        name="staff_adjustment",
    ),
    path("staff/membership/reports/", staff.reports, name="staff_reports"),
    path("staff/membership/plans/", staff.plan_list, name="staff_plans"),
    path("staff/membership/plans/new/", staff.plan_edit, name="staff_plan_new"),
    path("staff/membership/plans/<uuid:plan_id>/", staff.plan_edit, name="staff_plan_edit"),
]
