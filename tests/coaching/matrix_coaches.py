"""Coaching's permission-matrix rows for the coaches area (merged in matrix_rows.py): a coach
keeps their own profile (everyone else signed in is refused); staff's coaches, needs-assessment
queue and assign page are for center staff only."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    STAFF,
    STAFF_ONLY,
    Case,
    fixed,
    get,
    only,
    post,
)

COACH_ONLY = only(COACH, grant=ALLOW, deny=FORBIDDEN)
COACH_ONLY_ACTION = only(COACH, grant=DONE, deny=FORBIDDEN)
STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)

PROFILE_FORM = {
    "headline": "Matrix headline",
    "bio": "",
    "time_zone": "America/Denver",
    "default_meeting_url": "",
    "photo_alt": "",
    "accepting_engagements": "on",
}


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def coaches_profile(self):
        """A coach with a profile (staff edit it, and assign them)."""
        from tests.coaching.factories import make_coach  # noqa: PLC0415 - only when a case needs it

        return make_coach(full_name="Matrix Profiled Coach")

    @cached_property
    def coaches_unprofiled(self):
        """A coach with no profile yet (staff make one)."""
        from tests.factories import CoachFactory  # noqa: PLC0415

        return CoachFactory(full_name="Matrix Unprofiled Coach")

    @cached_property
    def coaches_intake(self):
        """Organization A's submitted needs assessment, waiting for a coach."""
        from django.utils import timezone  # noqa: PLC0415

        from socialrx.coaching.models import Intake  # noqa: PLC0415

        return Intake.objects.create(
            organization=self.org_a,
            status="submitted",
            goals=["reputation"],
            audience="Patients",
            created_by=self.admin_a,
            submitted_by=self.admin_a,
            submitted_at=timezone.now(),
        )


def _edit(world) -> str:
    return reverse("coaching:staff_coach_edit", args=[world.coaches_profile.public_id])


def _assign(world) -> str:
    return reverse("coaching:staff_assign", args=[world.coaches_intake.public_id])


def _own_profile_saved(world) -> bool:
    from socialrx.coaching.models import CoachProfile  # noqa: PLC0415

    return CoachProfile.objects.filter(headline="Matrix headline").exists()


def _profile_made(world) -> bool:
    from socialrx.coaching.models import CoachProfile  # noqa: PLC0415

    return CoachProfile.objects.filter(user=world.coaches_unprofiled).exists()


def _profile_edited(world) -> bool:
    world.coaches_profile.refresh_from_db()
    return world.coaches_profile.headline == "Matrix headline"


def _assigned(world) -> bool:
    world.coaches_intake.refresh_from_db()
    return world.coaches_intake.assigned_coach_id == world.coaches_profile.user_id


ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:coach_profile": (
        get(fixed("/coaching/coach/profile/"), COACH_ONLY),
        post(
            fixed("/coaching/coach/profile/"),
            COACH_ONLY_ACTION,
            data=lambda world: PROFILE_FORM,
            effect=_own_profile_saved,
        ),
    ),
    "coaching:staff_coaches": (get(fixed("/staff/coaching/coaches/"), STAFF_ONLY),),
    "coaching:staff_coach_new": (
        get(fixed("/staff/coaching/coaches/new/"), STAFF_ONLY),
        post(
            fixed("/staff/coaching/coaches/new/"),
            STAFF_ACTION,
            data=lambda world: {"coach": world.coaches_unprofiled.pk},
            effect=_profile_made,
        ),
    ),
    "coaching:staff_coach_edit": (
        get(_edit, STAFF_ONLY),
        post(_edit, STAFF_ACTION, data=lambda world: PROFILE_FORM, effect=_profile_edited),
    ),
    "coaching:staff_intakes": (get(fixed("/staff/coaching/intakes/"), STAFF_ONLY),),
    "coaching:staff_assign": (
        get(_assign, STAFF_ONLY),
        post(
            _assign,
            STAFF_ACTION,
            data=lambda world: {"coach": str(world.coaches_profile.public_id)},
            effect=_assigned,
        ),
    ),
}
