"""Boot camps' rows of the permission matrix (merged by the lead into training's
matrix_rows.py): the public page and calendar, registering, the waitlist and its claim link,
cancelling a seat, and the staff back office (the roster also for the boot camp's trainer,
who is the matrix's coach)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.training.models import BootCamp, Registration, WaitlistEntry
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    POST_ONLY_GET,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    STAFF_ONLY,
    Case,
    get,
    only,
    post,
    roles,
    signed_in,
    status,
)

ROSTER_KEEPERS = only(STAFF, COACH, grant=ALLOW, deny=FORBIDDEN)
ROSTER_KEEPER_ACTION = only(STAFF, COACH, grant=DONE, deny=FORBIDDEN)
STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)


class Data:
    """The boot camps a case needs (mixed into the matrix's `World`)."""

    @cached_property
    def bc_camp(self) -> BootCamp:
        """Published, with room, taught by the matrix's coach."""
        from tests.training.factories import make_boot_camp  # noqa: PLC0415 - only when a case needs it

        camp = make_boot_camp(title="Matrix boot camp", capacity=10)
        camp.trainers.add(self._fixture("coach"))
        return camp

    @cached_property
    def bc_full_camp(self) -> BootCamp:
        from socialrx.training.services.boot_camp_registration import book  # noqa: PLC0415
        from tests.factories import UserFactory  # noqa: PLC0415
        from tests.training.factories import make_boot_camp  # noqa: PLC0415

        camp = make_boot_camp(title="Matrix full camp", capacity=1)
        holder = UserFactory()
        book(holder, camp, [holder])
        return camp

    @cached_property
    def bc_draft_camp(self) -> BootCamp:
        from tests.training.factories import make_boot_camp  # noqa: PLC0415

        return make_boot_camp(title="Matrix draft camp", status="draft")

    @cached_property
    def bc_registration_a(self) -> Registration:
        """Member A's seat, booked by admin A for organization A."""
        from socialrx.training.services.boot_camp_registration import book  # noqa: PLC0415

        booking = book(self.admin_a, self.bc_camp, [self.member_a], organization=self.org_a)
        return booking.registrations.get()

    @cached_property
    def bc_offer_a(self) -> WaitlistEntry:
        """A seat offered to member A on the waitlist of a full camp."""
        from socialrx.training.services.boot_camp_registration import (  # noqa: PLC0415
            book,
            cancel_registration,
        )
        from socialrx.training.services.waitlist import join_waitlist  # noqa: PLC0415
        from tests.factories import UserFactory  # noqa: PLC0415
        from tests.training.factories import make_boot_camp  # noqa: PLC0415

        camp = make_boot_camp(title="Matrix offer camp", capacity=1)
        holder = UserFactory()
        booking = book(holder, camp, [holder])
        join_waitlist(self.member_a, camp)
        cancel_registration(holder, booking.registrations.get())
        return WaitlistEntry.objects.get(boot_camp=camp, person=self.member_a)


def _camp(world) -> str:
    return world.bc_camp.slug


def _url(name: str, attribute: str = "bc_camp"):
    return lambda world: reverse(name, args=[getattr(world, attribute).slug])


def _register_for_org_a(world) -> str:
    return reverse("training:boot_camp_register", args=[_camp(world)]) + (
        f"?for={world.org_a.public_id}"
    )


def _claim(world) -> str:
    entry = world.bc_offer_a
    return reverse("training:waitlist_claim", args=[entry.public_id, entry.claim_token])


def _cancel(world) -> str:
    return reverse("training:registration_cancel", args=[world.bc_registration_a.public_id])


def _attendance(world) -> str:
    day = world.bc_camp.days.order_by("starts_at").first()
    return reverse("training:staff_attendance", args=[world.bc_camp.slug, day.pk])


def _registered(world) -> bool:
    return Registration.objects.filter(boot_camp=world.bc_camp, person=world.user).exists()


def _waiting(world) -> bool:
    return WaitlistEntry.objects.filter(boot_camp=world.bc_full_camp, person=world.user).exists()


def _cancelled(world) -> bool:
    world.bc_registration_a.refresh_from_db()
    return world.bc_registration_a.status == "cancelled"


def _claimed(world) -> bool:
    world.bc_offer_a.refresh_from_db()
    return world.bc_offer_a.status == "claimed"


def _status_of(attribute: str, value: str):
    def check(world) -> bool:
        camp = getattr(world, attribute)
        camp.refresh_from_db()
        return camp.status == value

    return check


SIGNED_IN_DONE = signed_in(DONE)
CLAIMANT_ONLY = roles(status(400), visitor=LOGIN, member_a=ALLOW)
CANCELLERS = only(MEMBER_A, ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)

ROWS: dict[str, tuple[Case, ...]] = {
    "training:boot_camp": (
        get(_url("training:boot_camp"), PUBLIC),
        get(
            _url("training:boot_camp", "bc_draft_camp"),
            roles(NOT_FOUND, staff=ALLOW),
            label="GET a draft",
        ),
    ),
    "training:boot_camp_ics": (get(_url("training:boot_camp_ics"), PUBLIC),),
    "training:boot_camp_register": (
        get(_url("training:boot_camp_register"), SIGNED_IN),
        get(
            _register_for_org_a,
            only(ADMIN_A, grant=ALLOW, deny=NOT_FOUND),
            label="GET for organization A",
        ),
        post(
            _url("training:boot_camp_register"),
            SIGNED_IN_DONE,
            label="POST, oneself",
            effect=_registered,
        ),
    ),
    "training:waitlist_join": (
        get(_url("training:waitlist_join", "bc_full_camp"), POST_ONLY_GET),
        post(
            _url("training:waitlist_join", "bc_full_camp"),
            SIGNED_IN_DONE,
            effect=_waiting,
        ),
    ),
    "training:waitlist_claim": (
        get(_claim, CLAIMANT_ONLY),
        post(
            _claim,
            roles(status(400), visitor=LOGIN, member_a=DONE),
            effect=_claimed,
            effect_roles=frozenset({MEMBER_A}),
        ),
    ),
    "training:registration_cancel": (
        get(_cancel, POST_ONLY_GET),
        post(_cancel, CANCELLERS, effect=_cancelled),
    ),
    "training:staff_boot_camps": (get(lambda w: reverse("training:staff_boot_camps"), STAFF_ONLY),),
    "training:staff_boot_camp_new": (
        get(lambda w: reverse("training:staff_boot_camp_new"), STAFF_ONLY),
    ),
    "training:staff_boot_camp_edit": (get(_url("training:staff_boot_camp_edit"), STAFF_ONLY),),
    "training:staff_boot_camp_days": (get(_url("training:staff_boot_camp_days"), STAFF_ONLY),),
    "training:staff_boot_camp_publish": (
        get(_url("training:staff_boot_camp_publish", "bc_draft_camp"), POST_ONLY_GET),
        post(
            _url("training:staff_boot_camp_publish", "bc_draft_camp"),
            STAFF_ACTION,
            effect=_status_of("bc_draft_camp", "published"),
        ),
    ),
    "training:staff_boot_camp_cancel": (
        get(_url("training:staff_boot_camp_cancel"), STAFF_ONLY),
        post(
            _url("training:staff_boot_camp_cancel"),
            STAFF_ACTION,
            data=lambda world: {"reason": "The room flooded."},
            effect=_status_of("bc_camp", "cancelled"),
        ),
    ),
    "training:staff_roster": (get(_url("training:staff_roster"), ROSTER_KEEPERS),),
    "training:staff_attendance": (get(_attendance, ROSTER_KEEPERS),),
    "training:staff_boot_camp_complete": (
        get(_url("training:staff_boot_camp_complete"), POST_ONLY_GET),
        post(_url("training:staff_boot_camp_complete"), ROSTER_KEEPER_ACTION),
    ),
}
