import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The rule "one person is never in two places at once", in the database. PostgreSQL: an
# exclusion constraint over the half-open range [starts_at, ends_at) per person (btree_gist
# gives the equality on person). SQLite: triggers that refuse an overlapping row with the same
# message, so the service turns both into one clear error.
OVERLAP_MESSAGE = "schedules_commitment_no_overlap"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE schedules_commitment ADD CONSTRAINT schedules_commitment_no_overlap "
    "EXCLUDE USING gist (person_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE schedules_commitment DROP CONSTRAINT schedules_commitment_no_overlap",
]
SQLITE_TRIGGER = """
CREATE TRIGGER schedules_commitment_no_overlap_{event}
BEFORE {event} ON schedules_commitment
FOR EACH ROW WHEN EXISTS (
    SELECT 1 FROM schedules_commitment AS other
    WHERE other.person_id = NEW.person_id
      AND other.id IS NOT NEW.id
      AND other.starts_at < NEW.ends_at
      AND NEW.starts_at < other.ends_at
)
BEGIN
    SELECT RAISE(ABORT, '{message}');
END
"""
SQLITE_FORWARD = [
    SQLITE_TRIGGER.format(event=event, message=OVERLAP_MESSAGE) for event in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS schedules_commitment_no_overlap_{event}"
    for event in ("INSERT", "UPDATE")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="Commitment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("starts_at", models.DateTimeField()),
                ("ends_at", models.DateTimeField()),
                ("source_kind", models.CharField(max_length=40)),
                ("source_public_id", models.UUIDField()),
                ("label", models.CharField(max_length=200)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="commitments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("starts_at",),
                "indexes": [
                    models.Index(
                        fields=["person", "starts_at"], name="schedules_c_person__9dd1bd_idx"
                    ),
                    models.Index(
                        fields=["source_kind", "source_public_id"],
                        name="schedules_c_source__a77aea_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(ends_at__gt=models.F("starts_at")),
                        name="schedules_commitment_ends_after_start",
                    ),
                ],
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
