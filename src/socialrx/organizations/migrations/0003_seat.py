# A person's place in an organization is a seat: "membership" is the paid membership of the
# network. The table is renamed with its rows; the reverse relations follow the new name.
# Django renames the content type but not the model permissions created for the old name:
# they are renamed here so the database holds one set (a new database has none yet).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OLD, NEW = ("orgmembership", "org membership"), ("seat", "seat")


def _rename_permissions(apps, old, new):
    Permission = apps.get_model("auth", "Permission")
    (old_codename, old_name), (new_codename, new_name) = old, new
    for permission in Permission.objects.filter(
        content_type__app_label="organizations", codename__endswith=f"_{old_codename}"
    ):
        action = permission.codename.removesuffix(f"_{old_codename}")
        if Permission.objects.filter(
            content_type=permission.content_type, codename=f"{action}_{new_codename}"
        ).exists():
            continue  # created under the new name already: leave the old row alone
        permission.codename = f"{action}_{new_codename}"
        permission.name = permission.name.replace(old_name, new_name)
        permission.save(update_fields=["codename", "name"])


def permissions_to_seat(apps, schema_editor):
    _rename_permissions(apps, OLD, NEW)


def permissions_to_orgmembership(apps, schema_editor):
    _rename_permissions(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_alter_organization_org_type"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="OrgMembership", new_name="Seat"),
        migrations.AlterField(
            model_name="seat",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="seats",
                to="organizations.organization",
            ),
        ),
        migrations.AlterField(
            model_name="seat",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="seats",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(permissions_to_seat, permissions_to_orgmembership),
    ]
