from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "socialrx.core"
    label = "core"
    verbose_name = "Core"
    # What it adds to the shared pages: menus, tabs, dashboard panels, API routers (see
    # socialrx.core.plugins).
    plugins = "socialrx.core.menus.PLUGINS"
    # The pages `make bench` measures (see socialrx.core.benchmarks).
    bench_pages = "socialrx.core.benchmarks.PAGES"
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("auditevent", "failedemail")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created  # noqa: PLC0415 - loaded once the app registry is ready

        # Registers the system checks (plugins, related: of what the apps declare), declares
        # permissions.
        from . import checks, plugins, related, rules  # noqa: F401, PLC0415 - once the app registry is ready
        from .search import configure_search_connection  # noqa: PLC0415 - loaded once the app registry is ready

        # Typo-tolerant search on every connection (the SQLite function, PostgreSQL's threshold).
        connection_created.connect(
            configure_search_connection, dispatch_uid="core-search-connection"
        )
