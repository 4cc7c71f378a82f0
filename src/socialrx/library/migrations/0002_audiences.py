from django.db import migrations

from socialrx.library.audiences import load


def create(apps, schema_editor):
    load(apps.get_model("library", "Audience"))


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
