"""core.checks: asking for a permission no app declared fails `socialrx check`."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from socialrx.core import checks

pytestmark = pytest.mark.unit

KNOWN_USES = """
from socialrx.core.permissions import allowed, require


def _staff(request, perm):
    require(request.user, perm)


def organization_for(user, public_id, perm: str = "organizations.view_profile"):
    return allowed(user, perm)


def view(request):
    require(request.user, "core.view_audit_log")
    _staff(request, "membership.review_applications")
    organization_for(request.user, 1, "organizations.edit_profile")
    request.user.has_perm("accounts.view_user")  # Django's own model permission
"""


def _write(root, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _unknown_names(root, monkeypatch) -> list[str]:
    monkeypatch.setattr(checks, "SOURCE_ROOTS", (root,))
    return sorted(error.msg for error in checks.check_permission_names())


def test_the_project_asks_only_for_declared_permissions():
    assert checks.check_permission_names() == []


def test_the_project_passes_the_check_command():
    call_command("check", tags=["permissions"])


def test_declared_names_pass(tmp_path, monkeypatch):
    _write(tmp_path, "app/views.py", KNOWN_USES)
    _write(
        tmp_path,
        "app/templates/app/page.html",
        '{% load rules %}{% has_perm "registry.manage_accounts" user entity as can %}',
    )

    assert _unknown_names(tmp_path, monkeypatch) == []


def test_every_way_of_asking_is_read(tmp_path, monkeypatch):
    _write(
        tmp_path,
        "app/views.py",
        KNOWN_USES
        + """

def more(request, user):
    allowed(user, "app.by_allowed")
    require(user, perm="app.by_keyword")
    _staff(request, "app.through_a_helper")
    organization_for(user, 1, "app.through_a_selector")
    user.has_perm("app.by_has_perm")
    Menu(label="Queue", perm="app.in_a_declaration")


def helper(user, perm="app.as_a_default"):
    return require(user, perm)
""",
    )
    _write(tmp_path, "app/templates/app/page.html", "{% has_perm 'app.in_a_template' user %}")

    assert _unknown_names(tmp_path, monkeypatch) == sorted(
        f"Permission {name!r} is asked for, but no app declares it."
        for name in (
            "app.by_allowed",
            "app.by_keyword",
            "app.through_a_helper",
            "app.through_a_selector",
            "app.by_has_perm",
            "app.in_a_declaration",
            "app.as_a_default",
            "app.in_a_template",
        )
    )


def test_an_unknown_name_fails_the_check_command_with_its_place(tmp_path, monkeypatch):
    _write(
        tmp_path, "app/services.py", 'def f(user):\n    require(user, "registry.review_claim")\n'
    )
    monkeypatch.setattr(checks, "SOURCE_ROOTS", (tmp_path,))

    with pytest.raises(SystemCheckError) as failed:
        call_command("check", tags=["permissions"])

    assert f"{tmp_path / 'app' / 'services.py'}:2: (socialrx.E001)" in str(failed.value)


def test_other_strings_are_not_taken_for_permissions(tmp_path, monkeypatch):
    _write(
        tmp_path,
        "app/views.py",
        KNOWN_USES
        + """

def other(request, user):
    require(user, some_variable)
    allowed(user, f"app.{request.kind}")
    render(request, "app.page")
    logger.info("app.event", extra={"user": user})
""",
    )
    _write(tmp_path, "app/migrations/0001_initial.py", 'require(user, "app.in_a_migration")\n')

    assert _unknown_names(tmp_path, monkeypatch) == []
