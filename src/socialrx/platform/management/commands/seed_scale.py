"""`socialrx seed-scale --size S|M|L`: generated data at a benchmark's size, the same every run.

Each app brings its own rows (`<app>/scale.py`, declared on its AppConfig; see
`socialrx.core.scale`); this command loads them in their declared order in one transaction and
prints a line per app with what it wrote and how long it took. S loads in seconds (CI's
`make bench-quick`); L is the issue's size: the real CMS hospitals and generated ones to
6,500, 1,000,000 physicians, 2,000,000 accounts with 10,000,000 snapshots, 5,000
organizations and 50,000 people.

It loads only into a database of its own: one holding people, organizations or registry rows
it did not make is refused, and an earlier seed-scale load is replaced only with --replace.
A failure rolls everything back: the database is never half loaded."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from socialrx.core.scale import SIZES, ScaleAnalyzeFailed, ScaleRefused, ScaleReport, load


def _size(value: str) -> str:
    return value.strip().upper()


class Command(BaseCommand):
    help = (
        "Load generated data for the benchmarks at size S, M or L into a database of its own "
        "(refused when the database holds other data). Deterministic: the same rows every run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            type=_size,
            choices=SIZES,
            required=True,
            help="S: a few seconds on SQLite (CI); M: in between; L: the issue's size "
            "(minutes on PostgreSQL).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Clear an earlier seed-scale load first (never anything else).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even when SOCIALRX_ENV=production (the people have a published password).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "Refusing to load generated people with a published password in production. "
                "Pass --allow-production if this really is a benchmark server."
            )
        size = _size(options["size"])  # call_command passes the value as given
        self.stdout.write(self.style.MIGRATE_HEADING(f"SocialRx scale data, size {size}"))
        started = time.monotonic()
        try:
            reports = load(size, replace=options["replace"], progress=self._line)
        except ScaleRefused as refusal:
            raise CommandError(str(refusal)) from None
        except ScaleAnalyzeFailed as error:
            raise CommandError(
                f"The data were loaded, but ANALYZE failed: {error} Run `ANALYZE` on the "
                "database before measuring (the planner would guess at an empty database)."
            ) from error
        except DatabaseError as error:
            raise CommandError(
                f"The load failed and was rolled back; nothing was written. {error}".strip()
                + " (A new database needs `socialrx migrate` first.)"
            ) from error
        rows = sum(sum(report.counts.values()) for report in reports)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {rows:,} rows in {time.monotonic() - started:.1f} s "
                "(generated data, marked as such)."
            )
        )

    def _line(self, report: ScaleReport) -> None:
        counts = ", ".join(f"{count:,} {name}" for name, count in report.counts.items())
        self.stdout.write(f"  {report.app:<14} {counts} ({report.seconds:.1f} s)")
