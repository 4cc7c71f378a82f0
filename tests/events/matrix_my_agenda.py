"""Events' permission-matrix rows for "My agenda" (merged in matrix_rows.py): any signed-in
person stars sessions of published events and keeps a private feed; the feed itself needs no
sign-in (its token is the key) and refuses a wrong or revoked token for everyone.

`API_ROWS` are the events API's operations under /api/v1/events (matrix_rows.py adds them)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.events.models import AgendaFeed, StarredSession
from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    NOT_FOUND,
    PUBLIC,
    SIGNED_IN,
    SIGNED_IN_API,
    UNAUTHORIZED,
    Case,
    api_cases,
    everyone,
    fixed,
    get,
    only,
    post,
    post_only,
    signed_in,
    status,
)
from tests.permission_matrix_kit import STAFF as STAFF_ROLE

TOKEN_OF_MEMBER_A = "MatrixMemberAFeedToken0123456789abcdefghij"
REVOKED_TOKEN = "MatrixRevokedFeedToken0123456789abcdefghij"
UNKNOWN_TOKEN = "MatrixUnknownFeedToken0123456789abcdefghij"


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def my_event(self):
        from tests.events.factories import make_event  # noqa: PLC0415 - only when a case needs it

        return make_event(title="Matrix agenda summit")

    @cached_property
    def my_session(self):
        from tests.events.factories import make_session  # noqa: PLC0415

        return make_session(self.my_event, title="Matrix starred session")

    @cached_property
    def my_draft_session(self):
        from tests.events.factories import make_event, make_session  # noqa: PLC0415

        return make_session(make_event(title="Matrix agenda draft", status="draft"))

    @cached_property
    def my_feed_of_member_a(self) -> AgendaFeed:
        StarredSession.objects.create(person=self.member_a, session=self.my_session)
        return AgendaFeed.objects.create(person=self.member_a, token=TOKEN_OF_MEMBER_A)

    @cached_property
    def my_revoked_feed(self) -> AgendaFeed:
        from django.utils import timezone  # noqa: PLC0415

        return AgendaFeed.objects.create(
            person=self.admin_a, token=REVOKED_TOKEN, revoked_at=timezone.now()
        )


def _star_url(session: str):
    def url(world) -> str:
        data = getattr(world, session)
        return reverse("events:session_star", args=[data.event.slug, data.slug])

    return url


def _starred(world) -> bool:
    return world.user is not None and (
        StarredSession.objects.filter(person=world.user, session=world.my_session).exists()
    )


def _has_live_feed(world) -> bool:
    return world.user is not None and (
        AgendaFeed.objects.filter(person=world.user, revoked_at__isnull=True).exists()
    )


def _feed_url(token_of):
    return lambda world: reverse("events:agenda_feed", args=[token_of(world)])


ROWS: dict[str, tuple[Case, ...]] = {
    "events:my_agenda": (get(lambda world: reverse("events:my_agenda"), SIGNED_IN),),
    "events:session_star": (
        *post_only(
            _star_url("my_session"),
            signed_in(DONE),
            data=lambda world: {"starred": "1"},
            effect=_starred,
        ),
        post(
            _star_url("my_draft_session"),
            signed_in(NOT_FOUND),
            label="POST, a draft event's session",
            data=lambda world: {"starred": "1"},
        ),
    ),
    "events:agenda_feed_new": post_only(
        lambda world: reverse("events:agenda_feed_new"), signed_in(DONE), effect=_has_live_feed
    ),
    "events:agenda_feed": (
        get(_feed_url(lambda world: world.my_feed_of_member_a.token), PUBLIC),
        get(
            _feed_url(lambda world: world.my_revoked_feed.token),
            everyone(NOT_FOUND),
            label="GET, a revoked token",
        ),
        get(_feed_url(lambda world: UNKNOWN_TOKEN), everyone(NOT_FOUND), label="GET, wrong token"),
    ),
}


# --- the API (mounted by the lead under /api/v1/events) ----------------------------------------

API = "/api/v1/events"
DOOR_STAFF_API = only(STAFF_ROLE, grant=status(200), deny=FORBIDDEN) | {"visitor": UNAUTHORIZED}


def _api_event(suffix: str = ""):
    return lambda world: f"{API}/{world.my_event.slug}{suffix}"


def _api_draft(suffix: str = ""):
    return lambda world: f"{API}/{world.my_draft_session.event.slug}{suffix}"


API_ROWS: dict[str, tuple[Case, ...]] = {
    f"GET {API}": (get(fixed(API), PUBLIC, label="session"),),
    f"GET {API}/<slug>": (
        get(_api_event(), PUBLIC, label="session"),
        get(_api_draft(), everyone(NOT_FOUND), label="session, a draft"),
    ),
    f"GET {API}/<slug>/agenda": (
        get(_api_event("/agenda"), PUBLIC, label="session"),
        get(_api_draft("/agenda"), everyone(NOT_FOUND), label="session, a draft"),
    ),
    f"GET {API}/my/tickets": api_cases(fixed(f"{API}/my/tickets"), SIGNED_IN_API),
    f"GET {API}/my/orders": api_cases(fixed(f"{API}/my/orders"), SIGNED_IN_API),
    # The matrix posts form data, and the operation reads JSON: every signed-in role is
    # answered 400 ("Cannot parse request body") before the staff check, so this row checks
    # authentication only; staff-only (403 for others with a JSON body) is covered in
    # tests/events/test_events_api_check_in.py.
    f"POST {API}/<slug>/check-in": (
        post(
            _api_event("/check-in"),
            signed_in(status(400), visitor=UNAUTHORIZED),
            label="session, form data",
        ),
    ),
    f"GET {API}/<slug>/check-in/counts": (
        get(_api_event("/check-in/counts"), DOOR_STAFF_API, label="session"),
        get(_api_event("/check-in/counts"), DOOR_STAFF_API, label="bearer token", bearer=True),
    ),
}
