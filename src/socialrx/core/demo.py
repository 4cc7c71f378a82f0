"""The demo kernel: how each app brings its own demo data to `socialrx seed-demo`.

An app with demo data declares it on its AppConfig, and core never imports it:

    class RegistryConfig(AppConfig):
        demo = "socialrx.registry.demo.seed"  # seed(context) -> DemoReport
        demo_order = 40  # lower runs first; apps that declare none run last

`seed(context)` creates only what is missing (a second run creates nothing), reads what the
apps before it made from the context by name (`context.get("demo_hospital")`), puts what it
makes for the apps after it (`context.put("demo_hospital", organization)`), adds its demo
logins, and returns a `DemoReport`: the lines to print and what it made. `context.profile` is
"full" (the default of `make run`) or "small" (a few dozen hospitals, for the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

PROFILES = ("full", "small")
# Apps with a demo but no demo_order run after every app that declares one.
LAST = 1_000_000


def inside_the_demo(service: Callable) -> Callable:
    """`service` without its durable transaction (`transaction.atomic(durable=True)`), for a
    demo: seed-demo runs every demo inside one transaction, where a durable block is refused.
    The service's permission checks, writes, audit and emails run as written."""
    return getattr(service, "__wrapped__", service)


class DemoError(LookupError):
    """A demo asked the context for an object no earlier demo made."""


@dataclass(frozen=True)
class Login:
    """A row of the demo logins table."""

    email: str
    password: str
    role: str
    name: str
    totp_secret: str = ""


@dataclass
class DemoReport:
    """What an app's demo prints under its title, and what it made ({"people": 3})."""

    title: str
    lines: list[str] = field(default_factory=list)
    made: dict[str, int] = field(default_factory=dict)


class Tally:
    """Row counts of some models (or querysets) now, and later what was made since."""

    def __init__(self, **counted):
        self._counted = counted
        self._before = self._counts()

    def _counts(self) -> dict[str, int]:
        return {
            name: (rows._default_manager if isinstance(rows, type) else rows).count()
            for name, rows in self._counted.items()
        }

    def made(self) -> dict[str, int]:
        return {name: count - self._before[name] for name, count in self._counts().items()}


class DemoContext:
    """What the apps' demos hand each other (named objects), the demo logins and the reports."""

    def __init__(self, profile: str = "full"):
        if profile not in PROFILES:
            raise ValueError(f"Unknown demo profile {profile!r}: one of {', '.join(PROFILES)}.")
        self.profile = profile
        self._objects: dict[str, Any] = {}
        self.reports: list[tuple[AppConfig, DemoReport]] = []
        # (group heading, rows): the center's people, then each organization's.
        self.logins: list[tuple[str, list[Login]]] = []
        # Printed under the logins table (how to sign in with a second factor).
        self.login_notes: list[str] = []
        self.made: dict[str, int] = {}

    @property
    def small(self) -> bool:
        return self.profile == "small"

    def put(self, name: str, obj: Any) -> Any:
        if name in self._objects and self._objects[name] is not obj:
            raise DemoError(f"Two demos put an object named {name!r}.")
        self._objects[name] = obj
        return obj

    def get(self, name: str) -> Any:
        try:
            return self._objects[name]
        except KeyError:
            known = ", ".join(sorted(self._objects)) or "none yet"
            raise DemoError(
                f"No demo object named {name!r} (made so far: {known}). The app that makes it "
                "must declare a lower demo_order than the app asking for it."
            ) from None

    def add_logins(self, group: str, logins: list[Login]) -> None:
        self.logins.append((group, list(logins)))


def demo_apps() -> list[AppConfig]:
    """The installed apps that declare a demo, in the order their demos run: by demo_order,
    then in INSTALLED_APPS order. Apps without a `demo` attribute are skipped."""
    configs = [config for config in apps.get_app_configs() if getattr(config, "demo", None)]
    return sorted(configs, key=lambda config: getattr(config, "demo_order", LAST))


def seed_demos(context: DemoContext) -> DemoContext:
    """Run every app's demo in order; each report lands in `context.reports`, everything made
    (and the audit events it recorded) in `context.made`. Call it inside a transaction."""
    from .models import AuditEvent  # noqa: PLC0415 - read only when a demo runs, after the apps are ready

    audit = Tally(**{"audit events": AuditEvent})
    for config in demo_apps():
        try:
            seed = import_string(config.demo)
        except ImportError as error:
            raise ImproperlyConfigured(f"{config.label}.demo = {config.demo!r}: {error}") from error
        report = seed(context)
        if not isinstance(report, DemoReport):
            raise TypeError(f"{config.demo} returned {report!r}, not a DemoReport.")
        context.reports.append((config, report))
        for name, count in report.made.items():
            context.made[name] = context.made.get(name, 0) + count
    context.made.update(audit.made())
    return context
