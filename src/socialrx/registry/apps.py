from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "socialrx.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .search_backends import configure_search_connection

        connection_created.connect(
            configure_search_connection, dispatch_uid="registry-search-connection"
        )
