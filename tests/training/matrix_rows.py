"""Training's rows of the permission matrix, kept per area beside that area's tests: course
authoring and media, the catalogue and progress pages, lessons and quizzes, certificates and
reports (and the API), boot camps, on-site training."""

from __future__ import annotations

from tests.training import (
    matrix_authoring,
    matrix_boot_camps,
    matrix_certificates,
    matrix_learning,
    matrix_lessons,
    matrix_onsite,
)

AREAS = (
    matrix_authoring,
    matrix_learning,
    matrix_lessons,
    matrix_certificates,
    matrix_boot_camps,
    matrix_onsite,
)


class TrainingData(*(area.Data for area in AREAS)):
    """Every area's world objects (each area's names carry its prefix, so none collide)."""


WORLD_DATA = TrainingData

ROWS = {}
for _area in AREAS:
    _overlap = set(ROWS) & set(_area.ROWS)
    assert not _overlap, f"two areas claim the same routes: {sorted(_overlap)}"
    ROWS.update(_area.ROWS)
EXTRA_ROWS = {}
for _area in AREAS:
    EXTRA_ROWS.update(getattr(_area, "EXTRA_ROWS", {}))
