"""Coaching's rows of the permission matrix, kept per area beside that area's tests (each
area's `Data` names carry its prefix, so none collide)."""

from __future__ import annotations

import importlib

_AREA_NAMES = (
    "matrix_public",
    "matrix_intakes",
    "matrix_coaches",
    "matrix_availability",
    "matrix_engagements",
    "matrix_booking",
    "matrix_records",
    "matrix_reports",
)
AREAS = []
for _name in _AREA_NAMES:
    try:
        AREAS.append(importlib.import_module(f"tests.coaching.{_name}"))
    except ModuleNotFoundError as error:  # TODO(integration): every area present; drop this
        if error.name != f"tests.coaching.{_name}":
            raise


class CoachingData(*(area.Data for area in AREAS if hasattr(area, "Data"))):
    """Every area's world objects."""


WORLD_DATA = CoachingData

ROWS = {}
for _area in AREAS:
    _overlap = set(ROWS) & set(_area.ROWS)
    assert not _overlap, f"two areas claim the same routes: {sorted(_overlap)}"
    ROWS.update(_area.ROWS)
    ROWS.update(getattr(_area, "API_ROWS", {}))
