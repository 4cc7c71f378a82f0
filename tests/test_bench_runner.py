"""The bench runner (bench/run.py): it refuses clearly to run without PostgreSQL or without
loaded data, and writes its table between the pages markers of RESULTS.md, keeping the rest."""

import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bench.harness import report, server
from django.conf import settings

from tests.concurrency import require_postgres

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "bench" / "run.py"


def run_bench(*arguments, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RUN), *arguments],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_run_without_postgresql_says_so_and_stops():
    # Port 9 (discard) has no PostgreSQL: the connection is refused at once.
    result = run_bench("--size", "S", BENCH_POSTGRES_URL="postgres://postgres@127.0.0.1:9/postgres")

    assert result.returncode == 2
    assert "PostgreSQL cannot be reached" in result.stdout
    assert "BENCH_DATABASE_URL" not in result.stdout
    assert "BENCH_POSTGRES_URL" in result.stdout


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_run_at_size_l_on_a_database_without_data_says_how_to_load_it():
    require_postgres()
    # The test database: migrated, and empty for any other connection (the test's rows, none
    # here, would stay in its transaction).
    database = settings.DATABASES["default"]
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"

    result = run_bench("--size", "L", "--database-url", url)

    assert result.returncode == 2
    assert f"The database {database['NAME']!r} holds no registry data" in result.stdout
    assert "seed-scale --size L" in result.stdout


@pytest.mark.postgres
def test_a_size_s_run_never_drops_a_database_it_was_not_made_for():
    """Size S starts from an empty database; given the URL of a real one, it refuses."""
    require_postgres()
    database = settings.DATABASES["default"]
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/socialrx_dev"

    result = run_bench("--size", "S", "--database-url", url)

    assert result.returncode == 2
    assert "socialrx_dev would be dropped for it" in result.stdout
    assert "socialrx_bench_" in result.stdout


def test_the_table_replaces_only_the_pages_section(tmp_path):
    page = tmp_path / "RESULTS.md"
    page.write_text("# Benchmark results\n\n## Registry import\n\nkept as it is\n")

    report.update_results_page(page, "first table")
    report.update_results_page(page, "second table")

    assert page.read_text() == (
        "# Benchmark results\n\n## Registry import\n\nkept as it is\n\n"
        "<!-- pages:start -->\nsecond table\n<!-- pages:end -->\n"
    )


def test_the_table_marks_the_figures_that_miss_the_issues_targets_at_size_l():
    page = {
        "app": "registry",
        "name": "Hospital page",
        "url": "/registry/hospitals/240010/",
        "visitor": "anonymous",
        "public": True,
        "queries": {
            "anonymous": {"value": {"S": 8, "L": 9}, "unit": "queries"},
            "member": {"value": {"S": 14, "L": 14}, "unit": "queries"},
        },
        "requests_per_second": {"value": 40.0, "unit": "requests/s"},
        "ratio_to_ceiling": {"value": 0.2, "unit": "ratio"},
        "latency": {
            "p50": {"value": 100.0, "unit": "ms"},
            "p95": {"value": 200.0, "unit": "ms"},
            "p99": {"value": 300.0, "unit": "ms"},
        },
        "first_request": {"value": 900.0, "unit": "ms"},
        "errors": {"value": {"connect": 0, "status": 0}, "unit": "responses"},
    }

    row = report._row(page, judged=True)

    assert row == (
        "| Hospital page `/registry/hospitals/240010/` | 40.0 | 0.20 ✗ | 100.0 | 200.0 | "
        "300.0 ✗ | 900.0 | 8 / 9 ✗ | 14 / 14 | 0 |"
    )
    assert "✗" not in report._row(page, judged=False)


def test_the_next_page_waits_until_the_queue_left_by_a_load_is_answered():
    """A server whose health probe is slow for its first three answers (the queue wrk left):
    the wait lasts through them and stops at the first quick answer."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            asked.append(self.path)
            if len(asked) <= 3:
                time.sleep(0.2)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        waited = server.wait_until_idle(f"http://127.0.0.1:{httpd.server_port}", quick_ms=100)
    finally:
        httpd.shutdown()
        httpd.server_close()

    assert asked == ["/healthz"] * 4
    assert 0.6 <= waited < 5
