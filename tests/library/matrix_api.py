"""Library's permission-matrix rows for the API (`API_ROWS`, merged in matrix_rows.py): anyone
searches the resources (public ones without credentials); a bearer token that is not a valid
one is refused (401: the visitor's case sends a made-up token); an unknown filter is a 400 for
everyone."""

from __future__ import annotations

from tests.permission_matrix_kit import (
    ALLOW,
    PUBLIC,
    UNAUTHORIZED,
    Case,
    fixed,
    get,
    roles,
    status,
)

API = "/api/v1/library"
URL = f"{API}/resources"

ROWS: dict[str, tuple[Case, ...]] = {}

API_ROWS: dict[str, tuple[Case, ...]] = {
    f"GET {API}/podcast/episodes": (get(fixed(f"{API}/podcast/episodes"), PUBLIC),),
    f"GET {URL}": (
        get(fixed(f"{URL}?q=crisis"), PUBLIC, label="session"),
        get(
            fixed(f"{URL}?q=crisis"),
            roles(ALLOW, visitor=UNAUTHORIZED),
            label="bearer token",
            bearer=True,
        ),
        get(fixed(f"{URL}?topic=astrology"), roles(status(400)), label="an unknown topic"),
    ),
}
