from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "socialrx.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .search_backends import install_sqlite_functions

        connection_created.connect(install_sqlite_functions, dispatch_uid="registry-sqlite-fuzzy")
