from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "socialrx.platform"
    label = "platform"
    verbose_name = "Platform"
