"""The access kernel: how SocialRx decides, not what each app allows.

Each app declares its own predicates and named permissions in its `rules.py` (loaded by its
AppConfig.ready), composing the role predicates below with django-rules' `|` and `&`. Views use
`require(user, perm, obj)`, the API uses `allowed(...)`, templates use `{% has_perm %}` from
rules' template tags: all three ask the same rules, so nobody re-derives roles. A system check
(`core.checks`) fails when code asks for a name no app declared.

The kernel knows no app: organization roles are read through `apps.get_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import rules
from django.apps import apps
from django.core.exceptions import PermissionDenied

T = TypeVar("T")

# --- per-request facts about a person -------------------------------------------------------

# One attribute on the user object holds every cached fact ({key: value}); the user object
# lives for one request, so the facts do too.
_FACTS = "_socialrx_facts"


def person_cache(user, key: str, loader: Callable[[], T]) -> T:
    """The fact `key` about `user`, loaded once per user object by `loader()`.

    Keys are namespaced by the owning app ("organizations.roles", "registry.claims"), and
    `forget(user, key)` drops one, so a service that changes the fact can have it reloaded."""
    facts = getattr(user, _FACTS, None)
    if facts is None:
        facts = {}
        setattr(user, _FACTS, facts)  # through request.user's lazy wrapper to the user itself
    if key not in facts:
        facts[key] = loader()
    return facts[key]


def forget(user, key: str | None = None) -> None:
    """Drop one cached fact about `user` (or all of them, without a key)."""
    facts = getattr(user, _FACTS, None)
    if not facts:
        return
    if key is None:
        facts.clear()
    else:
        facts.pop(key, None)


# --- organization roles ---------------------------------------------------------------------

ORG_ROLES = "organizations.roles"


def org_roles(user) -> dict[int, str]:
    """{organization id: org role} for the user, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}

    def load() -> dict[int, str]:
        seat = apps.get_model("organizations", "Seat")
        return dict(seat.objects.filter(user_id=user.pk).values_list("organization_id", "role"))

    return person_cache(user, ORG_ROLES, load)


def forget_org_roles(user) -> None:
    """Call after changing a person's seats so the next check reloads them."""
    forget(user, ORG_ROLES)


# --- role predicates ------------------------------------------------------------------------

is_authenticated = rules.is_authenticated


@rules.predicate
def is_center_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff and user.is_active)


@rules.predicate
def is_coach(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coach)


@rules.predicate
def is_researcher(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_researcher)


@rules.predicate
def is_org_member(user, organization) -> bool:
    return organization is not None and organization.pk in org_roles(user)


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return organization is not None and org_roles(user).get(organization.pk) == "admin"


# --- named permissions ----------------------------------------------------------------------


def declare(permissions: Mapping[str, rules.Predicate]) -> None:
    """Register an app's named permissions ("app_label.verb_noun": predicate); called once,
    from the app's rules.py. A name declared twice is an error."""
    for name, predicate in permissions.items():
        rules.add_perm(name, predicate)


def declared() -> frozenset[str]:
    """Every permission name the apps have declared."""
    return frozenset(rules.permissions.permissions)


def allowed(user, perm: str, obj=None) -> bool:
    return rules.has_perm(perm, user, obj)


def require(user, perm: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` holds `perm` (on `obj`)."""
    if not allowed(user, perm, obj):
        raise PermissionDenied(f"You do not have permission to do this ({perm}).")
