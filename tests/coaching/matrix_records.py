"""Coaching's permission-matrix rows for records (merged in matrix_rows.py): recording a
session, a later note and a later action item (the engagement's coach and staff; the
organization's people reach the engagement but may not record: 403; anyone else 404), and
ticking an item off (the organization's people, the coach and staff; 404 for anyone else).

Org A's engagement is coached by the world's `coach`; member A booked its sessions: one that
started two hours ago (still to record) and one held yesterday (for later notes)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from socialrx.core.calendar import center_today
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    POST_ONLY_GET,
    STAFF,
    get,
    only,
    post,
    roles,
)

RECORDERS_PAGE = roles(
    NOT_FOUND, visitor=LOGIN, member_a=FORBIDDEN, admin_a=FORBIDDEN, coach=ALLOW, staff=ALLOW
)
RECORDERS_ACTION = roles(
    NOT_FOUND, visitor=LOGIN, member_a=FORBIDDEN, admin_a=FORBIDDEN, coach=DONE, staff=DONE
)
TICKERS_ACTION = only(MEMBER_A, ADMIN_A, COACH, STAFF, grant=DONE, deny=NOT_FOUND)


def _hours_ago(hours: int):
    return (timezone.now() - timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def records_engagement(self):
        from tests.coaching.factories import make_engagement, make_member  # noqa: PLC0415

        make_member(self.org_a)
        return make_engagement(self.org_a, [self._fixture("coach")])

    @cached_property
    def records_started_session(self):
        """Booked by member A, started two hours ago: to record."""
        from tests.coaching.factories import make_session  # noqa: PLC0415

        return make_session(
            self.records_engagement, booked_by=self.member_a, starts_at=_hours_ago(2)
        )

    @cached_property
    def records_held_session(self):
        """Held yesterday: takes later notes."""
        from tests.coaching.factories import make_session  # noqa: PLC0415

        session = make_session(
            self.records_engagement,
            booked_by=self.member_a,
            starts_at=_hours_ago(26),
            status="held",
        )
        session.recorded_at = timezone.now()
        session.save(update_fields=["recorded_at"])
        return session

    @cached_property
    def records_action_item(self):
        from tests.coaching.factories import make_action_item  # noqa: PLC0415

        return make_action_item(self.records_engagement, owner=self.member_a)


def _record(world) -> str:
    return reverse("coaching:record", args=[world.records_started_session.public_id])


def _note_new(world) -> str:
    return reverse("coaching:note_new", args=[world.records_held_session.public_id])


def _action_item_new(world) -> str:
    return reverse("coaching:action_item_new", args=[world.records_engagement.public_id])


def _toggle(world) -> str:
    return reverse("coaching:action_item_toggle", args=[world.records_action_item.public_id])


def _record_form(world) -> dict:
    return {
        "outcome": "held",
        "note_visibility": "center",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    }


def _recorded(world) -> bool:
    world.records_started_session.refresh_from_db()
    return world.records_started_session.status == "held"


def _note_form(world) -> dict:
    return {"body": "Matrix note.", "visibility": "shared"}


def _noted(world) -> bool:
    return world.records_held_session.notes.filter(body="Matrix note.").exists()


def _action_item_form(world) -> dict:
    return {"title": "Matrix item", "due_on": center_today().isoformat()}


def _added(world) -> bool:
    return world.records_engagement.action_items.filter(title="Matrix item").exists()


def _ticked(world) -> bool:
    world.records_action_item.refresh_from_db()
    return world.records_action_item.done_at is not None


ROWS = {
    "coaching:record": (
        get(_record, RECORDERS_PAGE),
        post(_record, RECORDERS_ACTION, data=_record_form, effect=_recorded),
    ),
    "coaching:note_new": (
        get(_note_new, POST_ONLY_GET),
        post(_note_new, RECORDERS_ACTION, data=_note_form, effect=_noted),
    ),
    "coaching:action_item_new": (
        get(_action_item_new, POST_ONLY_GET),
        post(_action_item_new, RECORDERS_ACTION, data=_action_item_form, effect=_added),
    ),
    "coaching:action_item_toggle": (
        get(_toggle, POST_ONLY_GET),
        post(_toggle, TICKERS_ACTION, data=lambda world: {"done": "1"}, effect=_ticked),
    ),
}
