"""Events' permission-matrix rows for the public area (merged in matrix_rows.py): anyone reads
a published (or cancelled) event, its agenda, sessions, speakers and calendar files; a draft is
"not found" for everyone but center staff."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import ALLOW, NOT_FOUND, PUBLIC, Case, get, roles

DRAFT_FOR_STAFF = roles(NOT_FOUND, staff=ALLOW)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def pub_summit(self):
        """A published two-day summit with its agenda and speakers."""
        from tests.events.public_support import make_summit  # noqa: PLC0415 - only when a case needs it

        return make_summit(title="Matrix summit")

    @cached_property
    def pub_draft(self):
        from tests.events.public_support import make_summit  # noqa: PLC0415

        return make_summit(status="draft", title="Matrix draft summit")

    @cached_property
    def pub_cancelled(self):
        from tests.events.public_support import make_summit  # noqa: PLC0415

        return make_summit(status="cancelled", title="Matrix cancelled summit")


def _event(name: str, summit: str):
    return lambda world: reverse(name, args=[getattr(world, summit).event.slug])


def _session(name: str, summit: str):
    def url(world) -> str:
        data = getattr(world, summit)
        return reverse(name, args=[data.event.slug, data.keynote.slug])

    return url


def _speaker(summit: str):
    def url(world) -> str:
        data = getattr(world, summit)
        return reverse("events:speaker", args=[data.event.slug, data.okafor.slug])

    return url


def _rows(name: str, url) -> tuple[Case, ...]:
    return (
        get(url(name, "pub_summit"), PUBLIC),
        get(url(name, "pub_cancelled"), PUBLIC, label="GET a cancelled event"),
        get(url(name, "pub_draft"), DRAFT_FOR_STAFF, label="GET a draft"),
    )


ROWS: dict[str, tuple[Case, ...]] = {
    "events:list": (get(lambda world: reverse("events:list"), PUBLIC),),
    "events:event": _rows("events:event", _event),
    "events:agenda": _rows("events:agenda", _event),
    "events:speakers": _rows("events:speakers", _event),
    "events:event_ics": _rows("events:event_ics", _event),
    "events:session": _rows("events:session", _session),
    "events:session_ics": _rows("events:session_ics", _session),
    "events:speaker": (
        get(_speaker("pub_summit"), PUBLIC),
        get(_speaker("pub_cancelled"), PUBLIC, label="GET a cancelled event"),
        get(_speaker("pub_draft"), DRAFT_FOR_STAFF, label="GET a draft"),
    ),
}
