"""PostgreSQL only: the pg_trgm extension and trigram indexes behind the registry's
typo-tolerant search (name, city and account handles). SQLite needs none of this: it matches
with a function registered per connection (core.search)."""

from django.db import migrations

INDEXES = [
    ("registry_entity_name_trgm", "registry_entity", "name"),
    ("registry_entity_city_trgm", "registry_entity", "city"),
    ("registry_account_key_trgm", "registry_account", "key"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
