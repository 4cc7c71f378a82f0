"""Coaching's permission-matrix rows for booking (merged in matrix_rows.py): the book page
(the organization's people and staff; the engagement's coach may see the engagement but not
book for it: 403), and a session's page, calendar file, reschedule and cancel pages (the
organization's people who may change it, its coach and staff; 404 for anyone else, so ids
cannot be probed).

The world's `coach` coaches org A's engagement, available every day around the clock (the
matrix runs at the real time, so a slot is always free a few days ahead); member A booked the
session, three days ahead (inside the free-change policy for everyone)."""

from __future__ import annotations

from datetime import time, timedelta
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import CoachingSession, CoachProfile, Engagement
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    STAFF,
    Case,
    get,
    only,
    post,
    roles,
)

ALL_DAY = [(day, time(0), time(23, 30)) for day in range(7)]
BOOKERS_PAGE = roles(
    NOT_FOUND, visitor=LOGIN, member_a=ALLOW, admin_a=ALLOW, coach=FORBIDDEN, staff=ALLOW
)
BOOKERS_ACTION = roles(
    NOT_FOUND, visitor=LOGIN, member_a=DONE, admin_a=DONE, coach=FORBIDDEN, staff=DONE
)
SESSION_PEOPLE = only(MEMBER_A, ADMIN_A, COACH, STAFF, grant=ALLOW, deny=NOT_FOUND)
SESSION_CHANGERS = only(MEMBER_A, ADMIN_A, COACH, STAFF, grant=DONE, deny=NOT_FOUND)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def booking_coach(self) -> CoachProfile:
        from socialrx.coaching.models import AvailabilityWindow  # noqa: PLC0415

        user = self._fixture("coach")
        profile, created = CoachProfile.objects.get_or_create(
            user=user, defaults={"slug": "matrix-booking-coach", "time_zone": "America/Chicago"}
        )
        if created or not profile.windows.exists():
            AvailabilityWindow.objects.bulk_create(
                AvailabilityWindow(coach=profile, weekday=day, starts_at=start, ends_at=end)
                for day, start, end in ALL_DAY
            )
        return profile

    @cached_property
    def booking_engagement(self) -> Engagement:
        from tests.coaching.factories import give_paid_hours, make_engagement  # noqa: PLC0415

        engagement = make_engagement(self.org_a, [self.booking_coach.user], title="Matrix booking")
        # The world's organization holds no membership: its hours are bought ones.
        give_paid_hours(engagement, 10)
        return engagement

    @cached_property
    def booking_session(self) -> CoachingSession:
        from tests.coaching.factories import make_session  # noqa: PLC0415

        starts_at = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
        return make_session(
            self.booking_engagement,
            coach=self.booking_coach.user,
            booked_by=self.member_a,
            starts_at=starts_at,
        )

    def booking_free_slot(self, *, days_ahead: int) -> str:
        """A slot of the coach still free `days_ahead` days from now, as the form sends it."""
        from socialrx.coaching.selectors.booking import slot_key  # noqa: PLC0415
        from socialrx.coaching.selectors.slots import bookable_slots  # noqa: PLC0415

        since = timezone.now() + timedelta(days=days_ahead)
        slot = bookable_slots(
            self.booking_engagement,
            minutes=60,
            since=since,
            until=since + timedelta(days=1),
            coach_user_id=self.booking_coach.user_id,
        )[0]
        return slot_key(slot.coach, slot.starts_at)


def _book_url(world) -> str:
    return reverse("coaching:book", args=[world.booking_engagement.public_id])


def _session_url(name: str):
    return lambda world: reverse(name, args=[world.booking_session.public_id])


def _booked_by_them(world) -> bool:
    return (
        world.user is not None
        and CoachingSession.objects.filter(
            engagement=world.booking_engagement, booked_by=world.user, agenda="Matrix agenda"
        ).exists()
    )


def _moved(world) -> bool:
    return CoachingSession.objects.get(pk=world.booking_session.pk).sequence == 1


def _cancelled(world) -> bool:
    return CoachingSession.objects.get(pk=world.booking_session.pk).status == "cancelled"


ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:book": (
        get(_book_url, BOOKERS_PAGE),
        post(
            _book_url,
            BOOKERS_ACTION,
            label="POST, book a slot",
            data=lambda world: {
                "slot": world.booking_free_slot(days_ahead=2),
                "agenda": "Matrix agenda",
            },
            effect=_booked_by_them,
        ),
    ),
    "coaching:session": (get(_session_url("coaching:session"), SESSION_PEOPLE),),
    "coaching:session_ics": (get(_session_url("coaching:session_ics"), SESSION_PEOPLE),),
    "coaching:reschedule": (
        get(_session_url("coaching:reschedule"), SESSION_PEOPLE),
        post(
            _session_url("coaching:reschedule"),
            SESSION_CHANGERS,
            label="POST, move it",
            data=lambda world: {"slot": world.booking_free_slot(days_ahead=5)},
            effect=_moved,
        ),
    ),
    "coaching:cancel": (
        get(_session_url("coaching:cancel"), SESSION_PEOPLE),
        post(
            _session_url("coaching:cancel"),
            SESSION_CHANGERS,
            label="POST, cancel it",
            data=lambda world: {"reason": "Matrix reason"},
            effect=_cancelled,
        ),
    ),
}
