"""The dashboard's training panels (declared in menus.py): "My learning" (courses in progress,
the next boot camps, how many courses the person completed) and, for center staff, the
training back office's waiting work."""

from __future__ import annotations

from django.conf import settings

from .selectors.learning import learning_panel, training_staff_queue


def my_learning(request) -> dict | None:
    """None (the panel stays out of the page) for a person with no enrolment and no boot
    camp registration. Four queries at most, however many courses."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    panel = learning_panel(user)
    if panel is None:
        return None
    return {"learning": panel, "center_zone": settings.TIME_ZONE}


def staff_queue(request) -> dict:
    """The training back office's waiting work for center staff, in three queries whatever the
    data: on-site requests waiting for a proposal (or for the organization's answer), boot camp
    seats whose refund staff must send, and courses with a draft not yet published."""
    return training_staff_queue()
