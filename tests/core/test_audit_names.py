"""Audit actions are named `<app label>.<object>.<verb>`, the label being that of the app that
writes them, so no two apps (a seat and a paid membership, a fellowship's and a membership's
invoice) can write the same name; events written under the old names are renamed."""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

import socialrx
from socialrx.core.models import AuditEvent

SOURCE = Path(socialrx.__file__).parent

migration = importlib.import_module("socialrx.core.migrations.0004_audit_action_names")


@dataclass(frozen=True)
class Written:
    """An action name the code writes: the whole name, or for an f-string the literal text
    before its first placeholder (`membership.membership.` of `membership.membership.{status}`)."""

    name: str
    is_prefix: bool
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path.relative_to(SOURCE)}:{self.line}: {self.name}"


def _names(node: ast.expr) -> list[tuple[str, bool]]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, False)]
    if isinstance(node, ast.JoinedStr):
        prefix = ""
        for part in node.values:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                return [(prefix, True)]
            prefix += part.value
        return [(prefix, False)]
    if isinstance(node, ast.IfExp):
        return _names(node.body) + _names(node.orelse)
    return []  # a variable: its value is a literal found elsewhere (history tuples, callers)


def _function_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _receiver_name(call: ast.Call) -> str:
    receiver = getattr(call.func, "value", None)
    if isinstance(receiver, ast.Attribute):
        return receiver.attr
    return getattr(receiver, "id", "")


def _actions_in(path: Path) -> list[Written]:
    found = []
    for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(call, ast.Call):
            continue
        values = []
        if _function_name(call) != "add_argument":  # argparse's `action="store_true"`
            values += [keyword.value for keyword in call.keywords if keyword.arg == "action"]
        # Bulk imports collect (action, target, before, after) in a history list first.
        if (
            _function_name(call) == "append"
            and _receiver_name(call).endswith("history")
            and call.args
            and isinstance(call.args[0], ast.Tuple)
            and call.args[0].elts
        ):
            values.append(call.args[0].elts[0])
        found += [
            Written(name, is_prefix, path, value.lineno)
            for value in values
            for name, is_prefix in _names(value)
        ]
    return found


def written_actions() -> list[Written]:
    return [
        written
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts
        for written in _actions_in(path)
    ]


def app_label_of(path: Path) -> str:
    """The label of the installed app whose package holds `path`."""
    owners = [
        config
        for config in apps.get_app_configs()
        if Path(config.path) in path.parents or Path(config.path) == path.parent
    ]
    assert owners, f"{path} belongs to no installed app"
    return max(owners, key=lambda config: len(config.path)).label


def naming_problem(name: str, label: str, *, is_prefix: bool = False) -> str | None:
    parts = name.split(".")
    if parts[0] != label:
        return f"does not start with its app's label {label!r}"
    if label not in {config.label for config in apps.get_app_configs()}:
        return f"{label!r} is not an installed app"
    # `app.object.verb`; an f-string's literal part must reach the verb's dot at least.
    if len(parts) < 3 or any(part == "" for part in parts[: 2 if is_prefix else None]):
        return "is not <app>.<object>.<verb>"
    return None


@pytest.mark.unit
def test_the_scan_finds_the_actions_of_every_app_that_audits():
    written = written_actions()

    assert {w.name for w in written} >= {
        "accounts.user.center_roles_changed",
        "organizations.seat.joined",
        "billing.invoice.issued",
        "membership.membership.",
        "registry.entity.created",
        "registry.claim.",
    }
    assert len(written) > 40


@pytest.mark.unit
def test_every_action_starts_with_its_apps_label_and_names_an_object_and_a_verb():
    problems = [
        f"{written} {problem}"
        for written in written_actions()
        if (
            problem := naming_problem(
                written.name, app_label_of(written.path), is_prefix=written.is_prefix
            )
        )
    ]

    assert problems == []


@pytest.mark.unit
def test_no_code_writes_an_old_name():
    old = set(migration.ACTIONS)

    assert [str(w) for w in written_actions() if not w.is_prefix and w.name in old] == []


@pytest.mark.unit
def test_the_renamed_actions_follow_the_rule_and_cannot_chain():
    for old, new in migration.ACTIONS.items():
        assert naming_problem(new, new.split(".")[0]) is None, (old, new)
    assert set(migration.ACTIONS) & set(migration.ACTIONS.values()) == set()
    assert len(set(migration.ACTIONS.values())) == len(migration.ACTIONS)


# --- the data migration ---------------------------------------------------------------------

OLD_ROWS = [
    ("user.center_roles_changed", "accounts.user"),
    ("organization.created", "organizations.organization"),
    ("organization.updated", "organizations.organization"),
    ("invitation.created", "organizations.invitation"),
    ("invitation.resent", "organizations.invitation"),
    ("invitation.revoked", "organizations.invitation"),
    ("membership.joined", "organizations.orgmembership"),
    ("membership.role_changed", "organizations.orgmembership"),
    ("membership.removed", "organizations.orgmembership"),
    ("membership.activated_on_po", "membership.membership"),
    ("membership.complimentary_granted", "membership.membership"),
    ("membership.cancelled", "membership.membership"),
    ("membership.plan_changed", "membership.membership"),
    ("membership.renewal_band_changed", "membership.membership"),
    ("membership.grace", "membership.membership"),
    ("membership.lapsed", "membership.membership"),
    ("membership_application.submitted", "membership.membershipapplication"),
    ("membership_application.approved", "membership.membershipapplication"),
    ("membership_application.declined", "membership.membershipapplication"),
    ("plan.created", "membership.plan"),
    ("plan.updated", "membership.plan"),
    ("payment.recorded", "membership.payment"),
    ("invoice.issued", "membership.invoice"),
    ("invoice.voided", "membership.invoice"),
    ("registry.entity.updated", "registry.entity"),
    ("registry.import.completed", "registry.importjob"),
]

NEW_ROWS = [
    ("accounts.user.center_roles_changed", "accounts.user"),
    ("organizations.organization.created", "organizations.organization"),
    ("organizations.organization.updated", "organizations.organization"),
    ("organizations.invitation.created", "organizations.invitation"),
    ("organizations.invitation.resent", "organizations.invitation"),
    ("organizations.invitation.revoked", "organizations.invitation"),
    ("organizations.seat.joined", "organizations.seat"),
    ("organizations.seat.role_changed", "organizations.seat"),
    ("organizations.seat.removed", "organizations.seat"),
    ("membership.membership.activated_on_po", "membership.membership"),
    ("membership.membership.complimentary_granted", "membership.membership"),
    ("membership.membership.cancelled", "membership.membership"),
    ("membership.membership.plan_changed", "membership.membership"),
    ("membership.membership.renewal_band_changed", "membership.membership"),
    ("membership.membership.grace", "membership.membership"),
    ("membership.membership.lapsed", "membership.membership"),
    ("membership.application.submitted", "membership.membershipapplication"),
    ("membership.application.approved", "membership.membershipapplication"),
    ("membership.application.declined", "membership.membershipapplication"),
    ("membership.plan.created", "membership.plan"),
    ("membership.plan.updated", "membership.plan"),
    ("membership.payment.recorded", "membership.payment"),
    ("membership.invoice.issued", "membership.invoice"),
    ("membership.invoice.voided", "membership.invoice"),
    ("registry.entity.updated", "registry.entity"),
    ("registry.import.completed", "registry.importjob"),
]


def _events_written_as(rows) -> list[int]:
    return [
        AuditEvent.objects.create(
            action=action, target_type=target_type, target_id="1", target_repr="x"
        ).pk
        for action, target_type in rows
    ]


def _rows(pks) -> list[tuple[str, str]]:
    by_pk = {
        pk: (action, target_type)
        for pk, action, target_type in AuditEvent.objects.values_list("pk", "action", "target_type")
    }
    return [by_pk[pk] for pk in pks]


@pytest.mark.integration
@pytest.mark.django_db
def test_the_migration_renames_the_events_already_written():
    pks = _events_written_as(OLD_ROWS)

    migration.forwards(apps, None)

    assert _rows(pks) == NEW_ROWS


@pytest.mark.integration
@pytest.mark.django_db
def test_the_migration_runs_twice_without_renaming_again():
    pks = _events_written_as(OLD_ROWS)

    migration.forwards(apps, None)
    migration.forwards(apps, None)

    assert _rows(pks) == NEW_ROWS


@pytest.mark.integration
@pytest.mark.django_db
def test_the_migration_reverses_to_the_old_names():
    pks = _events_written_as(OLD_ROWS)
    migration.forwards(apps, None)

    migration.backwards(apps, None)

    assert _rows(pks) == OLD_ROWS
