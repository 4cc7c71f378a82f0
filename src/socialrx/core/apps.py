from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "socialrx.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the rules
