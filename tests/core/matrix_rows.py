"""Core's rows of the permission matrix: the center's pages, probes, uploads and static files."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from django.conf import settings as django_settings
from django.urls import resolve, reverse

from tests.permission_matrix_kit import (
    DONE,
    NOT_FOUND,
    PUBLIC,
    SIGNED_IN,
    STAFF_ONLY,
    Case,
    everyone,
    fixed,
    get,
    named,
    post,
    signed_in,
    status,
)


class CoreData:
    """Core's data for a case (mixed into the matrix's `World`)."""

    @cached_property
    def media_file(self) -> str:
        """A profile photo in the directory the media route serves, removed after the test."""
        document_root = Path(resolve("/media/x.jpg").kwargs["document_root"])
        photo = document_root / "profile-photos" / f"{self.member_a.public_id}.jpg"
        created = [d for d in (photo.parent, document_root) if not d.exists()]
        photo.parent.mkdir(parents=True, exist_ok=True)
        photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")

        def clean_up():
            photo.unlink(missing_ok=True)
            for directory in created:  # innermost first; only if nothing else landed there
                if directory.exists() and not any(directory.iterdir()):
                    directory.rmdir()

        self.add_finalizer(clean_up)
        return f"/media/profile-photos/{photo.name}"

    @cached_property
    def mailing_unsubscribe(self) -> str:
        """Member A's link to leave the library's digest, as its emails carry it."""
        from socialrx.core import mailing  # noqa: PLC0415 - only when a case needs it

        token = mailing.unsubscribe_token(self.member_a, "library.digest")
        return reverse("email_unsubscribe", args=[token])

    def mailing_left(self) -> bool:
        from socialrx.core.models import EmailOptOut  # noqa: PLC0415

        return EmailOptOut.objects.filter(user=self.member_a, stream="library.digest").exists()


WORLD_DATA = CoreData

ROWS: dict[str, tuple[Case, ...]] = {
    "home": (get(named("home"), PUBLIC),),
    "favicon": (get(named("favicon"), PUBLIC),),
    "healthz": (get(named("healthz"), PUBLIC),),
    "readyz": (get(named("readyz"), PUBLIC),),
    "audit_log": (get(named("audit_log"), STAFF_ONLY),),
    "failed_emails": (
        get(named("failed_emails"), SIGNED_IN),
        post(named("failed_emails"), signed_in(DONE), label="POST acknowledge"),
    ),
    "dashboard": (get(named("dashboard"), SIGNED_IN),),
    "email_preferences": (
        get(named("email_preferences"), SIGNED_IN),
        post(named("email_preferences"), signed_in(DONE), data=lambda world: {}),
    ),
    # The link in a mailing-list email: whoever holds it (a mail program, without a cookie)
    # may take its one person off its one list.
    "email_unsubscribe": (
        get(lambda world: world.mailing_unsubscribe, PUBLIC),
        post(
            lambda world: world.mailing_unsubscribe,
            PUBLIC,
            label="POST one click",
            effect=lambda world: world.mailing_left(),
        ),
        get(fixed("/email/unsubscribe/not-a-token/"), everyone(status(400)), label="GET bad"),
    ),
}

if not django_settings.PRODUCTION:  # mounted in development only, as in socialrx/urls.py
    # Uploaded profile photos (a proxy serves them in production): public, like the route.
    ROWS["media/<path:path>"] = (
        get(lambda world: world.media_file, PUBLIC, label="GET profile photo"),
        get(fixed("/media/profile-photos/missing.jpg"), everyone(NOT_FOUND), label="GET missing"),
    )

# Served by middleware (WhiteNoise), not by a URL pattern: checked, but not in the inventory.
EXTRA_ROWS: dict[str, tuple[Case, ...]] = {
    "static (WhiteNoise)": (get(fixed("/static/core/css/app.css"), PUBLIC),),
}
