"""The executive brief's rows of the permission matrix (merged in matrix_rows.py).
Organization A is made a member of the center for these cases.

- The briefs list: everyone (a visitor reads what a brief is and signs in from there; a
  signed-in person sees their own organizations, or what a brief is).
- Org A's briefs, one of its briefs and its PDF: org A's people and center staff (404 for
  everyone else).
- Drawing one: org A's admin and center staff; org A's member reads the briefs but is told why
  they may not draw (403); everyone else gets 404. POST only."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    ORG_A_VIEWERS,
    PUBLIC,
    Case,
    fixed,
    get,
    post_only,
    roles,
)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def briefs_membership(self):
        from tests.toolkit.factories import make_check_member  # noqa: PLC0415 - on demand

        return make_check_member(self.org_a)

    @cached_property
    def briefs_brief_a(self):
        """A brief of org A, drawn by its admin."""
        from tests.toolkit.factories import make_brief  # noqa: PLC0415

        self.briefs_membership  # noqa: B018 - org A must be a member first
        return make_brief(self.org_a, drawn_by=self.admin_a)


def _organization(name: str):
    def url(world) -> str:
        world.briefs_membership  # noqa: B018
        return reverse(name, args=[world.org_a.public_id])

    return url


def _brief(name: str):
    return lambda world: reverse(name, args=[world.briefs_brief_a.public_id])


def _drawn(world) -> bool:
    from socialrx.toolkit.models import ExecutiveBrief  # noqa: PLC0415

    return ExecutiveBrief.objects.filter(organization=world.org_a, drawn_by=world.user).exists()


DRAWERS_ACTION = roles(NOT_FOUND, visitor=LOGIN, admin_a=DONE, staff=DONE, member_a=FORBIDDEN)

ROWS: dict[str, tuple[Case, ...]] = {
    "toolkit:briefs": (get(fixed("/toolkit/briefs/"), PUBLIC),),
    "toolkit:organization_briefs": (
        get(_organization("toolkit:organization_briefs"), ORG_A_VIEWERS),
    ),
    "toolkit:draw_brief": post_only(
        _organization("toolkit:draw_brief"),
        DRAWERS_ACTION,
        label="POST draw org A's brief",
        effect=_drawn,
    ),
    "toolkit:brief": (get(_brief("toolkit:brief"), ORG_A_VIEWERS),),
    "toolkit:brief_pdf": (get(_brief("toolkit:brief_pdf"), ORG_A_VIEWERS),),
}
