"""The toolkit home's row of the permission matrix (merged in matrix_rows.py): the four tools
explained, for everyone."""

from __future__ import annotations

from tests.permission_matrix_kit import PUBLIC, Case, fixed, get

ROWS: dict[str, tuple[Case, ...]] = {"toolkit:home": (get(fixed("/toolkit/"), PUBLIC),)}
