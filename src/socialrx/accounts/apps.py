from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "socialrx.accounts"
    label = "accounts"
    verbose_name = "Accounts"
