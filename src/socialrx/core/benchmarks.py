"""The pages `make bench` measures (bench/run.py). Each app declares its own on its AppConfig,
as it declares its plugins:

    class RegistryConfig(AppConfig):
        bench_pages = "socialrx.registry.bench.PAGES"

    # socialrx/registry/bench.py
    PAGES = [
        BenchPage("Registry search", "/registry/", order=30),
        BenchPage("Hospital page", hospital_with_accounts, order=32),
    ]

`path` is the page's URL, or a function that finds one in the data being measured (a hospital
that is present) and returns None when the data has none (the page is then reported as
skipped). `visitor` is who asks: "anonymous", or "member" (an administrator of a member
organization, signed in; the bench sends their session cookie). Query counts are taken for
both visitors on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string

ANONYMOUS = "anonymous"
# Served only when BENCH_CEILING is on (core/urls.py); every page's speed is told against it.
CEILING_PATH = "/bench/ceiling/"
MEMBER = "member"


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str | Callable[[], str | None]
    order: int = 100
    visitor: str = ANONYMOUS
    # A page every visitor may read (the speed targets apply to these).
    public: bool = True

    def url(self) -> str | None:
        return self.path() if callable(self.path) else self.path


def declared_pages() -> list[tuple[str, BenchPage]]:
    """(app label, page) of every installed app that declares `bench_pages`, by order."""
    apps.check_apps_ready()
    declared = []
    for config in apps.get_app_configs():
        path = getattr(config, "bench_pages", None)
        if not path:
            continue
        pages = import_string(path) if isinstance(path, str) else path
        for page in pages:
            if not isinstance(page, BenchPage):
                raise TypeError(f"{config.name}.bench_pages must list BenchPage: {page!r}")
            declared.append((config.label, page))
    return sorted(declared, key=lambda item: item[1].order)


PAGES = [
    BenchPage("Health probe (/healthz)", "/healthz", order=0),
    BenchPage("Ceiling (base template, no query)", CEILING_PATH, order=1),
    BenchPage("Home", "/", order=10),
    BenchPage(
        "Dashboard (signed-in member)", "/dashboard/", order=90, visitor=MEMBER, public=False
    ),
]
