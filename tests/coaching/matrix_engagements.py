"""Coaching's permission-matrix rows for engagements (merged in matrix_rows.py): the list (every
signed-in person), one engagement (org A's people, its coach — the world's coach — and staff;
others find nothing), buying hours (org A's admin; those who may see the engagement but not buy
are refused, others find nothing), and the back office (staff only)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    MEMBER_A,
    NOT_FOUND,
    SIGNED_IN,
    STAFF,
    STAFF_ONLY,
    Case,
    get,
    only,
    post,
    roles,
)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def engagement_active(self):
        """Org A's active engagement, coached by the world's coach, 2 plan hours."""
        from tests.coaching.factories import make_engagement  # noqa: PLC0415

        return make_engagement(
            self.org_a, [self._fixture("coach")], plan_hours=2, title="Matrix engagement"
        )

    @cached_property
    def engagement_proposed(self):
        from tests.coaching.factories import make_engagement  # noqa: PLC0415

        return make_engagement(
            self.org_a,
            [self._fixture("coach")],
            plan_hours=0,
            status="proposed",
            title="Matrix proposal",
        )

    @cached_property
    def engagement_new_coach(self):
        """A coach with a profile of their own, for the new engagement's form."""
        from tests.coaching.factories import make_coach  # noqa: PLC0415

        return make_coach(full_name="Matrix Coach")


def _engagement(name: str, attribute: str = "engagement_active"):
    return lambda world: reverse(name, args=[getattr(world, attribute).public_id])


def _fixed(name: str):
    return lambda world: reverse(name)


def _new_engagement(world) -> dict:
    return {
        "organization": str(world.org_a.public_id),
        "kind": "consulting",
        "title": "Matrix new engagement",
        "goals": "",
        "coaches": [str(world.engagement_new_coach.user.pk)],
        "plan_hours": "0",
        "meeting_url": "",
        "status": "proposed",
    }


def _created(world) -> bool:
    from socialrx.coaching.models import Engagement  # noqa: PLC0415

    return Engagement.objects.filter(title="Matrix new engagement").exists()


def _activated(world) -> bool:
    world.engagement_proposed.refresh_from_db()
    return world.engagement_proposed.status == "active"


ENGAGEMENT_VIEWERS = only(MEMBER_A, ADMIN_A, COACH, STAFF, grant=ALLOW, deny=NOT_FOUND)
# Those who see the engagement but do not buy its hours are told no; others find nothing.
BUY_DENIED = {MEMBER_A: FORBIDDEN, COACH: FORBIDDEN, STAFF: FORBIDDEN}
BUYERS = roles(NOT_FOUND, visitor=ENGAGEMENT_VIEWERS["visitor"], admin_a=ALLOW, **BUY_DENIED)
BUYERS_ACTION = roles(NOT_FOUND, visitor=ENGAGEMENT_VIEWERS["visitor"], admin_a=DONE, **BUY_DENIED)
STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)

ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:engagements": (get(_fixed("coaching:engagements"), SIGNED_IN),),
    "coaching:engagement": (get(_engagement("coaching:engagement"), ENGAGEMENT_VIEWERS),),
    "coaching:buy_hours": (
        get(_engagement("coaching:buy_hours"), BUYERS),
        post(
            _engagement("coaching:buy_hours"),
            BUYERS_ACTION,
            label="POST (on to the checkout)",
            data=lambda world: {"hours": "2"},
        ),
    ),
    "coaching:staff_home": (get(_fixed("coaching:staff_home"), STAFF_ONLY),),
    "coaching:staff_engagement_new": (
        get(_fixed("coaching:staff_engagement_new"), STAFF_ONLY),
        post(
            _fixed("coaching:staff_engagement_new"),
            STAFF_ACTION,
            label="POST (create)",
            data=_new_engagement,
            effect=_created,
        ),
    ),
    "coaching:staff_engagement_edit": (
        get(_engagement("coaching:staff_engagement_edit"), STAFF_ONLY),
        post(
            _engagement("coaching:staff_engagement_edit", "engagement_proposed"),
            STAFF_ACTION,
            label="POST (activate)",
            data=lambda world: {"change": "activate"},
            effect=_activated,
        ),
    ),
}
