"""What the permission matrix is written in: roles, outcomes, cases, and the per-test World.

Each app keeps its rows in `tests/<app>/matrix_rows.py`:

    ROWS        {route: (Case, ...)}, one row per route the app serves (URL name, or pattern
                when unnamed; one row per method for API operations)
    WORLD_DATA  optional: a class of `cached_property`s building the app's data for a case
                (`world.invoice_a`); the central test mixes every app's into `World`
    EXTRA_ROWS  optional: rows for what no URL pattern serves (middleware)

`tests/test_permission_matrix.py` collects them, runs every case for every role, and fails for a
route without a row.

Outcomes:
    ALLOW        2xx
    DONE         3xx to a page other than a login page (a POST action went through)
    LOGIN        302 to the sign-in page (/accounts/login/)
    ADMIN_LOGIN  302 to Django admin's sign-in page
    FORBIDDEN    403
    NOT_FOUND    404 (org pages answer 404 for "not yours", so ids cannot be probed)
    METHOD       405 (GET on a POST-only action)
    UNAUTHORIZED 401 (API without a session or token)
    redirect_to(path), status(code): behaviour recorded as observed (allauth, legacy routes)

A POST case may name its side effect; the test then also checks that the effect happened exactly
for the roles whose outcome grants access, so a denied POST that still changes data fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from urllib.parse import urlsplit

from django.urls import reverse

from socialrx.accounts.models import ApiToken, User
from socialrx.accounts.services import create_api_token
from socialrx.organizations.models import Organization
from tests.factories import UserFactory

ROLES = ("visitor", "member_a", "admin_a", "admin_b", "coach", "researcher", "staff")
VISITOR, MEMBER_A, ADMIN_A, ADMIN_B, COACH, RESEARCHER, STAFF = ROLES
SIGNED_IN_ROLES = ROLES[1:]

LOGIN_PATH = "/accounts/login/"
ADMIN_LOGIN_PATH = "/admin/login/"


# --- outcomes ---------------------------------------------------------------------------------


def _location_path(response) -> str | None:
    location = response.headers.get("Location")
    return urlsplit(location).path if location else None


@dataclass(frozen=True)
class Outcome:
    label: str
    check: Callable = field(compare=False, repr=False)
    grants: bool = False  # the request was carried out (a POST case's effect must happen)

    def matches(self, response) -> bool:
        return bool(self.check(response))

    def __str__(self) -> str:
        return self.label


def status(code: int) -> Outcome:
    return Outcome(str(code), lambda response: response.status_code == code)


def redirect_to(path: str) -> Outcome:
    return Outcome(
        f"redirect→{path}",
        lambda response: response.status_code in (301, 302) and _location_path(response) == path,
    )


ALLOW = Outcome("ALLOW", lambda response: 200 <= response.status_code < 300, grants=True)
DONE = Outcome(
    "DONE",
    lambda response: (
        300 <= response.status_code < 400
        and _location_path(response) not in (LOGIN_PATH, ADMIN_LOGIN_PATH)
    ),
    grants=True,
)
LOGIN = Outcome(
    "LOGIN",
    lambda response: response.status_code == 302 and _location_path(response) == LOGIN_PATH,
)
ADMIN_LOGIN = Outcome(
    "ADMIN_LOGIN",
    lambda response: response.status_code == 302 and _location_path(response) == ADMIN_LOGIN_PATH,
)
UNAUTHORIZED = status(401)
FORBIDDEN = status(403)
NOT_FOUND = status(404)
METHOD = status(405)


def roles(default: Outcome, **by_role: Outcome) -> Mapping[str, Outcome]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return MappingProxyType({role: by_role.get(role, default) for role in ROLES})


def everyone(outcome: Outcome) -> Mapping[str, Outcome]:
    return roles(outcome)


def signed_in(
    outcome: Outcome, *, visitor: Outcome = LOGIN, **by_role: Outcome
) -> Mapping[str, Outcome]:
    return roles(outcome, visitor=visitor, **by_role)


def only(*allowed: str, grant: Outcome, deny: Outcome) -> Mapping[str, Outcome]:
    return roles(deny, visitor=LOGIN, **dict.fromkeys(allowed, grant))


# The policies of the apps' rules, as rows of outcomes.
PUBLIC = everyone(ALLOW)
SIGNED_IN = signed_in(ALLOW)
STAFF_ONLY = only(STAFF, grant=ALLOW, deny=FORBIDDEN)
STAFF_ONLY_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)
ORG_A_VIEWERS = only(MEMBER_A, ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
ORG_A_MANAGERS = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
ORG_A_MANAGER_ACTION = only(ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)
POST_ONLY_GET = signed_in(METHOD)
HAS_TOTP = (COACH, RESEARCHER, STAFF)  # the center-role fixtures have an authenticator app


# --- per-test data ----------------------------------------------------------------------------


class World:
    """The data one case sees, built fresh for each test and only as far as the case needs.

    What every row may use lives here (the person making the request, organizations A and B,
    API tokens); each app's `WORLD_DATA` adds its own, see `world_class`."""

    def __init__(self, request, role: str):
        self._request = request
        self.role = role
        self.org_a, self.admin_a, self.member_a = request.getfixturevalue("org_a")

    def _fixture(self, name):
        return self._request.getfixturevalue(name)

    def add_finalizer(self, finalizer: Callable[[], None]) -> None:
        """Run `finalizer` after the test (to remove files a case wrote outside the database)."""
        self._request.addfinalizer(finalizer)

    @cached_property
    def user(self) -> User | None:
        return {
            VISITOR: lambda: None,
            MEMBER_A: lambda: self.member_a,
            ADMIN_A: lambda: self.admin_a,
            ADMIN_B: lambda: self._fixture("org_b")[1],
            COACH: lambda: self._fixture("coach"),
            RESEARCHER: lambda: self._fixture("researcher"),
            STAFF: lambda: self._fixture("staff"),
        }[self.role]()

    @cached_property
    def org_b(self) -> Organization:
        return self._fixture("org_b")[0]

    @cached_property
    def own_token(self) -> tuple[ApiToken | None, str]:
        """The requesting person's API token and its raw value; a well-formed unknown value
        for the visitor."""
        if self.user is None:
            return None, ApiToken.PREFIX + "not-a-real-token-at-all-0000000000000"
        return create_api_token(user=self.user, name="Reporting script")

    @property
    def own_token_id(self) -> int:
        """The requesting person's token id (for the visitor: any existing token's id)."""
        token = self.own_token[0]
        return token.pk if token is not None else self.outsiders_token.pk

    @cached_property
    def outsiders_token(self) -> ApiToken:
        return create_api_token(user=UserFactory(), name="Someone else's script")[0]


def world_class(data: Iterable[type]) -> type[World]:
    """`World` with every app's data mixed in; two apps may not name the same thing."""
    data = tuple(data)
    seen: dict[str, type] = {}
    for mixin in data:
        for name in vars(mixin):
            if name.startswith("__"):
                continue
            assert name not in seen and not hasattr(World, name), (
                f"{mixin.__name__}.{name} is also defined by "
                f"{seen.get(name, World).__name__}: give it a name of its own"
            )
            seen[name] = mixin
    return type("World", (*data, World), {})


def org_a(world: World) -> str:
    return str(world.org_a.public_id)


# --- cases and rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    label: str
    url: Callable[[World], str]
    expect: Mapping[str, Outcome]
    method: str = "get"
    data: Callable[[World], dict] | None = None
    bearer: bool = False  # authenticate with the person's API token instead of the session
    settings: Mapping[str, object] = field(default_factory=dict)
    # Whether the POST took effect; checked against the outcome's `grants` (or effect_roles).
    effect: Callable[[World], bool] | None = None
    effect_roles: frozenset[str] | None = None


def get(url, expect, label="GET", **kwargs) -> Case:
    return Case(label, url, expect, **kwargs)


def post(url, expect, label="POST", **kwargs) -> Case:
    return Case(label, url, expect, method="post", **kwargs)


def fixed(path: str) -> Callable[[World], str]:
    return lambda world: path


def named(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def post_only(url, expect, **kwargs) -> tuple[Case, ...]:
    """A POST-only action: GET is refused with 405 (after the login check), POST is decided."""
    return (get(url, POST_ONLY_GET), post(url, expect, **kwargs))


def api_cases(url, expect: Mapping[str, Outcome]) -> tuple[Case, ...]:
    """API operations are checked with the browser session and with a personal API token."""
    return (
        get(url, expect, label="session"),
        get(url, expect, label="bearer token", bearer=True),
    )


SIGNED_IN_API = signed_in(ALLOW, visitor=UNAUTHORIZED)
ORG_A_MANAGERS_API = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND) | {VISITOR: UNAUTHORIZED}
