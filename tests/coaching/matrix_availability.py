"""Coaching's permission-matrix rows for availability (merged in matrix_rows.py): a coach keeps
their own week and calendar link, staff keep any coach's (`?coach=<profile public id>`), everyone
else is refused (403); a coach naming another coach's week, window or exception gets 404, so ids
cannot be probed. The calendar feed needs no sign-in: the right token serves it to anyone, a
wrong one is 404 for everyone.

The world's `coach` has a profile (America/Denver) with a Tuesday window, an exception a month
ahead and a feed token; a second coach has a window and an exception of their own."""

from __future__ import annotations

from datetime import time, timedelta
from functools import cached_property

from django.urls import reverse

from socialrx.coaching.models import AvailabilityException, AvailabilityWindow, CoachProfile
from socialrx.core.calendar import center_today
from tests.permission_matrix_kit import (
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    PUBLIC,
    STAFF,
    Case,
    everyone,
    get,
    only,
    post,
    post_only,
    roles,
)

FEED_TOKEN = "MatrixAvailabilityFeedToken0123456789abcdef"
UNKNOWN_TOKEN = "MatrixUnknownCoachFeedToken0123456789abcdef"

KEEPERS_PAGE = only(COACH, STAFF, grant=ALLOW, deny=FORBIDDEN)
KEEPERS_ACTION = only(COACH, STAFF, grant=DONE, deny=FORBIDDEN)
# Another coach's things: staff keep them, the coach is told they do not exist.
OTHERS_PAGE = roles(FORBIDDEN, visitor=LOGIN, coach=NOT_FOUND, staff=ALLOW)
OTHERS_ACTION = roles(FORBIDDEN, visitor=LOGIN, coach=NOT_FOUND, staff=DONE)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def availability_profile(self) -> CoachProfile:
        """The world's coach's profile (another area may have made it: then it is reused)."""
        profile, _created = CoachProfile.objects.get_or_create(
            user=self._fixture("coach"),
            defaults={"slug": "matrix-availability-coach", "time_zone": "America/Denver"},
        )
        if profile.feed_token != FEED_TOKEN:
            profile.feed_token = FEED_TOKEN
            profile.save(update_fields=["feed_token"])
        return profile

    @cached_property
    def availability_window(self) -> AvailabilityWindow:
        return AvailabilityWindow.objects.create(
            coach=self.availability_profile, weekday=1, starts_at=time(9), ends_at=time(12)
        )

    @cached_property
    def availability_exception(self) -> AvailabilityException:
        return AvailabilityException.objects.create(
            coach=self.availability_profile, on_date=center_today() + timedelta(days=30)
        )

    @cached_property
    def availability_other_coach(self) -> CoachProfile:
        from tests.coaching.factories import make_coach  # noqa: PLC0415 - only when needed

        return make_coach(full_name="Matrix Other Coach", time_zone="Europe/London")

    @cached_property
    def availability_other_exception(self) -> AvailabilityException:
        return AvailabilityException.objects.create(
            coach=self.availability_other_coach, on_date=center_today() + timedelta(days=30)
        )


def _page(coach: str | None = None):
    """The availability page, of the world's coach (made first) or of `coach`'s profile."""

    def url(world) -> str:
        profile = world.availability_profile
        if coach is not None:
            profile = getattr(world, coach)
        return reverse("coaching:availability") + (f"?coach={profile.public_id}" if coach else "")

    return url


def _thursday_window_added(world) -> bool:
    return AvailabilityWindow.objects.filter(
        coach=world.availability_profile, weekday=3, starts_at=time(13)
    ).exists()


def _window_url(name: str):
    return lambda world: reverse("coaching:window_delete", args=[getattr(world, name).pk])


def _exception_url(name: str):
    return lambda world: reverse("coaching:exception_delete", args=[getattr(world, name).pk])


def _feed(token_of):
    return lambda world: reverse("coaching:feed", args=[token_of(world)])


ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:availability": (
        get(_page(), KEEPERS_PAGE, label="GET, own"),
        get(_page("availability_profile"), KEEPERS_PAGE, label="GET, ?coach= the coach"),
        get(_page("availability_other_coach"), OTHERS_PAGE, label="GET, ?coach= another coach"),
        post(
            _page("availability_profile"),
            KEEPERS_ACTION,
            label="POST, add a window",
            data=lambda world: {
                "form": "window",
                "window-weekday": "3",
                "window-starts_at": "13:00",
                "window-ends_at": "15:00",
            },
            effect=_thursday_window_added,
        ),
    ),
    "coaching:window_delete": (
        *post_only(
            _window_url("availability_window"),
            KEEPERS_ACTION,
            effect=lambda world: (
                not AvailabilityWindow.objects.filter(pk=world.availability_window.pk).exists()
            ),
        ),
        post(
            lambda world: reverse(
                "coaching:window_delete", args=[world.availability_other_coach.windows.first().pk]
            ),
            OTHERS_ACTION,
            label="POST, another coach's window",
        ),
    ),
    "coaching:exception_delete": (
        *post_only(
            _exception_url("availability_exception"),
            KEEPERS_ACTION,
            effect=lambda world: (
                not AvailabilityException.objects.filter(
                    pk=world.availability_exception.pk
                ).exists()
            ),
        ),
        post(
            _exception_url("availability_other_exception"),
            OTHERS_ACTION,
            label="POST, another coach's exception",
        ),
    ),
    "coaching:feed_reset": post_only(
        lambda world: reverse("coaching:feed_reset"),
        KEEPERS_ACTION,
        data=lambda world: {"coach": str(world.availability_profile.public_id)},
        effect=lambda world: (
            CoachProfile.objects.get(pk=world.availability_profile.pk).feed_token != FEED_TOKEN
        ),
    ),
    "coaching:feed": (
        get(_feed(lambda world: world.availability_profile.feed_token), PUBLIC),
        get(_feed(lambda world: UNKNOWN_TOKEN), everyone(NOT_FOUND), label="GET, wrong token"),
    ),
}
