# An organization's main phone number, filled in from its registry listing when it has one.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_seat"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="phone",
            field=models.CharField(blank=True, max_length=40),
        ),
    ]
