"""The bench's PostgreSQL: reachable or a clear message, a fresh database for size S, an
already-loaded one for size L, and what a database holds."""

from __future__ import annotations

import subprocess
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
SEED_SCALE = ROOT / "src/socialrx/platform/management/commands/seed_scale.py"


class BenchError(Exception):
    """A reason the run cannot go on, said to the person running it."""


def _params(url: str, dbname: str | None = None) -> dict:
    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        raise BenchError(f"The bench runs on PostgreSQL only; {url!r} is not a postgres:// URL.")
    return {
        "dbname": dbname or config["NAME"],
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "connect_timeout": 5,
    }


def with_name(url: str, dbname: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + dbname


def require_server(url: str) -> str:
    """The server's version; a BenchError saying how to fix it when it cannot be reached."""
    try:
        with psycopg.connect(**_params(url, "postgres")) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    except psycopg.OperationalError as error:
        raise BenchError(
            "PostgreSQL cannot be reached, and the bench measures on PostgreSQL only:\n  "
            + str(error).strip().replace("\n", "\n  ")
            + "\nStart it, or point BENCH_POSTGRES_URL (or --database-url) at a server, "
            "e.g. postgres://postgres@127.0.0.1:5432/socialrx_bench_s."
        ) from None


# The only databases the bench drops and creates again: a size S load is made from nothing,
# and a URL given for it by mistake (the development database, say) must never be emptied.
RECREATABLE_PREFIX = "socialrx_bench_"


def recreate(url: str) -> None:
    name = _params(url)["dbname"]
    if not name.startswith(RECREATABLE_PREFIX):
        raise BenchError(
            f"Size S is loaded into a database made afresh, and {name} would be dropped for it: "
            f"name one that starts with {RECREATABLE_PREFIX} (e.g. socialrx_bench_s)."
        )
    with psycopg.connect(**_params(url, "postgres"), autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# name: (table, condition)
COUNTED = {
    "hospitals": ("registry_entity", "kind = 'hospital'"),
    "physicians": ("registry_entity", "kind = 'physician'"),
    "accounts": ("registry_account", ""),
    "snapshots": ("registry_snapshot", ""),
    "organizations": ("organizations_organization", ""),
    "people": ("accounts_user", ""),
}
EXACT_UP_TO = 1_000_000


def contents(url: str) -> dict[str, int]:
    """Rows of the main tables; above a million rows, the planner's estimate (counting 10M
    snapshots exactly takes seconds)."""
    counts = {}
    try:
        with psycopg.connect(**_params(url)) as connection:
            for name, (table, condition) in COUNTED.items():
                estimate = connection.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table]
                ).fetchone()
                if not condition and estimate and estimate[0] > EXACT_UP_TO:
                    counts[name] = int(estimate[0])
                    continue
                where = sql.SQL(f" WHERE {condition}" if condition else "")
                query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)) + where
                counts[name] = connection.execute(query).fetchone()[0]
    except psycopg.errors.UndefinedTable:
        return {}
    except psycopg.OperationalError as error:
        raise BenchError(f"Cannot open the database {_params(url)['dbname']!r}: {error}") from None
    return counts


def require_loaded(url: str) -> dict[str, int]:
    counts = contents(url)
    if not counts.get("hospitals"):
        raise BenchError(
            f"The database {_params(url)['dbname']!r} holds no registry data. Load size L into "
            "it first (it takes minutes), then run the bench again:\n"
            f"  DATABASE_URL={url} .venv/bin/socialrx migrate --noinput\n"
            f"  DATABASE_URL={url} .venv/bin/socialrx seed-scale --size L\n"
            "or measure another loaded database: make bench BENCH_L_DATABASE_URL=postgres://…"
        )
    return counts


def require_migrated(url: str, env: dict[str, str]) -> None:
    """A loaded database is measured as it is: one the code's migrations have not all reached
    is refused (migrating 10M rows is the operator's decision, not the bench's)."""
    command = [str(ROOT / ".venv/bin/socialrx"), "migrate", "--plan"]
    result = subprocess.run(  # noqa: S603 - the project's own command
        command, env={**env, "DATABASE_URL": url}, capture_output=True, text=True, check=False
    )
    # "Planned operations:", then each migration's name with its operations indented below.
    lines = result.stdout.splitlines()[1:]
    pending = [line for line in lines if line.strip() and not line.startswith(" ")]
    if result.returncode != 0 or pending:
        name = _params(url)["dbname"]
        raise BenchError(
            f"The database {name!r} lacks migrations of this code"
            + (f" ({', '.join(pending)})" if pending else f": {result.stderr[-500:]}")
            + f". Apply them first: DATABASE_URL={url} .venv/bin/socialrx migrate"
        )


def load_size_s(url: str, env: dict[str, str], log) -> str:
    """A fresh database with size S: `seed-scale --size S`, or the small demo where seed-scale
    does not exist yet. `env`: the development settings (seeding refuses production's).
    Returns what was loaded."""
    recreate(url)
    socialrx = str(ROOT / ".venv/bin/socialrx")
    run_env = {**env, "DATABASE_URL": url}
    _run([socialrx, "migrate", "--noinput", "-v0"], run_env, log)
    if SEED_SCALE.exists():
        _run([socialrx, "seed-scale", "--size", "S"], run_env, log)
        return "S (seed-scale)"
    _run([socialrx, "seed-demo", "--profile", "small", "--quiet"], run_env, log)
    return "S (seed-demo small profile; seed-scale not available)"


def _run(command: list[str], env: dict[str, str], log) -> None:
    log("  $ " + " ".join(command[1:2] + command[2:]))
    # The project's own commands, with arguments the bench chose.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BenchError(
            f"`{' '.join(command[-3:])}` failed ({result.returncode}):\n"
            + (result.stderr or result.stdout)[-3000:]
        )
