from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "socialrx.registry"
    label = "registry"
    verbose_name = "Registry"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.registry.demo.seed"
    demo_order = 40
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("entity", "account", "claim", "correction", "importjob")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .search_backends import configure_search_connection

        connection_created.connect(
            configure_search_connection, dispatch_uid="registry-search-connection"
        )
