"""Community's permission-matrix rows for the forums (merged in matrix_rows.py), and
`API_ROWS`, the forums' API under /api/v1/community.

Organization A is made a member organization, so member A and admin A are members; admin B,
the coach and the researcher are signed-in guests (no membership); staff are the moderators.
The members' category and its thread are "not found" for guests; the category open to guests
is read by everyone signed in, but guests do not post in it (403). Admin A asked the question
(they accept its answer); member A wrote its reply (they edit it)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    MEMBER_A,
    NOT_FOUND,
    POST_ONLY_GET,
    SIGNED_IN,
    STAFF,
    UNAUTHORIZED,
    Case,
    api_cases,
    get,
    post,
    roles,
    signed_in,
)

MEMBERS = (MEMBER_A, ADMIN_A, STAFF)
MEMBERS_PAGE = signed_in(NOT_FOUND, **dict.fromkeys(MEMBERS, ALLOW))
MEMBERS_ACTION = signed_in(NOT_FOUND, **dict.fromkeys(MEMBERS, DONE))
GUESTS_MAY_NOT_POST = signed_in(FORBIDDEN, **dict.fromkeys(MEMBERS, ALLOW))
ASKER_ACTION = signed_in(NOT_FOUND, member_a=FORBIDDEN, admin_a=DONE, staff=DONE)
AUTHOR_PAGE = signed_in(NOT_FOUND, member_a=ALLOW, admin_a=FORBIDDEN, staff=ALLOW)
MEMBERS_API = roles(FORBIDDEN, visitor=UNAUTHORIZED, **dict.fromkeys(MEMBERS, ALLOW))


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def forums_members(self):
        """Organization A made a member organization (once per case, whichever area asks)."""
        from socialrx.membership.models import Membership  # noqa: PLC0415 - only when needed
        from tests.library.factories import make_member  # noqa: PLC0415

        if not Membership.objects.filter(organization=self.org_a).exists():
            make_member(self.org_a)
        return self.org_a

    @cached_property
    def forums_category(self):
        from tests.community.factories import make_category  # noqa: PLC0415

        return make_category(name="Matrix forum", slug="matrix-forum")

    @cached_property
    def forums_open_category(self):
        from tests.community.factories import make_category  # noqa: PLC0415

        return make_category(name="Matrix open forum", slug="matrix-open", open_to_guests=True)

    @cached_property
    def forums_thread(self):
        from tests.community.factories import make_thread  # noqa: PLC0415

        self.forums_members  # noqa: B018 - organization A is a member before the request
        return make_thread(
            category=self.forums_category,
            author=self.admin_a,
            kind="question",
            title="Matrix question",
            replies=[(self.member_a, "Matrix answer.")],
        )

    @cached_property
    def forums_reply(self):
        return self.forums_thread.posts.get(number=2)


def _category(attribute: str, suffix: str = ""):
    def url(world) -> str:
        world.forums_members  # noqa: B018 - organization A is a member before the request
        return reverse("community:category", args=[getattr(world, attribute).slug]) + suffix

    return url


def _named_category(name: str, attribute: str = "forums_category"):
    def url(world) -> str:
        world.forums_members  # noqa: B018
        return reverse(name, args=[getattr(world, attribute).slug])

    return url


def _thread(name: str):
    return lambda world: reverse(name, args=[world.forums_thread.public_id])


def _post(name: str):
    return lambda world: reverse(name, args=[world.forums_reply.pk])


def _home(path: str):
    def url(world) -> str:
        world.forums_members  # noqa: B018
        return path

    return url


def _by_them(model_filter):
    return lambda world: world.user is not None and model_filter(world).exists()


def _threads_started(world):
    from socialrx.community.models import Thread  # noqa: PLC0415

    return Thread.objects.filter(author=world.user, title="Matrix new thread")


def _replies(world):
    return world.forums_thread.posts.filter(author=world.user, body="Matrix reply")


def _category_follows(world):
    return world.forums_category.follows.filter(user=world.user)


def _thread_follows(world):
    return world.forums_thread.follows.filter(user=world.user, thread=world.forums_thread)


def _accepted(world) -> bool:
    from socialrx.community.models import Thread  # noqa: PLC0415

    return Thread.objects.get(pk=world.forums_thread.pk).accepted_post_id is not None


NEW_THREAD = {"kind": "question", "title": "Matrix new thread", "body": "Matrix body."}

ROWS: dict[str, tuple[Case, ...]] = {
    "community:home": (get(_home("/community/"), SIGNED_IN),),
    "community:search": (get(_home("/community/search/?q=matrix"), SIGNED_IN),),
    "community:category": (
        get(_category("forums_category"), MEMBERS_PAGE),
        get(_category("forums_open_category"), SIGNED_IN, label="GET the guests' category"),
    ),
    "community:new_thread": (
        get(_named_category("community:new_thread"), MEMBERS_PAGE),
        get(
            _named_category("community:new_thread", "forums_open_category"),
            GUESTS_MAY_NOT_POST,
            label="GET in the guests' category",
        ),
        post(
            _named_category("community:new_thread"),
            MEMBERS_ACTION,
            label="POST, start a thread",
            data=lambda world: NEW_THREAD,
            effect=_by_them(_threads_started),
        ),
    ),
    "community:follow_category": (
        get(_named_category("community:follow_category"), POST_ONLY_GET),
        post(
            _named_category("community:follow_category"),
            MEMBERS_ACTION,
            label="POST, follow it",
            data=lambda world: {"follow": "1"},
            effect=_by_them(_category_follows),
        ),
    ),
    "community:thread": (get(_thread("community:thread"), MEMBERS_PAGE),),
    "community:reply": (
        get(_thread("community:reply"), POST_ONLY_GET),
        post(
            _thread("community:reply"),
            MEMBERS_ACTION,
            label="POST, reply",
            data=lambda world: {"body": "Matrix reply"},
            effect=_by_them(_replies),
        ),
    ),
    "community:accept_answer": (
        get(_thread("community:accept_answer"), POST_ONLY_GET),
        post(
            _thread("community:accept_answer"),
            ASKER_ACTION,
            label="POST, accept reply #2",
            data=lambda world: {"post": "2", "accept": "1"},
            effect=_accepted,
        ),
    ),
    "community:follow_thread": (
        get(_thread("community:follow_thread"), POST_ONLY_GET),
        post(
            _thread("community:follow_thread"),
            MEMBERS_ACTION,
            label="POST, follow it",
            data=lambda world: {"follow": "1"},
            effect=_by_them(_thread_follows),
        ),
    ),
    "community:post": (get(_post("community:post"), MEMBERS_ACTION),),
    "community:edit_post": (get(_post("community:edit_post"), AUTHOR_PAGE),),
}

API = "/api/v1/community"


def _api_thread(world) -> str:
    return f"{API}/threads/{world.forums_thread.public_id}"


API_ROWS: dict[str, tuple[Case, ...]] = {
    f"GET {API}/threads": api_cases(_home(f"{API}/threads"), MEMBERS_API),
    f"GET {API}/threads/<public_id>": api_cases(_api_thread, MEMBERS_API),
}
