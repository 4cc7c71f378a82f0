"""PostgreSQL only: trigram indexes on UPPER(post text) and UPPER(thread title), which the
forum search's case-insensitive "contains" for each word (`UPPER(col) LIKE UPPER(…)`) uses,
so a search does not read every post. SQLite has no trigrams and scans (small forums)."""

from django.db import migrations

INDEXES = (
    ("community_post_search_trgm", "community_post", "search_text"),
    ("community_thread_title_trgm", "community_thread", "title"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
