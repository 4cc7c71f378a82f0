"""The site's own pages (About, Contact, Privacy, Terms) with the center's starting text
(socialrx/library/site_texts/); staff edit them afterwards. Reversing leaves them in place:
by then they may hold staff's edits."""

from django.db import migrations

from socialrx.library.site_pages import load


def create(apps, schema_editor):
    load(apps.get_model("library", "SitePage"))


class Migration(migrations.Migration):
    dependencies = [("library", "0002_audiences")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
