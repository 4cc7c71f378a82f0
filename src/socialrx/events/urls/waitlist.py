"""The waitlist per ticket type: joining, leaving, and claiming an offered place; staff's view
of it with "offer now"."""

from django.urls import path

from ..views import staff_waitlist, waitlist

urlpatterns: list = [
    path(
        "events/waitlist/<uuid:public_id>/leave/",
        waitlist.leave,
        name="waitlist_leave",
    ),
    path(
        "events/waitlist/<uuid:public_id>/claim/<str:token>/",
        waitlist.claim,
        name="waitlist_claim",
    ),
    path(
        "events/<slug:slug>/tickets/<uuid:public_id>/waitlist/",
        waitlist.join,
        name="waitlist_join",
    ),
    path(
        "staff/events/<slug:slug>/waitlist/",
        staff_waitlist.waitlist,
        name="staff_waitlist",
    ),
    path(
        "staff/events/<slug:slug>/waitlist/<uuid:public_id>/offer/",
        staff_waitlist.offer,
        name="staff_waitlist_offer",
    ),
]
