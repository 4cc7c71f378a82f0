from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "socialrx.api"
    label = "api"
    verbose_name = "API"
