"""An app plugs in by declaring what it brings. The reading-list app in tests/sample_app adds
its rules, demo, menu item, dashboard panel, organization tab and API router with no change to
core, organizations, membership, templates/base.html or api/; its checks run in a pytest
process of their own, on settings that install it (tests/sample_app/settings.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def test_an_app_declares_its_rules_demo_menu_panel_tab_and_api_and_they_all_work(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER"}
    }
    env["SOCIALRX_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/sample_app/plugs_in_checks.py",
            "--ds=tests.sample_app.settings",
            "-o",
            "python_files=plugs_in_checks.py",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "5 passed" in result.stdout
