"""Benchmark: import a large physicians file through the registry's import pipeline (the
preview, then the import), measuring time per phase, rows per second and peak memory.

    .venv/bin/python bench/registry_import.py            # 1,000,000 rows, SQLite in a temp dir
    .venv/bin/python bench/registry_import.py --rows 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialrx_bench \\
        .venv/bin/python bench/registry_import.py        # PostgreSQL (that database is recreated)
    ... registry_import.py --again                        # then preview the same file once more
    ... registry_import.py --broken-at 900000             # row 900,000 is refused: all rolls back

The database is a fresh one: a SQLite file in a temporary directory, or, with DATABASE_URL,
that PostgreSQL database dropped and created again. Results go to standard output; record
them in bench/RESULTS.md with the machine and date.

--broken-at N makes row N of the file (the header is row 1) one the database refuses: before
the import, an organization is listed with that row's NPI, and NPIs are unique across the
registry. The file itself is valid, so the preview counts every row as new; the import must
stop at row N, name it, and leave nothing of the file in the registry."""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SPECIALTIES = ["Internal Medicine", "Family Medicine", "Pediatrics", "Cardiology", "Psychiatry"]
STATES = ["MN", "WI", "IA", "IL", "TX", "CA", "NY", "FL", "PA", "OH"]


def npi(number: int) -> str:
    from socialrx.core.identifiers import npi_check_digit_ok

    stem = f"3{number:08d}"
    return next(stem + str(d) for d in range(10) if npi_check_digit_ok(stem + str(d)))


def write_file(path: Path, rows: int) -> None:
    rng = random.Random(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        header = [
            "NPI",
            "First Name",
            "Last Name",
            "Credential",
            "Specialty",
            "City",
            "State",
            "ZIP",
        ]
        writer.writerow(header)
        for number in range(1, rows + 1):
            specialty, state = rng.choice(SPECIALTIES), rng.choice(STATES)
            name = [f"First{number}", f"Last{number % 9973}"]
            writer.writerow([npi(number), *name, "MD", specialty, "Rochester", state, "55902"])


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh_database(var_dir: Path) -> None:
    os.environ["SOCIALRX_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(url)
        params = {
            "host": config["HOST"] or None,
            "port": config["PORT"] or None,
            "user": config["USER"] or None,
            "password": config["PASSWORD"] or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--broken-at", type=int, metavar="N", help="row N is refused")
    parser.add_argument("--again", action="store_true", help="preview the file a second time")
    args = parser.parse_args()
    if args.broken_at is not None and not 2 <= args.broken_at <= args.rows + 1:
        parser.error(f"--broken-at must be a data row: 2 to {args.rows + 1}")
    with tempfile.TemporaryDirectory(prefix="socialrx-bench-") as folder:
        folder = Path(folder)
        path = folder / "physicians.csv"
        started = time.perf_counter()
        write_file(path, args.rows)
        written = time.perf_counter() - started
        fresh_database(folder / "var")

        from django.db import connection

        from socialrx.core.models import AuditEvent
        from socialrx.registry.models import Entity, EntityKind, ImportStatus

        if args.broken_at is not None:
            list_npi_elsewhere(npi(args.broken_at - 1))
        base_rss = peak_rss_mb()
        load = os.getloadavg()[0]
        job, preview = measured(lambda: preview_file(path))
        job, run = measured(lambda: run_import(job))
        size_mb = path.stat().st_size / 1e6
        physicians = Entity.objects.filter(kind=EntityKind.PHYSICIAN).count()
        history = AuditEvent.objects.filter(target_type="registry.entity").count()
        print(f"database     {connection.vendor}")
        print(f"rows         {args.rows:,} ({size_mb:,.0f} MB; written in {written:,.1f} s)")
        print(f"load         {load:.1f} before the preview, {os.getloadavg()[0]:.1f} after")
        print(f"preview      {preview.rate(args.rows)}: {counted(job.preview_counts)}")
        if job.status == ImportStatus.DONE:
            print(f"import       {run.rate(args.rows)}: {job.result_counts}")
        else:
            print(f"import       stopped after {run.cpu()}: {job.problem}")
        print(f"status       {job.status}; physicians: {physicians:,}; history rows: {history:,}")
        if args.again and job.status == ImportStatus.DONE:
            again, seconds = measured(lambda: preview_file(path))
            print(f"again        {seconds.rate(args.rows)}: {counted(again.preview_counts)}")
        print(f"peak memory  {peak_rss_mb():,.0f} MB ({base_rss:,.0f} MB before the preview)")
    if args.broken_at is None:
        return 0 if job.status == ImportStatus.DONE else 1
    refused = f"row {args.broken_at:,} " in job.problem
    return 0 if job.status == ImportStatus.FAILED and refused and physicians == 0 else 1


def list_npi_elsewhere(taken: str) -> None:
    """An organization listed with this NPI: a physician's row with it is then refused."""
    from socialrx.registry.classification import classify
    from socialrx.registry.models import Entity, EntityKind

    holder = Entity(kind=EntityKind.ORGANIZATION, name="NPI holder", npi=taken, state="MN")
    classify(holder)
    holder.save()


def preview_file(path: Path):
    from django.core.files import File

    from socialrx.registry.models import ImportJob
    from socialrx.registry.services import imports

    job = ImportJob(kind="physicians", original_name=path.name, size_bytes=path.stat().st_size)
    with path.open("rb") as handle:
        job.file.save(path.name, File(handle), save=True)
    imports.preview_import(job_id=job.pk)
    job.refresh_from_db()
    return job


@dataclass
class Timing:
    """Wall time, and the CPU time this process (both its threads) and its database server
    process spent: on a shared machine the wall time is an upper bound, the CPU times are not."""

    wall: float
    python: float
    database: float | None

    def rate(self, rows: int) -> str:
        return f"{self.wall:,.1f} s, {rows / self.wall:,.0f} rows/s {self._cpu()}"

    def cpu(self) -> str:
        return f"{self.wall:,.1f} s {self._cpu()}"

    def _cpu(self) -> str:
        server = f", PostgreSQL {self.database:,.1f} s" if self.database is not None else ""
        return f"(CPU: Python {self.python:,.1f} s{server})"


def measured(work):
    before = (time.perf_counter(), process_cpu(), server_cpu())
    result = work()
    after = (time.perf_counter(), process_cpu(), server_cpu())
    database = None if None in (before[2], after[2]) else after[2] - before[2]
    return result, Timing(after[0] - before[0], after[1] - before[1], database)


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def server_cpu() -> float | None:
    """CPU seconds of the PostgreSQL process serving this connection (when it runs on this
    machine); None on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def run_import(job):
    from socialrx.registry.models import ImportJob, ImportStatus
    from socialrx.registry.services import imports

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    return imports.run_import(job_id=job.pk)


def counted(counts: dict) -> dict:
    return {name: counts.get(name, 0) for name in ("created", "updated", "unchanged", "rejected")}


if __name__ == "__main__":
    sys.exit(main())
