"""Benchmark: import a large physicians file through the registry's import pipeline (the
preview, then the import), measuring time per phase, rows per second and peak memory.

    .venv/bin/python bench/registry_import.py            # 1,000,000 rows, SQLite in a temp dir
    .venv/bin/python bench/registry_import.py --rows 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialrx_bench \\
        .venv/bin/python bench/registry_import.py        # PostgreSQL (that database is recreated)

The database is a fresh one: a SQLite file in a temporary directory, or, with DATABASE_URL,
that PostgreSQL database dropped and created again. Results go to standard output; record
them in bench/RESULTS.md with the machine and date."""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="socialrx-bench-") as folder:
        folder = Path(folder)
        path = folder / "physicians.csv"
        started = time.perf_counter()
        write_file(path, args.rows)
        written = time.perf_counter() - started
        fresh_database(folder / "var")

        from django.core.files import File
        from django.db import connection

        from socialrx.registry.models import Entity, ImportJob, ImportStatus
        from socialrx.registry.services import imports

        job = ImportJob(kind="physicians", original_name=path.name, size_bytes=path.stat().st_size)
        with path.open("rb") as handle:
            job.file.save(path.name, File(handle), save=True)
        base_rss = peak_rss_mb()
        started = time.perf_counter()
        imports.preview_import(job_id=job.pk)
        preview = time.perf_counter() - started
        job.refresh_from_db()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
        started = time.perf_counter()
        job = imports.run_import(job_id=job.pk)
        run = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        print(f"database     {connection.vendor}")
        print(f"rows         {args.rows:,} ({size_mb:,.0f} MB; written in {written:,.1f} s)")
        counts = job.preview_counts
        print(f"preview      {preview:,.1f} s, {args.rows / preview:,.0f} rows/s: {counts}")
        print(f"import       {run:,.1f} s, {args.rows / run:,.0f} rows/s: {job.result_counts}")
        print(f"status       {job.status}; physicians in the registry: {Entity.objects.count():,}")
        print(f"peak memory  {peak_rss_mb():,.0f} MB ({base_rss:,.0f} MB before the preview)")
    return 0 if job.status == ImportStatus.DONE else 1


if __name__ == "__main__":
    sys.exit(main())
