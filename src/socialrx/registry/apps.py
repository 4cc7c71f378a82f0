from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "socialrx.registry"
    label = "registry"
    verbose_name = "Registry"
    # What it adds to the shared pages: menus, tabs, dashboard panels, API routers (see
    # socialrx.core.plugins).
    plugins = "socialrx.registry.menus.PLUGINS"
    # The pages `make bench` measures (see socialrx.core.benchmarks).
    bench_pages = "socialrx.registry.bench.PAGES"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.registry.demo.seed"
    demo_order = 40
    # Its generated rows for `socialrx seed-scale`, run in scale_order (see socialrx.core.scale).
    scale = "socialrx.registry.scale.SCALE"
    scale_order = 40
    # Where adding an organization starts: finding its listing (organizations.selectors asks).
    organization_finder = "onboarding:find"
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("entity", "account", "claim", "correction", "importjob")

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
