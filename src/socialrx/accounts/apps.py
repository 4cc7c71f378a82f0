from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "socialrx.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    # Models center staff may look up in the Django admin (read-only; see backends.py). Never
    # API tokens or anything holding a secret.
    staff_admin_models = ("user",)
