"""The kernel knows no app: `socialrx.core` imports nothing from the apps, so research, the
library or the community can use its tools (tables, platforms, charts, geography…) without
depending on the registry or organizations, and an app can be removed without breaking core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import socialrx.core

pytestmark = pytest.mark.unit

CORE = Path(socialrx.core.__file__).parent


def imported_modules(path: Path) -> list[str]:
    """The absolute modules a source file imports, at any depth (lazy imports too)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_core_imports_no_module_of_an_app():
    outside = sorted(
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.startswith("socialrx.") and name.split(".")[1] != "core"
    )

    assert outside == []
