"""Toolkit's rows of the permission matrix, kept per area beside that area's tests (each
area's `Data` names carry its prefix, so none collide)."""

from __future__ import annotations

import importlib

_AREA_NAMES = (
    "matrix_home",
    "matrix_checks",
    "matrix_assessments",
    "matrix_policies",
    "matrix_briefs",
)
AREAS = []
for _name in _AREA_NAMES:
    AREAS.append(importlib.import_module(f"tests.toolkit.{_name}"))


class ToolkitData(*(area.Data for area in AREAS if hasattr(area, "Data"))):
    """Every area's world objects."""


WORLD_DATA = ToolkitData

ROWS = {}
for _area in AREAS:
    _overlap = set(ROWS) & set(_area.ROWS)
    assert not _overlap, f"two areas claim the same routes: {sorted(_overlap)}"
    ROWS.update(_area.ROWS)
    ROWS.update(getattr(_area, "API_ROWS", {}))
