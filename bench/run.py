"""Benchmark: the main pages under load, against PostgreSQL behind gunicorn with the production
settings and the Redis cache, each told as a share of the ceiling measured in the same run (the
base template through the same middleware, no query).

    make bench-quick     # size S, loaded fresh into socialrx_bench_s; about a minute; CI runs it
    make bench           # size L, an already-loaded database (socialrx_scale); minutes

    .venv/bin/python bench/run.py --size S
    .venv/bin/python bench/run.py --size L --database-url postgres://…/socialrx_scale
    .venv/bin/python bench/run.py --size L --database-url … --label "demo, full profile"

A run: PostgreSQL reachable (else a clear message, exit 2); the data (S: the database made
again and `seed-scale --size S`; L: the given database as it is); collectstatic; the pages the
apps declare (socialrx.core.benchmarks) found in the data, rendered once and their queries
counted in a separate Django process (also at S for a run at L); gunicorn started on a free
port; every page warmed and checked; wrk against each in turn. The figures go to
bench/results/latest.json (full) or quick.json (S), and a full run rewrites the pages section
of bench/RESULTS.md. Exit 1 when a page does not render or a response was an error (status
400 or more, a socket error, a timeout); the speed itself is reported, never judged here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from harness import database, load, report, server
from harness.database import BenchError

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
S_DATABASE = database.with_name(POSTGRES, "socialrx_bench_s")
L_DATABASE = os.environ.get("BENCH_L_DATABASE_URL", database.with_name(POSTGRES, "socialrx_scale"))
# A Redis database of the bench's own: it is emptied at the start of every run.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
CEILING = "/bench/ceiling/"
WARM_UP_REQUESTS = 5


STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["S", "L"], default="S")
    parser.add_argument(
        "--database-url",
        help="size L: the loaded database to measure (default: BENCH_L_DATABASE_URL, else "
        "socialrx_scale on the bench's server); size S: the database to make again",
    )
    parser.add_argument("--label", help="what the data is, when it is not seed-scale's")
    parser.add_argument("--seconds", type=int, help="wrk's time per page (S: 2, L: 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--output", type=Path, help="the JSON file (default by size)")
    return parser.parse_args()


def probe(env: dict[str, str]) -> dict:
    """The pages in this database, their status and query counts (bench/harness/probe.py)."""
    result = subprocess.run(  # noqa: S603 - the bench's own script
        [sys.executable, str(BENCH / "harness/probe.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"Counting the queries failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def flush_redis(url: str, *, only_ping: bool = False) -> None:
    """Empty the bench's Redis database (a run starts with a cold cache), or check it answers."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5)
        if only_ping:
            client.ping()
        else:
            client.flushdb()
    except redis.RedisError as error:
        raise BenchError(f"Redis cannot be reached at {url} (BENCH_REDIS_URL): {error}") from None


def loaded_database(options) -> tuple[str, dict[str, int]] | None:
    """For a run at L: the loaded database measured and what it holds, refused (before
    anything else is done) when it holds no data or lacks migrations."""
    if options.size == "S":
        return None
    url = options.database_url or L_DATABASE
    log(f"Checking the loaded database {url.rsplit('/', 1)[1]}")
    counts = database.require_loaded(url)
    database.require_migrated(url, server.development_env(url, REDIS_URL))
    return url, counts


def prepare(options, loaded) -> tuple[str, str, dict[str, int], str | None]:
    """(database URL measured, data label, its contents, the S database for a run at L)."""
    if loaded is None:
        url = options.database_url or S_DATABASE
        log(f"Loading size S into {url.rsplit('/', 1)[1]}")
        label = database.load_size_s(url, server.development_env(url, REDIS_URL), log)
        return url, options.label or label, database.contents(url), None
    url, counts = loaded
    log("Loading size S into socialrx_bench_s, for its query counts")
    database.load_size_s(S_DATABASE, server.development_env(S_DATABASE, REDIS_URL), log)
    return url, options.label or "L (seed-scale)", counts, S_DATABASE


def warm_up(base_url: str, pages: list[dict], cookie: str) -> tuple[dict, list[str]]:
    """Each page asked a few times, the caches empty at first: the first answer's time (the
    page drawn with cold caches) by URL, and the answers that are not a page."""
    first_ms, problems = {}, []
    for page in pages:
        member = page["visitor"] == "member"
        if not page["url"] or (member and not cookie):
            continue
        for attempt in range(WARM_UP_REQUESTS):
            started = time.monotonic()
            status, _body = server.fetch(base_url + page["url"], cookie if member else "")
            if attempt == 0:
                first_ms[page["url"], page["visitor"]] = (time.monotonic() - started) * 1000
        if status != 200:
            problems.append(f"{page['name']} ({page['url']}) answered {status} under gunicorn.")
    return first_ms, problems


def measure(options, probe_measured: dict, env: dict[str, str]) -> tuple[dict, dict, list, int]:
    seconds = options.seconds or (2 if options.size == "S" else 10)
    loads = {}
    cookie = probe_measured["member_cookie"]
    with server.Gunicorn(env, workers=options.workers) as gunicorn:
        log(f"gunicorn ({options.workers} workers) on {gunicorn.base_url}")
        first_ms, problems = warm_up(gunicorn.base_url, probe_measured["pages"], cookie)
        for page in probe_measured["pages"]:
            if not page["url"] or (page["visitor"] == "member" and not cookie):
                continue
            result = load.run_wrk(
                gunicorn.base_url + page["url"],
                connections=options.connections,
                seconds=seconds,
                threads=min(2, os.cpu_count() or 1),
                cookie=cookie if page["visitor"] == "member" else "",
            )
            loads[page["url"], page["visitor"]] = result
            drained = server.wait_until_idle(gunicorn.base_url)
            log(
                f"  {page['name']:<45} {result.requests_per_second:>8.1f} req/s  "
                f"p99 {result.latency_ms['p99']:>7.1f} ms  errors {result.error_count}"
                + (f"  (its queue drained in {drained:.1f} s)" if drained >= 0.1 else "")
            )
            if result.error_count:
                problems.append(f"{page['name']} ({page['url']}): errors {result.errors}.")
    return loads, first_ms, problems, seconds


def _not_rendered(page: dict, member: str | None) -> str:
    """Why a page could not be measured, or "" when it rendered."""
    if page["url"] is None:
        return f"{page['name']}: no such page in this data (nothing to measure)."
    if page["visitor"] == "member" and not member:
        return f"{page['name']}: no member organization's administrator in this data."
    if not page["renders"]:
        return f"{page['name']} ({page['url']}) did not render: {page['status']}."
    return ""


def main() -> int:
    options = arguments()
    try:
        postgres_version = database.require_server(options.database_url or POSTGRES)
        loaded = loaded_database(options)
        wrk = load.wrk_path()
        flush_redis(REDIS_URL, only_ping=True)
        url, label, counts, s_url = prepare(options, loaded)
        flush_redis(REDIS_URL)
        env = server.production_env(url, REDIS_URL)
        log("collectstatic (the manifest of hashed names)")
        server.collectstatic(env)
        log("Counting queries per page")
        measured = probe(env)
        probe_s = probe(server.production_env(s_url, REDIS_URL)) if s_url else measured
        flush_redis(REDIS_URL)
        loads, first_ms, problems_under_load, seconds = measure(options, measured, env)
    except (BenchError, load.WrkMissing) as error:
        log(f"bench: {error}")
        return 2
    problems = [_not_rendered(page, measured["member"]) for page in measured["pages"]]
    problems = [problem for problem in problems if problem] + problems_under_load
    ceiling = loads.get((CEILING, "anonymous"))
    queries_s = {page["name"]: page["queries"] for page in probe_s["pages"]}
    pages = [
        report.page_result(
            page,
            loads.get((page["url"], page["visitor"])),
            first_ms.get((page["url"], page["visitor"])),
            ceiling.requests_per_second if ceiling else None,
            queries={"S": queries_s.get(page["name"], {}), options.size: page["queries"]},
        )
        for page in measured["pages"]
    ]
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout  # noqa: S603
    data = report.document(
        run={
            "data": {"size": options.size, "label": label, "counts": counts},
            "machine": report.machine(postgres_version, wrk_version.split(" [")[0].strip()),
            "commit": report.commit(),
            "workers": options.workers,
            "connections": options.connections,
            "seconds": seconds,
            "member": measured["member"],
        },
        pages=pages,
        problems=problems,
    )
    output = options.output or RESULTS / ("latest.json" if options.size == "L" else "quick.json")
    report.write_json(output, data)
    section = report.markdown(data)
    if options.size == "L":
        report.update_results_page(BENCH / "RESULTS.md", section)
    log(f"Written: {output.relative_to(BENCH.parent)}\n\n{section}\n")
    for problem in problems:
        log(f"PROBLEM: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
