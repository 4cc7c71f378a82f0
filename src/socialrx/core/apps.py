from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "socialrx.core"
    label = "core"
    verbose_name = "Core"
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("auditevent", "failedemail")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the rules
