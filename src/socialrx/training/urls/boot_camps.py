"""Boot camps: the public page, its calendar file, registration, the waitlist, cancelling a
seat; and the staff back office (cohorts, days, roster, attendance, completion)."""

from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from ..freshness import page_version
from ..views import boot_camps as public
from ..views import staff_boot_camps as staff

urlpatterns = [
    path(
        "training/boot-camps/<slug:slug>/",
        visitor_page_cache(public.boot_camp, version=page_version),
        name="boot_camp",
    ),
    path("training/boot-camps/<slug:slug>/calendar.ics", public.calendar, name="boot_camp_ics"),
    path("training/boot-camps/<slug:slug>/register/", public.register, name="boot_camp_register"),
    path("training/boot-camps/<slug:slug>/waitlist/", public.join_waitlist, name="waitlist_join"),
    path(
        "training/waitlist/<uuid:public_id>/claim/<str:token>/",
        public.claim,
        name="waitlist_claim",
    ),
    path(
        "training/registrations/<uuid:public_id>/cancel/",
        public.cancel_registration,
        name="registration_cancel",
    ),
    path("staff/training/boot-camps/", staff.boot_camp_list, name="staff_boot_camps"),
    path("staff/training/boot-camps/new/", staff.boot_camp_new, name="staff_boot_camp_new"),
    path(
        "staff/training/boot-camps/<slug:slug>/edit/",
        staff.boot_camp_edit,
        name="staff_boot_camp_edit",
    ),
    path(
        "staff/training/boot-camps/<slug:slug>/days/",
        staff.boot_camp_days,
        name="staff_boot_camp_days",
    ),
    path(
        "staff/training/boot-camps/<slug:slug>/publish/",
        staff.boot_camp_publish,
        name="staff_boot_camp_publish",
    ),
    path(
        "staff/training/boot-camps/<slug:slug>/cancel/",
        staff.boot_camp_cancel,
        name="staff_boot_camp_cancel",
    ),
    path("staff/training/boot-camps/<slug:slug>/roster/", staff.roster, name="staff_roster"),
    path(
        "staff/training/boot-camps/<slug:slug>/days/<int:day_id>/attendance/",
        staff.attendance,
        name="staff_attendance",
    ),
    path(
        "staff/training/boot-camps/<slug:slug>/complete/",
        staff.boot_camp_complete,
        name="staff_boot_camp_complete",
    ),
]
