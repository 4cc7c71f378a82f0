"""Data: note which entities have a listed account (the column 0004 added). PostgreSQL only: a
trigram index on UPPER(name), which case-insensitive "contains" (`UPPER(name) LIKE …`) uses."""

from django.db import migrations
from django.db.models import Exists, OuterRef


def note_presence(apps, schema_editor):
    entity = apps.get_model("registry", "Entity")
    account = apps.get_model("registry", "Account")
    listed = account.objects.filter(entity=OuterRef("pk"), removed_on__isnull=True)
    entity.objects.update(has_account=Exists(listed))


def create_upper_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS registry_entity_upper_name_trgm "
            "ON registry_entity USING gin (UPPER(name) gin_trgm_ops)"
        )


def drop_upper_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS registry_entity_upper_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_has_account_and_search_indexes")]

    operations = [
        migrations.RunPython(note_presence, migrations.RunPython.noop),
        migrations.RunPython(create_upper_name_index, drop_upper_name_index),
    ]
