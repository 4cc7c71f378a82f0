"""Coaching's permission-matrix rows for the public area (merged in matrix_rows.py): anyone
reads the coaching page and a listed coach's page; an unlisted coach is "not found" for all."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import NOT_FOUND, PUBLIC, Case, everyone, fixed, get


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def pubcoach_listed(self):
        from tests.coaching.factories import make_coach  # noqa: PLC0415 - only when a case needs it

        return make_coach(full_name="Matrix Listed Coach", platforms=("facebook",))

    @cached_property
    def pubcoach_unlisted(self):
        from tests.coaching.factories import make_coach  # noqa: PLC0415

        return make_coach(full_name="Matrix Unlisted Coach", is_listed=False)


def _coach(attribute: str):
    return lambda world: reverse("coaching:coach", args=[getattr(world, attribute).slug])


ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:home": (get(fixed("/coaching/"), PUBLIC),),
    "coaching:coach": (
        get(_coach("pubcoach_listed"), PUBLIC),
        get(_coach("pubcoach_unlisted"), everyone(NOT_FOUND), label="GET an unlisted coach"),
    ),
}
