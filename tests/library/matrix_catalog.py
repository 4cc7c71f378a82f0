"""Library's permission-matrix rows for the catalogue area (merged in matrix_rows.py): anyone
searches the library (bad queries included) and opens a public resource; a published member
resource is a teaser (200) for whoever may not open it; a draft is "not found" for all but
staff and its contributing organization's people, a withdrawn one for all but staff; the
reading history is the signed-in person's own.

The world's organization A holds no membership, so its people read as non-members here."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    MEMBER_A,
    NOT_FOUND,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    Case,
    fixed,
    get,
    roles,
)

HOME = "/library/"


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    def _catalog_resource(self, title: str, **fields):
        from tests.library.factories import make_resource  # noqa: PLC0415 - only when needed

        return make_resource(title=title, **fields)

    @cached_property
    def catalog_public(self):
        return self._catalog_resource("Matrix public guide", access="public")

    @cached_property
    def catalog_member(self):
        return self._catalog_resource("Matrix member checklist", access="member")

    @cached_property
    def catalog_draft(self):
        return self._catalog_resource(
            "Matrix draft contribution", status="draft", contributed_by_organization=self.org_a
        )

    @cached_property
    def catalog_withdrawn(self):
        return self._catalog_resource("Matrix withdrawn guide", status="withdrawn")


def _resource(attribute: str):
    return lambda world: reverse("library:resource", args=[getattr(world, attribute).slug])


ROWS: dict[str, tuple[Case, ...]] = {
    "library:home": (
        get(fixed(HOME), PUBLIC),
        get(fixed(f"{HOME}?q=crisis&kind=guide&sort=most_used"), PUBLIC, label="GET a search"),
        get(fixed(f"{HOME}?q=%25%24%23%40%21"), PUBLIC, label="GET, a query of only symbols"),
        get(fixed(f"{HOME}?q={'x' * 10_000}"), PUBLIC, label="GET, a 10,000-character query"),
        get(fixed(f"{HOME}?topic=astrology&sort=up"), PUBLIC, label="GET, unknown filters"),
    ),
    "library:resource": (
        get(_resource("catalog_public"), PUBLIC, label="GET a public resource"),
        get(_resource("catalog_member"), PUBLIC, label="GET a member resource (or its teaser)"),
        get(
            _resource("catalog_draft"),
            roles(NOT_FOUND, **{MEMBER_A: ALLOW, ADMIN_A: ALLOW, STAFF: ALLOW}),
            label="GET org A's draft contribution",
        ),
        get(
            _resource("catalog_withdrawn"),
            roles(NOT_FOUND, **{STAFF: ALLOW}),
            label="GET a withdrawn resource",
        ),
        get(fixed("/library/r/no-such-resource/"), roles(NOT_FOUND), label="GET unknown"),
    ),
    "library:history": (get(fixed("/library/history/"), SIGNED_IN),),
}
