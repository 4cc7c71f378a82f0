"""Events' rows of the permission matrix, kept per area beside that area's tests: public pages,
the agenda builder, registration and orders, tickets, the waitlist, check-in and badges,
reports, and a person's agenda."""

from __future__ import annotations

from tests.events import (
    matrix_check_in,
    matrix_my_agenda,
    matrix_public,
    matrix_registration,
    matrix_reports,
    matrix_staff_agenda,
    matrix_tickets,
    matrix_waitlist,
)

AREAS = (
    matrix_public,
    matrix_staff_agenda,
    matrix_registration,
    matrix_tickets,
    matrix_waitlist,
    matrix_check_in,
    matrix_reports,
    matrix_my_agenda,
)


class EventsData(*(area.Data for area in AREAS)):
    """Every area's world objects (each area's names carry its prefix, so none collide)."""


WORLD_DATA = EventsData

ROWS = {}
for _area in AREAS:
    _overlap = set(ROWS) & set(_area.ROWS)
    assert not _overlap, f"two areas claim the same routes: {sorted(_overlap)}"
    ROWS.update(_area.ROWS)
# The events API's operations (kept with my agenda's rows, whose area wrote the API).
_overlap = set(ROWS) & set(matrix_my_agenda.API_ROWS)
assert not _overlap, f"an API operation claimed twice: {sorted(_overlap)}"
ROWS.update(matrix_my_agenda.API_ROWS)
EXTRA_ROWS = {}
for _area in AREAS:
    EXTRA_ROWS.update(getattr(_area, "EXTRA_ROWS", {}))
