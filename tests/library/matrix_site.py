"""Library's permission-matrix rows for the site's own pages (merged in matrix_rows.py):
anyone reads About, Privacy and Terms and writes with the contact form; staff edit the pages
and read the messages."""

from __future__ import annotations

from functools import cached_property

from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    NOT_FOUND,
    PUBLIC,
    STAFF,
    STAFF_ONLY,
    Case,
    everyone,
    fixed,
    get,
    only,
    post,
    roles,
)

STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)
CONTACT_FORM = {
    "name": "Matrix Person",
    "email": "matrix@example-health.org",
    "organization": "",
    "topic": "other",
    "message": "A question from the matrix.",
    "website": "",
}


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def site_message(self):
        from socialrx.library.models import ContactMessage  # noqa: PLC0415 - only when a case needs it

        return ContactMessage.objects.create(
            name="Matrix Sender", email="sender@example.org", topic="press", message="Hello"
        )


def _message_sent(world) -> bool:
    from socialrx.library.models import ContactMessage  # noqa: PLC0415

    return ContactMessage.objects.filter(email="matrix@example-health.org").exists()


def _page_saved(world) -> bool:
    from socialrx.library.models import SitePage  # noqa: PLC0415

    return SitePage.objects.filter(key="about", title="About the matrix").exists()


def _handled(world) -> bool:
    world.site_message.refresh_from_db()
    return world.site_message.handled_at is not None


ROWS: dict[str, tuple[Case, ...]] = {
    "library:about": (get(fixed("/about/"), PUBLIC),),
    "library:privacy": (get(fixed("/privacy/"), PUBLIC),),
    "library:terms": (get(fixed("/terms/"), PUBLIC),),
    "library:contact": (
        get(fixed("/contact/"), PUBLIC),
        post(
            fixed("/contact/"),
            everyone(DONE),
            data=lambda world: CONTACT_FORM,
            effect=_message_sent,
        ),
    ),
    "library:staff_site_page": (
        get(fixed("/staff/site/about/"), STAFF_ONLY),
        post(
            fixed("/staff/site/about/"),
            STAFF_ACTION,
            data=lambda world: {"title": "About the matrix", "body": "Text."},
            effect=_page_saved,
        ),
        get(
            fixed("/staff/site/careers/"),
            roles(FORBIDDEN, visitor=STAFF_ONLY["visitor"], staff=NOT_FOUND),
            label="GET an unknown page",
        ),
    ),
    "library:staff_contact_messages": (
        get(fixed("/staff/site/messages/"), STAFF_ONLY),
        post(
            fixed("/staff/site/messages/"),
            STAFF_ACTION,
            data=lambda world: {"message": str(world.site_message.pk), "action": "handle"},
            effect=_handled,
        ),
    ),
}
