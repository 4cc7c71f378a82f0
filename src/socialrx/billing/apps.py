from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "socialrx.billing"
    label = "billing"
    verbose_name = "Billing"
    plugins = "socialrx.billing.menus.PLUGINS"
    # Its invoice book for `socialrx seed-scale` (see socialrx.core.scale): after the
    # organizations, before the apps that sell through it.
    scale = "socialrx.billing.scale.SCALE"
    scale_order = 25
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    # Not the payment provider's raw events: they carry payers' details and are for operators.
    staff_admin_models = ("invoice", "payment", "creditnote", "refund", "hold")

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
