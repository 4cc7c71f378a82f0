#!/usr/bin/env bash
# The whole test suite: ruff (lint and format) then pytest.
#
#   REQUIRE_BROWSER=1   fail instead of skipping when Chromium (/usr/bin/chromium) is missing
#   REQUIRE_POSTGRES=1  fail unless DATABASE_URL points at a reachable PostgreSQL
#   DATABASE_URL        postgres://… runs the suite on PostgreSQL; unset means SQLite
#
# Extra arguments go to pytest, e.g. `scripts/test.sh tests/organizations -x`.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
CHROMIUM=/usr/bin/chromium

# pytest keeps each test module's rewritten bytecode beside it unless told not to write any; with
# PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), every worker of every run
# rewrote all 400 test modules again: about 30 s of each worker's collection.
unset PYTHONDONTWRITEBYTECODE
warnings=()

loud() {
    local line
    line=$(printf '!%.0s' {1..78})
    printf '\n%s\n' "$line" >&2
    for message in "$@"; do printf '!!  %s\n' "$message" >&2; done
    printf '%s\n\n' "$line" >&2
}

fail() {
    loud "$@"
    exit 1
}

# --- what this machine can run ----------------------------------------------------------------

if [[ -x "$CHROMIUM" ]]; then
    echo "Browser tests: Chromium at $CHROMIUM"
elif [[ "${REQUIRE_BROWSER:-}" == "1" ]]; then
    fail "REQUIRE_BROWSER=1 but Chromium is not installed at $CHROMIUM." \
        "Install it (Debian: apt-get install chromium) or unset REQUIRE_BROWSER."
else
    warnings+=("Chromium not found at $CHROMIUM: the BROWSER TESTS ARE SKIPPED."
        "Install it (Debian: apt-get install chromium) to run them.")
fi

database_url="${DATABASE_URL:-}"
if [[ "$database_url" == postgres://* || "$database_url" == postgresql://* ]]; then
    if ! "$BIN/python" - "$database_url" <<'PY'
import sys

import dj_database_url
import psycopg

config = dj_database_url.parse(sys.argv[1])
params = {
    "host": config["HOST"] or None,
    "port": config["PORT"] or None,
    "user": config["USER"] or None,
    "password": config["PASSWORD"] or None,
    "connect_timeout": 5,
}
# Like Django when it creates the test database: the named database, else `postgres`.
errors = []
for dbname in dict.fromkeys([config["NAME"], "postgres"]):
    try:
        psycopg.connect(dbname=dbname, **params).close()
        break
    except psycopg.OperationalError as error:
        errors.append(str(error).strip())
else:
    print("Cannot reach PostgreSQL:", *errors, sep="\n  ", file=sys.stderr)
    sys.exit(1)
PY
    then
        fail "DATABASE_URL points at PostgreSQL, but the server cannot be reached (see above)."
    fi
    echo "Database: PostgreSQL (pytest-django creates and drops a test_… database)"
elif [[ "${REQUIRE_POSTGRES:-}" == "1" ]]; then
    fail "REQUIRE_POSTGRES=1 but DATABASE_URL is not a postgres:// URL (it is '${database_url:-unset}')."
else
    echo "Database: SQLite${database_url:+ ($database_url)}"
    warnings+=("Not running on PostgreSQL: the POSTGRESQL-ONLY TESTS ARE SKIPPED."
        "Set DATABASE_URL=postgres://user@host:5432/dbname to run them.")
fi

if ((${#warnings[@]})); then
    loud "${warnings[@]}"
fi

# --- lint, format, tests ----------------------------------------------------------------------

echo "==> ruff check"
"$BIN/ruff" check .
echo "==> ruff format --check"
"$BIN/ruff" format --check .

echo "==> import contracts (.importlinter)"
"$BIN/lint-imports" --no-cache

echo "==> makemigrations --check"
"$BIN/socialrx" makemigrations --check --dry-run -v 1 >/dev/null || fail "A model change has no migration: run \`socialrx makemigrations\`."

echo "==> pytest"
status=0
# Two workers: the machine (and CI) has two cores.
"$BIN/pytest" -n "${PYTEST_WORKERS:-2}" "$@" || status=$?

if ((status == 5)); then
    # pytest's "no tests collected".
    if (($#)); then
        echo "No test matched the selection: $*"
        status=0
    else
        loud "pytest collected no tests at all: the suite is missing or broken."
        status=1
    fi
fi

if ((${#warnings[@]})); then
    loud "Reminder: this run was incomplete." "${warnings[@]}"
fi
exit "$status"
