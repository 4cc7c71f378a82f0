"""The rule "a speaker or a room is never in two places at once", in the database.

PostgreSQL: exclusion constraints over the half-open range [starts_at, ends_at), per speaker on
`events_sessionspeaker` and per room on `events_session` (btree_gist gives the equality on the
id). SQLite: triggers that refuse an overlapping row with the constraint's name as message, so
the service turns both into one clear error."""

from django.db import migrations

SPEAKER_RULE = "events_speaker_no_overlap"
ROOM_RULE = "events_room_no_overlap"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE events_sessionspeaker ADD CONSTRAINT {SPEAKER_RULE} "
    "EXCLUDE USING gist (speaker_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)",
    f"ALTER TABLE events_session ADD CONSTRAINT {ROOM_RULE} "
    "EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
    "WHERE (room_id IS NOT NULL)",
]
POSTGRES_BACKWARD = [
    f"ALTER TABLE events_sessionspeaker DROP CONSTRAINT {SPEAKER_RULE}",
    f"ALTER TABLE events_session DROP CONSTRAINT {ROOM_RULE}",
]

SQLITE_TRIGGER = """
CREATE TRIGGER {name}_{event}
BEFORE {event} ON {table}
FOR EACH ROW WHEN NEW.{column} IS NOT NULL AND EXISTS (
    SELECT 1 FROM {table} AS other
    WHERE other.{column} = NEW.{column}
      AND other.id IS NOT NEW.id
      AND other.starts_at < NEW.ends_at
      AND NEW.starts_at < other.ends_at
)
BEGIN
    SELECT RAISE(ABORT, '{name}');
END
"""

RULES = (
    (SPEAKER_RULE, "events_sessionspeaker", "speaker_id"),
    (ROOM_RULE, "events_session", "room_id"),
)
SQLITE_FORWARD = [
    SQLITE_TRIGGER.format(name=name, event=event, table=table, column=column)
    for name, table, column in RULES
    for event in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}_{event}"
    for name, _, _ in RULES
    for event in ("INSERT", "UPDATE")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
