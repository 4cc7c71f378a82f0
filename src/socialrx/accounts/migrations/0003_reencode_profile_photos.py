"""Photos uploaded before they were checked: re-encode each one through the same checks as a
new upload (PNG, JPEG or WebP, no metadata, stored under its real format's extension), and
remove any that is not such an image (a PDF or PostScript file uploaded as a photo)."""

from django.db import migrations, transaction

from socialrx.accounts import photos


def reencode(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(photo="").iterator():
        old = user.photo
        storage = old.storage
        if not storage.exists(old.name):
            continue
        try:
            with storage.open(old.name, "rb") as stored:
                prepared = photos.prepare_photo(stored)
        except photos.PhotoError:
            prepared = None
        name = ""
        if prepared:
            name = storage.save(f"profile-photos/{user.public_id}.{prepared.extension}", prepared)
        if name != old.name:
            # Only once the new name is committed: a rolled-back migration keeps its file.
            transaction.on_commit(lambda stale=old.name, files=storage: files.delete(stale))
        User.objects.filter(pk=user.pk).update(photo=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_encrypt_mfa_secrets")]

    operations = [migrations.RunPython(reencode, migrations.RunPython.noop)]
