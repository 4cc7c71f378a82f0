"""Community's permission-matrix rows for notifications (merged in matrix_rows.py): every
signed-in person has a notifications page and settings (the community is read by any signed-in
person, guests included); one's own notification and follow are one's own (404 for the
others); visitors are sent to sign in."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    MEMBER_A,
    NOT_FOUND,
    POST_ONLY_GET,
    Case,
    get,
    only,
    post,
    signed_in,
)

OWN_ACTION = only(MEMBER_A, grant=DONE, deny=NOT_FOUND)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def notif_thread(self):
        from tests.community.factories import make_category, make_thread  # noqa: PLC0415 - only when a case needs it

        category = make_category(name="Matrix notifications", slug="matrix-notifications")
        return make_thread(category=category, author=self.admin_a, title="Matrix notified")

    @cached_property
    def notif_of_member_a(self):
        from socialrx.community.models import Notification  # noqa: PLC0415

        return Notification.objects.create(
            user=self.member_a,
            kind="reply",
            thread=self.notif_thread,
            post=self.notif_thread.posts.get(number=1),
            text="Someone replied in “Matrix notified”",
        )

    @cached_property
    def notif_follow_of_member_a(self):
        from socialrx.community.models import Follow  # noqa: PLC0415

        return Follow.objects.create(user=self.member_a, thread=self.notif_thread)


def _open(world) -> str:
    return reverse("community:notification_open", args=[world.notif_of_member_a.pk])


def _read(world) -> bool:
    world.notif_of_member_a.refresh_from_db()
    return world.notif_of_member_a.read_at is not None


def _read_all_data(world) -> dict:
    world.notif_of_member_a  # noqa: B018 - member A has an unread notification
    return {}


def _preference_saved(world) -> bool:
    from socialrx.community.models import NotificationPreference  # noqa: PLC0415

    return NotificationPreference.objects.filter(user=world.user, email_mode="daily").exists()


def _unfollow(world) -> str:
    return reverse("community:settings_unfollow", args=[world.notif_follow_of_member_a.pk])


def _unfollowed(world) -> bool:
    from socialrx.community.models import Follow  # noqa: PLC0415

    return not Follow.objects.filter(pk=world.notif_follow_of_member_a.pk).exists()


def _url(name):
    return lambda world: reverse(name)


ROWS: dict[str, tuple[Case, ...]] = {
    "community:notifications": (get(_url("community:notifications"), signed_in(ALLOW)),),
    "community:notifications_read_all": (
        get(_url("community:notifications_read_all"), POST_ONLY_GET),
        post(
            _url("community:notifications_read_all"),
            signed_in(DONE),
            data=_read_all_data,
            effect=_read,
            effect_roles=frozenset({MEMBER_A}),
        ),
    ),
    "community:notification_open": (get(_open, only(MEMBER_A, grant=DONE, deny=NOT_FOUND)),),
    "community:settings": (
        get(_url("community:settings"), signed_in(ALLOW)),
        post(
            _url("community:settings"),
            signed_in(DONE),
            data=lambda world: {"email_mode": "daily"},
            effect=_preference_saved,
        ),
    ),
    "community:settings_unfollow": (
        get(_unfollow, POST_ONLY_GET),
        post(_unfollow, OWN_ACTION, effect=_unfollowed),
    ),
}
