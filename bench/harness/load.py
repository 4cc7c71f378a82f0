"""Load from wrk, in a process of its own: a fixed number of connections for a fixed time
against one URL, summed up as requests per second and latency percentiles."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .server import PROXY_HEADERS

REPORT_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
# A request slower than this counts as an error (wrk's default, 2 s, would hide slow pages).
TIMEOUT_SECONDS = 10


class WrkMissing(Exception):
    pass


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    bytes: int
    errors: dict[str, int]
    latency_ms: dict[str, float]

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise WrkMissing("wrk is not installed (Debian: apt-get install wrk).")
    return path


def run_wrk(url: str, *, connections: int, seconds: int, threads: int, cookie: str = "") -> Load:
    headers = {**PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
    command = [
        wrk_path(),
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={TIMEOUT_SECONDS}s",
        "--latency",
        f"--script={REPORT_SCRIPT}",
        *[f"--header={name}: {value}" for name, value in headers.items()],
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    return Load(
        requests=summary["requests"],
        seconds=summary["duration_us"] / 1e6,
        bytes=summary["bytes"],
        errors=summary["errors"],
        latency_ms={name: us / 1000 for name, us in summary["latency_us"].items()},
    )
