"""Search by folded names and short names.

- `EntityAlias`: short names staff give an entity (MGH, CHOP).
- PostgreSQL: the `unaccent` extension, `srx_fold(text)` (an IMMUTABLE wrapper: lower case,
  no accents or punctuation; see registry.search_text), trigram (GIN) indexes on
  srx_fold(name), one of them only over listings with an account (so those are found first
  among thousands of matches), and b-tree indexes on srx_fold(city) (likewise, and one only
  over hospitals and other institutions, a city's few beside its thousands of physicians). The trigram
  indexes on plain name and city go: search no longer asks for them, and every write of a
  million-row import had to keep them (UPPER(name)'s stays for the admin's search).
- SQLite: a full-text index of the folded names in trigrams (FTS5, `registry_entity_name_fts`)
  and its vocabulary, kept by triggers on registry_entity, so a misspelt name is found without
  comparing every name in Python. Django rebuilds a SQLite table to alter it, which drops its
  triggers: a later migration that alters registry_entity must create them again
  (`SQLITE_TRIGGERS`; a test checks they exist). The triggers call `srx_fold`, which search
  registers on each SQLite connection Django opens (search_functions).
- Both databases: an index on the ZIP code (search by a ZIP's prefix is a range on it)."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRES_FOLD_SQL = r"""
CREATE OR REPLACE FUNCTION srx_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT btrim(regexp_replace(regexp_replace(
       lower(public.unaccent('public.unaccent'::regdictionary, $1)),
       '[''`´’‘]', '', 'g'), '[^a-z0-9]+', ' ', 'g')) $$
"""

POSTGRES_INDEXES = [
    "CREATE INDEX IF NOT EXISTS registry_entity_fold_name_trgm "
    "ON registry_entity USING gin (srx_fold(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS registry_entity_fold_name_listed_trgm "
    "ON registry_entity USING gin (srx_fold(name) gin_trgm_ops) WHERE has_account",
    "CREATE INDEX IF NOT EXISTS registry_entity_fold_city ON registry_entity (srx_fold(city))",
    "CREATE INDEX IF NOT EXISTS registry_entity_fold_city_listed "
    "ON registry_entity (srx_fold(city)) WHERE has_account",
    "CREATE INDEX IF NOT EXISTS registry_entity_fold_city_institutions "
    "ON registry_entity (srx_fold(city)) WHERE kind <> 'physician'",
]
OLD_TRIGRAM_INDEXES = [
    ("registry_entity_name_trgm", "name"),
    ("registry_entity_city_trgm", "city"),
]
POSTAL_CODE_INDEX = "registry_entity_postal_code"

SQLITE_INDEX = "registry_entity_name_fts"
SQLITE_TERMS = "registry_entity_name_terms"
# The index holds srx_fold(name): the triggers call the function search registers on every
# SQLite connection Django opens (a connection without it cannot write registry_entity).
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_insert AFTER INSERT ON registry_entity BEGIN
        INSERT INTO {SQLITE_INDEX}(rowid, name) VALUES (new.id, srx_fold(new.name));
    END""",  # noqa: S608 - constant names
    f"""CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_delete AFTER DELETE ON registry_entity BEGIN
        INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, name)
        VALUES ('delete', old.id, srx_fold(old.name));
    END""",  # noqa: S608 - constant names
    f"""CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_update AFTER UPDATE OF name ON registry_entity
    BEGIN
        INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, name)
        VALUES ('delete', old.id, srx_fold(old.name));
        INSERT INTO {SQLITE_INDEX}(rowid, name) VALUES (new.id, srx_fold(new.name));
    END""",  # noqa: S608 - constant names
]


def create_sqlite_name_index(schema_editor):
    """A contentless full-text index of the folded names, in trigrams, and its vocabulary
    (how many names hold each trigram: a misspelt query is looked up by its rarer ones)."""
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_INDEX} USING fts5(name, content='', "
        "tokenize='trigram')"
    )
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TERMS} USING fts5vocab({SQLITE_INDEX}, 'row')"
    )
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement)
    schema_editor.execute(
        f"INSERT INTO {SQLITE_INDEX}(rowid, name) SELECT id, srx_fold(name) FROM registry_entity"  # noqa: S608 - constant names
    )


def create(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {POSTAL_CODE_INDEX} ON registry_entity (postal_code)"
    )
    if schema_editor.connection.vendor == "sqlite":
        create_sqlite_name_index(schema_editor)
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    schema_editor.execute(POSTGRES_FOLD_SQL)
    for statement in POSTGRES_INDEXES:
        schema_editor.execute(statement)
    for name, _ in OLD_TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {POSTAL_CODE_INDEX}")
    if schema_editor.connection.vendor == "sqlite":
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_INDEX}_{event}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {SQLITE_TERMS}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {SQLITE_INDEX}")
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in OLD_TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON registry_entity USING gin ({column} gin_trgm_ops)"
        )
    for name in (
        "registry_entity_fold_name_trgm",
        "registry_entity_fold_name_listed_trgm",
        "registry_entity_fold_city",
        "registry_entity_fold_city_listed",
        "registry_entity_fold_city_institutions",
    ):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS srx_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_presence_and_upper_name_trigrams"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EntityAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("alias", models.CharField(max_length=120)),
                ("folded", models.CharField(db_index=True, editable=False, max_length=120)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "entity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="registry.entity",
                    ),
                ),
            ],
            options={
                "verbose_name": "alias",
                "verbose_name_plural": "aliases",
                "ordering": ["folded", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("entity", "folded"), name="registry_alias_once_per_entity"
                    )
                ],
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
