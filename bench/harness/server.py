"""The server under test: gunicorn with the production settings, in a process of its own, and
the environment every process of a run shares."""

from __future__ import annotations

import base64
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv/bin"
VAR = ROOT / "var/bench"
# As the TLS proxy in front of gunicorn says in production (SECURE_PROXY_SSL_HEADER): the
# requests count as HTTPS, so the HTTPS redirect stays on and is simply not needed.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
START_TIMEOUT_SECONDS = 60


def production_env(database_url: str, redis_url: str) -> dict[str, str]:
    """SOCIALRX_ENV=production with throw-away secrets, the bench's database and Redis, and the
    ceiling page switched on. Nothing else differs from a production deployment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        SOCIALRX_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        MFA_ENCRYPTION_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        # testserver: the query-counting process uses Django's test client.
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        STATIC_ROOT=str(VAR / "static"),
        SOCIALRX_VAR_DIR=str(VAR),
        BENCH_CEILING="1",
        LOG_LEVEL="WARNING",
        # The load comes from one address, which the certificate lookup limit (30 a minute
        # per address in production) would answer with 429s: the bench raises the limit, and
        # each request still pays for counting it.
        TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE="100000000",
    )
    env.pop("DEBUG", None)
    return env


def development_env(database_url: str, redis_url: str) -> dict[str, str]:
    """For loading data: the seeding commands refuse production's settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOCIALRX_ENV", "DEBUG")}
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SOCIALRX_VAR_DIR=str(VAR),
        CELERY_TASK_ALWAYS_EAGER="1",
    )
    return env


def collectstatic(env: dict[str, str]) -> None:
    """The manifest of hashed names the production storage reads (harness/collectstatic.py)."""
    script = Path(__file__).resolve().parent / "collectstatic.py"
    subprocess.run([str(BIN / "python"), str(script)], env=env, check=True)  # noqa: S603


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """`with Gunicorn(env, workers=2) as server:` serves on server.base_url until the block
    ends; its output goes to var/bench/gunicorn.log."""

    def __init__(self, env: dict[str, str], workers: int):
        self.env, self.workers = env, workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = VAR / "gunicorn.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        VAR.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        command = [
            str(BIN / "gunicorn"),
            "socialrx.wsgi",
            f"--workers={self.workers}",
            f"--bind=127.0.0.1:{self.port}",
            # A slow page under 32 connections waits in the backlog longer than the default 30 s
            # allows a worker to be busy; the bench reports it rather than killing the worker.
            "--timeout=120",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - the project's own server
            command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log_tail()}")
            try:
                if fetch(self.base_url + "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT_SECONDS} s")

    def log_tail(self, characters: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-characters:]

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def fetch(url: str, cookie: str = "") -> tuple[int, bytes]:
    """One GET as wrk sends it (behind the proxy's header); redirects are not followed."""
    headers = {**PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_idle(base_url: str, *, quick_ms: float = 50.0, limit_seconds: float = 30.0) -> float:
    """The seconds until the server answers its health probe within `quick_ms` again.

    When wrk stops, the requests its connections had sent are still queued in gunicorn; a page
    measured right after a slow one started behind them (a page answered in 17 ms once showed
    0 requests in its second of load). Asked after each load, before the next."""
    started = time.monotonic()
    while time.monotonic() - started < limit_seconds:
        asked = time.monotonic()
        fetch(f"{base_url}/healthz")
        if (time.monotonic() - asked) * 1000 <= quick_ms:
            break
    return time.monotonic() - started


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
