from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "socialrx.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.accounts.demo.seed"
    demo_order = 10
    # Models center staff may look up in the Django admin (read-only; see backends.py). Never
    # API tokens or anything holding a secret.
    staff_admin_models = ("user",)
