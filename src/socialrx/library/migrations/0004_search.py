"""Full-text search of resources on PostgreSQL: a weighted `search_vector` column (title A,
summary B, search_text C) kept by a trigger on insert and on updates of those three columns,
filled for the rows already there, and a GIN index. The column is not on the model: the
search selector reads it through SQL (selectors/search.py). On SQLite nothing is done; the
selector searches with LIKE there."""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('english', coalesce({row}title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce({row}summary, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce({row}search_text, '')), 'C')"
)

FORWARD = [
    "ALTER TABLE library_resource ADD COLUMN search_vector tsvector",
    f"""
    CREATE FUNCTION library_resource_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := {VECTOR.format(row="NEW.")};
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER library_resource_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, search_text ON library_resource
    FOR EACH ROW EXECUTE FUNCTION library_resource_search_vector()
    """,
    f"UPDATE library_resource SET search_vector = {VECTOR.format(row='')}",  # noqa: S608 - no input
    "CREATE INDEX library_resource_search ON library_resource USING GIN (search_vector)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS library_resource_search",
    "DROP TRIGGER IF EXISTS library_resource_search_vector ON library_resource",
    "DROP FUNCTION IF EXISTS library_resource_search_vector()",
    "ALTER TABLE library_resource DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0002_audiences"), ("library", "0003_site_pages")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
