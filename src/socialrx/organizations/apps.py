from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "socialrx.organizations"
    label = "organizations"
    verbose_name = "Organizations"
    # What it adds to the shared pages: menus, tabs, dashboard panels, API routers (see
    # socialrx.core.plugins).
    plugins = "socialrx.organizations.menus.PLUGINS"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.organizations.demo.seed"
    demo_order = 20
    # Its generated rows for `socialrx seed-scale`, run in scale_order (see socialrx.core.scale).
    scale = "socialrx.organizations.scale.SCALE"
    scale_order = 20
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("organization", "seat", "invitation")

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
