"""The layers the code keeps, enforced: import-linter's contracts (.importlinter: core imports
no app; accounts → organizations → membership → the domain apps, one way) and the rule that an
app reaches another app only through its public modules."""

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "organizations", "billing", "membership", "registry")
# What one app may import from another: its models (foreign keys), services (writes) and
# selectors (reads); demo modules share their fixed demo people with later apps' demos; billing's
# sellables is how a selling app declares what it sells.
PUBLIC_MODULES = ("models", "services", "selectors", "demo", "sellables")


def test_the_import_linter_contracts_are_kept():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_an_app_reaches_another_only_through_its_models_services_and_selectors():
    graph = grimp.build_graph("socialrx")
    offending = []
    for app in APPS:
        for other in APPS:
            if app == other:
                continue
            for found in graph.find_matching_direct_imports(
                import_expression=f"socialrx.{app}.** -> socialrx.{other}.**"
            ):
                module = found["imported"].split(".")[2]
                if module not in PUBLIC_MODULES:
                    offending.append(f"{found['importer']} -> {found['imported']}")

    assert offending == []
