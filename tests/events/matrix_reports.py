"""Events' permission-matrix rows for the reports area (merged in matrix_rows.py): the staff's
registrations list and its CSV, sales, attendance, and issuing certificates of attendance."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.events.models import Attendee, CheckIn, Event
from socialrx.training.models import Certificate
from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    POST_ONLY_GET,
    STAFF,
    STAFF_ONLY,
    Case,
    get,
    only,
    post,
    roles,
)

STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def rep_event(self) -> Event:
        """A conference that ended last week, with one registered attendee."""
        from tests.events.factories import make_attendee, make_event  # noqa: PLC0415

        event = make_event(title="Matrix reports conference", starts_in_days=-10)
        make_attendee(event, full_name="Dana Whitfield", email="dana@matrix.example")
        return event

    @cached_property
    def rep_checked_in(self) -> Attendee:
        """A checked-in attendee of `rep_event` with an account: the certificate's recipient."""
        from tests.events.factories import make_attendee  # noqa: PLC0415
        from tests.factories import UserFactory  # noqa: PLC0415

        attendee = make_attendee(self.rep_event, person=UserFactory(full_name="Ravi Patel"))
        CheckIn.objects.create(attendee=attendee, event=self.rep_event, method="search")
        return attendee


def _url(name: str):
    return lambda world: reverse(name, args=[world.rep_event.slug])


def _certificates_url(world) -> str:
    world.rep_checked_in  # noqa: B018 - someone to certify
    return reverse("events:staff_certificates", args=[world.rep_event.slug])


def _certified(world) -> bool:
    return Certificate.objects.filter(
        kind="event",
        source_public_id=world.rep_event.public_id,
        person=world.rep_checked_in.person,
    ).exists()


def _unknown(name: str):
    return lambda world: reverse(name, args=["no-such-event"])


UNKNOWN_EVENT = roles(FORBIDDEN, visitor=LOGIN, staff=NOT_FOUND)


def _staff_page(name: str) -> tuple[Case, ...]:
    return (
        get(_url(name), STAFF_ONLY),
        get(_unknown(name), UNKNOWN_EVENT, label="GET an unknown event"),
    )


ROWS: dict[str, tuple[Case, ...]] = {
    "events:staff_registrations": _staff_page("events:staff_registrations"),
    "events:staff_registrations_csv": _staff_page("events:staff_registrations_csv"),
    "events:staff_sales": _staff_page("events:staff_sales"),
    "events:staff_attendance": _staff_page("events:staff_attendance"),
    "events:staff_certificates": (
        get(_certificates_url, POST_ONLY_GET),
        post(_certificates_url, STAFF_ACTION, effect=_certified),
    ),
}
