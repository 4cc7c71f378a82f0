"""The permission matrix: every route × every role → the expected outcome.

Each app keeps its rows beside its own tests, in `tests/<app>/matrix_rows.py` (see
`tests/permission_matrix_kit.py` for what a row holds and the outcomes). This module collects
them, runs every case for every role, and `test_every_route_has_a_row` walks the URL resolver
and fails for a route without a row (and for a row whose route is gone), so a new page or API
operation cannot ship without its line.

Django admin is one row, built here from the admin registry: every /admin/ route is staff-only,
checked on a sample of concrete admin URLs (index, login, logout, password change, unknown
pages and an object's change page for every role; every registered model's changelist and add
view for staff and one signed-in person who is not staff).

Deviations from the intended policy that are known and reported are strict xfails listed in
`KNOWN_DEVIATIONS` (an xfail that starts passing fails, so the list stays honest).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from socialrx.api.api import api
from tests.admin_policy import STAFF_VIEWABLE
from tests.permission_matrix_kit import (
    ADMIN_LOGIN,
    ALLOW,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    METHOD,
    NOT_FOUND,
    ROLES,
    STAFF,
    Case,
    Outcome,
    fixed,
    get,
    named,
    redirect_to,
    roles,
    world_class,
)
from tests.route_inventory import all_routes, api_operations_from_schema

pytestmark = [
    pytest.mark.integration,
    pytest.mark.matrix,
    # WhiteNoise warns, for every test client, that STATIC_ROOT has not been collected.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ADMIN_ROW = "admin/*"
ADMIN_PREFIX = "admin/"


# --- the apps' rows ---------------------------------------------------------------------------


def _row_modules() -> tuple[ModuleType, ...]:
    """Every `tests/<app>/matrix_rows.py`, in name order."""
    tests = Path(__file__).parent
    return tuple(
        importlib.import_module(f"{tests.name}.{path.parent.name}.matrix_rows")
        for path in sorted(tests.glob("*/matrix_rows.py"))
    )


ROW_MODULES = _row_modules()
World = world_class(module.WORLD_DATA for module in ROW_MODULES if hasattr(module, "WORLD_DATA"))

MATRIX: dict[str, tuple[Case, ...]] = {}
EXTRA_ROWS: dict[str, tuple[Case, ...]] = {}
for _module in ROW_MODULES:
    MATRIX.update(_module.ROWS)
    EXTRA_ROWS.update(getattr(_module, "EXTRA_ROWS", {}))


# --- Django admin: staff only ---------------------------------------------------------------

NON_STAFF_ADMIN = roles(ADMIN_LOGIN, staff=ALLOW)
# Every model's pages are asked by staff and by one signed-in person who is not staff: the
# admin decides on is_staff alone, and every role meets that decision on the index, login,
# logout, password change, unknown and change pages.
ADMIN_MODEL_ROLES = (MEMBER_A, STAFF)


def _for_model(expect: Mapping[str, Outcome]) -> Mapping[str, Outcome]:
    return {role: expect[role] for role in ADMIN_MODEL_ROLES}


def _admin_cases() -> tuple[Case, ...]:
    cases = [
        get(named("admin:index"), NON_STAFF_ADMIN, label="index"),
        # Admin sign-in goes through allauth's (MFA, lockout).
        get(
            named("admin:login"),
            roles(FORBIDDEN, visitor=LOGIN, staff=redirect_to("/admin/")),
            label="login",
        ),
        get(named("admin:logout"), roles(redirect_to("/admin/"), staff=METHOD), label="logout"),
        get(named("admin:password_change"), NON_STAFF_ADMIN, label="password_change"),
        get(fixed("/admin/no-such-page/"), roles(ADMIN_LOGIN, staff=NOT_FOUND), label="unknown"),
        get(
            lambda world: reverse("admin:organizations_organization_change", args=[world.org_a.pk]),
            NON_STAFF_ADMIN,
            label="organizations.organization change",
        ),
    ]
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label_lower):
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        cases.append(
            get(
                named(f"{prefix}_changelist"),
                # Staff see an allow-list of models: never second factors, tokens, sessions.
                _for_model(
                    NON_STAFF_ADMIN
                    if opts.label_lower in STAFF_VIEWABLE
                    else roles(ADMIN_LOGIN, staff=FORBIDDEN)
                ),
                label=f"{opts.label_lower} changelist",
            )
        )
        # Center staff look and search in the admin; changes go through the audited pages.
        cases.append(
            get(
                named(f"{prefix}_add"),
                _for_model(roles(ADMIN_LOGIN, staff=FORBIDDEN)),
                label=f"{opts.label_lower} add",
            )
        )
    return tuple(cases)


MATRIX[ADMIN_ROW] = _admin_cases()


# --- known deviations from the intended policy (reported, not yet fixed) ---------------------

KNOWN_DEVIATIONS: dict[tuple[str, str, str], str] = {}


# --- the tests --------------------------------------------------------------------------------


def _all_rows() -> dict[str, tuple[Case, ...]]:
    return {**MATRIX, **EXTRA_ROWS}


def _params():
    for route, cases in _all_rows().items():
        for case in cases:
            for role in (role for role in ROLES if role in case.expect):
                marks = []
                if reason := KNOWN_DEVIATIONS.get((route, case.label, role)):
                    marks.append(
                        pytest.mark.xfail(reason=reason, strict=True, raises=AssertionError)
                    )
                yield pytest.param(
                    route, case, role, id=f"{route} | {case.label} | {role}", marks=marks
                )


def _describe(response) -> str:
    location = response.headers.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


@pytest.mark.parametrize(("route", "case", "role"), list(_params()))
def test_permission_matrix(route, case: Case, role, request, settings, db):
    # `db` is requested here, not only through World's getfixturevalue("org_a"): pytest-django
    # must set up database access before the test starts.
    for name, value in case.settings.items():
        setattr(settings, name, value)
    world = World(request, role)
    client = Client()
    headers = {}
    if case.bearer:
        headers["Authorization"] = f"Bearer {world.own_token[1]}"
    elif world.user is not None:
        client.force_login(world.user)
    url = case.url(world)
    data = case.data(world) if case.data else None
    response = getattr(client, case.method)(url, data, headers=headers)

    expected = case.expect[role]
    assert expected.matches(response), (
        f"{case.method.upper()} {url} as {role}: expected {expected}, got {_describe(response)}"
    )
    if case.effect is not None:
        should_happen = (
            role in case.effect_roles if case.effect_roles is not None else expected.grants
        )
        assert case.effect(world) is should_happen, (
            f"{case.method.upper()} {url} as {role}: the action "
            f"{'did not take' if should_happen else 'took'} effect"
        )


def test_every_route_has_a_row():
    routes = all_routes()
    identifiers = [
        route.identifier for route in routes if not route.pattern.startswith(ADMIN_PREFIX)
    ]
    duplicates = sorted({i for i in identifiers if identifiers.count(i) > 1})
    assert not duplicates, f"Routes share an identifier (give them distinct names): {duplicates}"

    missing = sorted(set(identifiers) - MATRIX.keys())
    stale = sorted(MATRIX.keys() - set(identifiers) - {ADMIN_ROW})
    assert not missing, f"Routes without a row in the permission matrix: {missing}"
    assert not stale, f"Rows for routes that no longer exist: {stale}"
    assert any(route.pattern.startswith(ADMIN_PREFIX) for route in routes), (
        f"{ADMIN_ROW} has a row but the admin is not mounted at /{ADMIN_PREFIX}"
    )


def test_every_api_operation_has_a_row():
    """Cross-check the resolver walk against the OpenAPI document."""
    documented = {f"{method} {path}" for method, path in api_operations_from_schema(api)}
    missing = sorted(documented - MATRIX.keys())
    assert not missing, f"API operations without a row in the permission matrix: {missing}"
    assert documented, "the OpenAPI document lists no operations: is the API mounted?"


def test_every_case_names_every_role():
    for route, cases in _all_rows().items():
        labels = [case.label for case in cases]
        assert len(labels) == len(set(labels)), f"{route}: case labels repeat: {labels}"
        for case in cases:
            assert set(case.expect) == set(ROLES) or (
                route == ADMIN_ROW and set(case.expect) == set(ADMIN_MODEL_ROLES)
            ), f"{route} | {case.label}: roles missing"


def test_no_route_has_rows_in_two_apps():
    owners: dict[str, list[str]] = {}
    for module in ROW_MODULES:
        for route in (*module.ROWS, *getattr(module, "EXTRA_ROWS", {})):
            owners.setdefault(route, []).append(module.__name__)
    shared = {route: names for route, names in owners.items() if len(names) > 1}

    assert not shared, f"Routes with rows in more than one app: {shared}"
    assert ADMIN_ROW not in owners, f"{ADMIN_ROW} is built here, from the admin registry"


def test_known_deviations_name_real_cases():
    cases = {(route, case.label) for route, rows in _all_rows().items() for case in rows}
    unknown = sorted({(route, label) for route, label, _ in KNOWN_DEVIATIONS} - cases)
    assert not unknown, f"KNOWN_DEVIATIONS names cases that do not exist: {unknown}"
