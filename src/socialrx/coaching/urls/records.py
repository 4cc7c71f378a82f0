"""After a session: recording it (held or missed) with notes and action items, more notes on
the session, more action items on the engagement, and ticking items off."""

from django.urls import path

from ..views import records

urlpatterns: list = [
    path("coaching/sessions/<uuid:session_id>/record/", records.record, name="record"),
    path("coaching/sessions/<uuid:session_id>/notes/", records.note_new, name="note_new"),
    path(
        "coaching/engagements/<uuid:engagement_id>/action-items/",
        records.action_item_new,
        name="action_item_new",
    ),
    path(
        "coaching/action-items/<uuid:item_id>/toggle/",
        records.action_item_toggle,
        name="action_item_toggle",
    ),
]
