"""`socialrx seed-demo`: realistic demo data, safe to run again and again.

Each app brings its own demo (`<app>/demo.py`, declared on its AppConfig; see
`socialrx.core.demo`); this command runs them in their declared order in one transaction, then
prints each app's report, the demo logins and what was created. Every demo creates only what
is missing, so a second run creates nothing and a tester's edits survive a restart of
`make run`. Invitation emails of the demo are kept in memory, not sent.

`--profile small` loads a few dozen hospitals instead of all 5,381 (the tests use it).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from socialrx.core.demo import PROFILES, DemoContext, Login, seed_demos


@contextmanager
def _demo_mail_kept_in_memory():
    """Demo invitations go to Django's in-memory outbox and tasks run inline (quietly), so
    seeding neither prints emails nor needs a broker or an SMTP server."""
    from socialrx.celery import app  # noqa: PLC0415 - the Celery app only to run the demo's tasks inline

    previous_eager = app.conf.task_always_eager
    loggers = {name: logging.getLogger(name) for name in ("celery", "kombu")}
    previous_levels = {name: logger.level for name, logger in loggers.items()}
    app.conf.task_always_eager = True
    for logger in loggers.values():
        logger.setLevel(logging.ERROR)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        app.conf.task_always_eager = previous_eager
        for name, logger in loggers.items():
            logger.setLevel(previous_levels[name])


class Command(BaseCommand):
    help = (
        "Load the demo data of every app (organizations, people for every role, an open "
        "invitation, memberships, the registry). Idempotent: running it again creates nothing "
        "new. Prints the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--profile",
            choices=PROFILES,
            default="full",
            help="full (default): every CMS hospital; small: a few dozen, for tests.",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when SOCIALRX_ENV=production (demo accounts have a known password).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "Refusing to load demo accounts with a published password in production. "
                "Pass --allow-production if this really is a demo server."
            )
        context = DemoContext(profile=options["profile"])
        with _demo_mail_kept_in_memory(), transaction.atomic():
            seed_demos(context)
        if not options["quiet"]:
            self._report(context)

    def _report(self, context: DemoContext) -> None:
        out, style = self.stdout, self.style
        out.write("")
        out.write(style.MIGRATE_HEADING(f"SocialRx demo data ({context.profile} profile)"))
        for _, report in context.reports:
            out.write("")
            out.write(style.MIGRATE_HEADING(report.title))
            for line in report.lines:
                out.write(f"  {line}")
        self._logins(context)
        out.write("")
        made = ", ".join(f"{count} {name}" for name, count in context.made.items() if count)
        out.write(
            style.SUCCESS(f"Created: {made}.")
            if made
            else style.SUCCESS("Demo data already present: nothing new was created.")
        )

    def _logins(self, context: DemoContext) -> None:
        """One table, grouped: the center first, then each organization with its people."""
        out, style = self.stdout, self.style
        header = ("EMAIL", "PASSWORD", "ROLE", "NAME", "TOTP SECRET (base32)")
        rows = [_cells(login) for _, logins in context.logins for login in logins]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()

        out.write("")
        out.write(style.MIGRATE_HEADING("Demo logins — sign in at /accounts/login/"))
        out.write("  " + style.MIGRATE_LABEL(line(header)))
        for group, logins in context.logins:
            out.write(style.MIGRATE_LABEL(group))
            for login in logins:
                out.write("  " + line(_cells(login)))
        if context.login_notes:
            out.write("")
            for note in context.login_notes:
                out.write(note)


def _cells(login: Login) -> tuple[str, ...]:
    return (login.email, login.password, login.role, login.name, login.totp_secret)
