from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "socialrx.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    # What it adds to the shared pages: menus, tabs, dashboard panels, API routers (see
    # socialrx.core.plugins).
    plugins = "socialrx.accounts.menus.PLUGINS"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.accounts.demo.seed"
    demo_order = 10
    # Its generated rows for `socialrx seed-scale`, run in scale_order (see socialrx.core.scale).
    scale = "socialrx.accounts.scale.SCALE"
    scale_order = 10
    # Models center staff may look up in the Django admin (read-only; see backends.py). Never
    # API tokens or anything holding a secret.
    staff_admin_models = ("user",)

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
