"""Community's permission-matrix rows for moderation (merged in matrix_rows.py).

Flagging: organization A is made a member organization, so member A and admin A read the
thread and flag a post someone else wrote; staff read every thread and may flag too; for the
others (no membership) the post does not exist. The moderators' pages are staff only (403 for
everyone else signed in)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    MEMBER_A,
    NOT_FOUND,
    POST_ONLY_GET,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    get,
    post,
    signed_in,
)

FLAGGERS = (MEMBER_A, ADMIN_A, STAFF)
FLAG_PAGE = signed_in(NOT_FOUND, **dict.fromkeys(FLAGGERS, ALLOW))
FLAG_ACTION = signed_in(NOT_FOUND, **dict.fromkeys(FLAGGERS, DONE))


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def mod_member_org_a(self):
        """Organization A made a member organization (once per case, whichever area asks)."""
        from socialrx.membership.models import Membership  # noqa: PLC0415 - only when a case needs it
        from tests.library.factories import make_member  # noqa: PLC0415

        if not Membership.objects.filter(organization=self.org_a).exists():
            make_member(self.org_a)
        return self.org_a

    @cached_property
    def mod_thread(self):
        from tests.community.factories import make_category, make_thread, member_org  # noqa: PLC0415

        _, author, replier = member_org("Matrix Moderation Clinic")
        category = make_category(name="Matrix moderation", slug="matrix-moderation")
        return make_thread(
            category=category,
            author=author,
            title="Matrix moderated",
            replies=[(replier, "A reply someone may flag.")],
        )

    @cached_property
    def mod_post(self):
        return self.mod_thread.posts.get(number=2)

    @cached_property
    def mod_person(self):
        from tests.factories import UserFactory  # noqa: PLC0415

        return UserFactory(email="matrix-suspended@example-health.org")

    @cached_property
    def mod_suspension(self):
        from socialrx.community.models import Suspension  # noqa: PLC0415

        return Suspension.objects.create(user=self.mod_person, reason="Matrix suspension")


def _flag_url(world) -> str:
    world.mod_member_org_a  # noqa: B018 - organization A is a member before the request
    return reverse("community:flag", args=[world.mod_post.pk])


def _flagged(world) -> bool:
    from socialrx.community.models import Flag  # noqa: PLC0415

    return Flag.objects.filter(post=world.mod_post, flagged_by=world.user).exists()


def _staff_post(world) -> str:
    return reverse("community:staff_post", args=[world.mod_post.pk])


def _hidden(world) -> bool:
    world.mod_post.refresh_from_db()
    return world.mod_post.is_hidden


def _staff_thread(world) -> str:
    return reverse("community:staff_thread", args=[world.mod_thread.public_id])


def _locked(world) -> bool:
    world.mod_thread.refresh_from_db()
    return world.mod_thread.is_locked


def _suspended(world) -> bool:
    from socialrx.community.models import Suspension  # noqa: PLC0415

    return Suspension.objects.filter(user=world.mod_person).exists()


def _lift(world) -> str:
    return reverse("community:staff_suspension_lift", args=[world.mod_suspension.pk])


def _lifted(world) -> bool:
    world.mod_suspension.refresh_from_db()
    return world.mod_suspension.lifted_at is not None


def _url(name):
    return lambda world: reverse(name)


ROWS: dict[str, tuple[Case, ...]] = {
    "community:flag": (
        get(_flag_url, FLAG_PAGE),
        post(_flag_url, FLAG_ACTION, data=lambda world: {"reason": "spam"}, effect=_flagged),
    ),
    "community:staff_queue": (get(_url("community:staff_queue"), STAFF_ONLY),),
    "community:staff_post": (
        get(_staff_post, STAFF_ONLY),
        post(
            _staff_post,
            STAFF_ONLY_ACTION,
            data=lambda world: {"action": "hide", "reason": "Matrix"},
            effect=_hidden,
        ),
    ),
    "community:staff_thread": (
        get(_staff_thread, STAFF_ONLY),
        post(
            _staff_thread,
            STAFF_ONLY_ACTION,
            data=lambda world: {"action": "lock"},
            effect=_locked,
        ),
    ),
    "community:staff_suspensions": (
        get(_url("community:staff_suspensions"), STAFF_ONLY),
        post(
            _url("community:staff_suspensions"),
            STAFF_ONLY_ACTION,
            data=lambda world: {"email": world.mod_person.email, "reason": "Matrix"},
            effect=_suspended,
        ),
    ),
    "community:staff_suspension_lift": (
        get(_lift, POST_ONLY_GET),
        post(_lift, STAFF_ONLY_ACTION, effect=_lifted),
    ),
}
