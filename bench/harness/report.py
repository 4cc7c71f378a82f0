"""What a run found: the machine and commit it ran on, a JSON document of every figure with its
unit, and the Markdown table between the pages markers of bench/RESULTS.md."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START, END = "<!-- pages:start -->", "<!-- pages:end -->"

# The targets at size L on the 2-core machine; reported, never asserted.
TARGET_RATIO = 0.5
TARGET_P99_MS = 250
TARGET_QUERIES = 15


def machine(postgres_version: str, wrk_version: str) -> dict:
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(_ram_bytes() / 2**30, 1),
        "os": _os_name(),
        "python": platform.python_version(),
        "postgresql": postgres_version,
        "wrk": wrk_version,
        # Other work on the machine meanwhile (the 1-minute load average as the run ends): on
        # 2 cores, anything near 2 or above means the figures are upper bounds of the times.
        "load_average": round(os.getloadavg()[0], 2),
    }


def _ram_bytes() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def _os_name() -> str:
    release = Path("/etc/os-release")
    if release.exists():
        for line in release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    return platform.platform()


def commit() -> dict:
    def git(*args: str) -> str:
        result = subprocess.run(  # noqa: S603 - git, with fixed arguments
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip()

    return {"sha": git("rev-parse", "HEAD") or "unknown", "dirty": bool(git("status", "--short"))}


def figure(value, unit: str) -> dict:
    return {"value": value, "unit": unit}


def page_result(
    probe_page: dict, load, first_ms: float | None, ceiling_rps: float | None, queries: dict
) -> dict:
    """One page's figures: the load's (when it was measured), the first request's time (the
    caches empty) and its query counts, `queries` being {size: {visitor: count}}."""
    result = {key: probe_page[key] for key in ("app", "name", "url", "visitor", "public")}
    visitors = probe_page["queries"]
    result["queries"] = {
        visitor: figure({size: counts.get(visitor) for size, counts in queries.items()}, "queries")
        for visitor in visitors
    }
    if first_ms is not None:
        result["first_request"] = figure(round(first_ms, 1), "ms")
    if load is None:
        return result
    rps = load.requests_per_second
    result.update(
        requests=figure(load.requests, "requests"),
        duration=figure(round(load.seconds, 2), "s"),
        requests_per_second=figure(round(rps, 1), "requests/s"),
        response_size=figure(load.bytes // load.requests if load.requests else None, "bytes"),
        latency={name: figure(round(ms, 1), "ms") for name, ms in load.latency_ms.items()},
        ratio_to_ceiling=figure(round(rps / ceiling_rps, 3) if ceiling_rps else None, "ratio"),
        errors=figure(load.errors, "responses"),
    )
    return result


def document(*, run: dict, pages: list[dict], problems: list[str]) -> dict:
    return {
        **run,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "pages": pages,
        "problems": problems,
    }


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def markdown(data: dict) -> str:
    m, c = data["machine"], data["commit"]
    size = data["data"]
    sizes = "S" if size["size"] == "S" else f"S / {size['size']}"
    lines = [
        "## Pages under load (`make bench`)",
        "",
        f"Data: {size['label']} ({_counts(size['counts'])}). Machine: {m['cores']} cores, "
        f"{m['ram_gib']} GiB, {m['os']}, Python {m['python']}, PostgreSQL {m['postgresql']}, "
        f"load average {m['load_average']} as the run ended (other work on the machine slows "
        "every figure). "
        f"Commit {c['sha'][:10]}{' with local changes' if c['dirty'] else ''}, {data['date']}. "
        f"gunicorn {data['workers']} workers (production settings, Redis cache), wrk "
        f"{data['connections']} connections for {data['seconds']} s per page. Queries: one "
        "rendering by its view (the page cache off, the data's own caches warm) at each size, "
        "anonymous and as a signed-in member. First request: the page's first answer under "
        "gunicorn, every cache empty (the page cache serves the requests after it).",
        "",
        f"| page | requests/s | ratio to ceiling | p50 ms | p95 ms | p99 ms | first request ms "
        f"| queries anonymous ({sizes}) | queries member ({sizes}) | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    judged = size["size"] == "L"
    for page in data["pages"]:
        lines.append(_row(page, judged))
    lines += [
        "",
        f"Targets (the issue's, at size L): every public page at least {TARGET_RATIO:.0%} of "
        f"the ceiling, p99 under {TARGET_P99_MS} ms, at most {TARGET_QUERIES} queries and the "
        "same number at S and L. "
        + ("✗ marks a figure that misses its target." if judged else "Not marked at size S."),
    ]
    if data["problems"]:
        lines += ["", "Problems:", *[f"- {problem}" for problem in data["problems"]]]
    return "\n".join(lines)


def _row(page: dict, judged: bool) -> str:
    name = f"{page['name']} `{page['url']}`" if page["url"] else f"{page['name']} (skipped)"
    if "requests_per_second" not in page:
        cells = ["—"] * 6
    else:
        ratio = page["ratio_to_ceiling"]["value"]
        p99 = page["latency"]["p99"]["value"]
        public = judged and page["public"]
        cells = [
            f"{page['requests_per_second']['value']:,.1f}",
            f"{ratio:.2f}{_miss(public and ratio is not None and ratio < TARGET_RATIO)}"
            if ratio is not None
            else "—",
            f"{page['latency']['p50']['value']:,.1f}",
            f"{page['latency']['p95']['value']:,.1f}",
            f"{p99:,.1f}{_miss(public and p99 >= TARGET_P99_MS)}",
            f"{page['first_request']['value']:,.1f}" if "first_request" in page else "—",
        ]
    queries = [
        _queries(page["queries"].get(visitor), judged) for visitor in ("anonymous", "member")
    ]
    errors = sum(page["errors"]["value"].values()) if "errors" in page else "—"
    return "| " + " | ".join([name, *cells, *queries, str(errors)]) + " |"


def _queries(counted: dict | None, judged: bool) -> str:
    """ "S / L" (or S alone for a run at S), ✗ above the target or when they differ."""
    if not counted:
        return "—"
    values = [value for value in counted["value"].values() if value is not None]
    if not values:
        return "—"
    miss = judged and (max(values) > TARGET_QUERIES or len(set(values)) > 1)
    return " / ".join(str(v) for v in counted["value"].values() if v is not None) + _miss(miss)


def _miss(missed: bool) -> str:
    return " ✗" if missed else ""


def _counts(counts: dict) -> str:
    return ", ".join(f"{value:,} {name}" for name, value in counts.items()) or "no rows counted"


def update_results_page(path: Path, section: str) -> None:
    """Replace what lies between the markers (added at the end the first time); the rest of
    the page (the import benchmark's section) stays as it is."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    block = f"{START}\n{section}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)
