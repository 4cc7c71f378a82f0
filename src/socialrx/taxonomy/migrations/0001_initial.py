from django.db import migrations, models

from socialrx.taxonomy.vocabulary import load


def load_vocabulary(apps, schema_editor):
    load(apps.get_model("taxonomy", "Topic"), apps.get_model("taxonomy", "Platform"))


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=60, unique=True)),
                ("name", models.CharField(max_length=80, unique=True)),
                ("description", models.CharField(blank=True, max_length=240)),
                ("position", models.PositiveSmallIntegerField(default=100)),
            ],
            options={"ordering": ("position", "name")},
        ),
        migrations.CreateModel(
            name="Platform",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        choices=[
                            ("facebook", "Facebook"),
                            ("x", "X (Twitter)"),
                            ("youtube", "YouTube"),
                            ("instagram", "Instagram"),
                            ("linkedin", "LinkedIn"),
                            ("tiktok", "TikTok"),
                            ("threads", "Threads"),
                            ("bluesky", "Bluesky"),
                            ("mastodon", "Mastodon"),
                            ("blog", "Blog"),
                            ("podcast", "Podcast"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        unique=True,
                    ),
                ),
                ("name", models.CharField(max_length=60)),
                ("position", models.PositiveSmallIntegerField(default=100)),
            ],
            options={"ordering": ("position", "name")},
        ),
        migrations.RunPython(load_vocabulary, migrations.RunPython.noop),
    ]
