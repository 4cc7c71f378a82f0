"""The API's own rows of the permission matrix: its schema, docs and root (each app's operations
are in that app's rows)."""

from __future__ import annotations

from tests.permission_matrix_kit import (
    NOT_FOUND,
    PUBLIC,
    Case,
    everyone,
    fixed,
    get,
)

ROWS: dict[str, tuple[Case, ...]] = {
    "api:openapi-json": (get(fixed("/api/v1/openapi.json"), PUBLIC),),
    "api:openapi-view": (get(fixed("/api/v1/docs"), PUBLIC),),
    "api:api-root": (get(fixed("/api/v1/"), everyone(NOT_FOUND)),),
}
