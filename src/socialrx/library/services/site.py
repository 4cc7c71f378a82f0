"""The site's own pages and the contact form.

- Staff edit About, Contact, Privacy and Terms in Markdown (`library.site_page.updated`, the
  text before and after kept in the audit log: the terms members agreed to can be read back).
- Anyone sends a message with the contact form: it is stored and emailed to the center's
  staff address (settings.CENTER_STAFF_EMAIL; every active staff member when it is empty).
  One client address may send a few messages an hour (settings
  LIBRARY_CONTACT_MESSAGES_PER_HOUR); the form's honeypot keeps most robots out before this.
- Staff mark a message handled, or waiting again (`library.contact_message.handled`,
  `.reopened`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.markdown import render
from socialrx.core.permissions import require
from socialrx.core.ratelimit import count_hit

from ..models import ContactMessage, ContactTopic, SitePage, SitePageKey
from ..selectors.site import VERSION_KEY
from ..site_links import absolute_page

TITLE_LIMIT = 120
BODY_LIMIT = 100_000
HOUR = 60 * 60
CONTACT_LIMITS = {"name": 120, "email": 254, "organization": 200, "message": 5000}


class TooManyMessages(DomainError):
    status_code = 429


@transaction.atomic(durable=True)
def update_site_page(*, actor, key: str, title: str, body: str) -> SitePage:
    require(actor, "library.manage")
    if key not in SitePageKey.values:
        raise NotFound("There is no such page.")
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise DomainError("Give the page a title.", field="title")
    if len(title) > TITLE_LIMIT:
        raise DomainError(f"Keep the title to {TITLE_LIMIT} characters.", field="title")
    if not body:
        raise DomainError("The page needs some text.", field="body")
    if len(body) > BODY_LIMIT:
        raise DomainError(f"Keep the text to {BODY_LIMIT:,} characters.", field="body")
    page = SitePage.objects.select_for_update().filter(key=key).first()
    before = audit.snapshot(page, ["title", "body"]) if page is not None else {}
    if page is None:
        page = SitePage(key=key)
    page.title, page.body, page.body_html = title, body + "\n", render(body)
    page.updated_by = actor
    page.save()
    audit.record(
        actor=actor,
        action="library.site_page.updated",
        target=page,
        before=before,
        after=audit.snapshot(page, ["title", "body"]),
    )
    transaction.on_commit(_move_pages_version)
    return page


def _move_pages_version() -> None:
    cache.set(VERSION_KEY, timezone.now().timestamp(), None)


def staff_recipients() -> list[str]:
    """Where contact messages go: the configured address(es), else every active staff member."""
    configured = [a.strip() for a in settings.CENTER_STAFF_EMAIL.split(",") if a.strip()]
    if configured:
        return configured
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(staff.values_list("email", flat=True)))


def _throttle(ip_address: str | None) -> None:
    limit = settings.LIBRARY_CONTACT_MESSAGES_PER_HOUR
    if count_hit(f"library:contact:{ip_address or 'unknown'}", window_seconds=HOUR) > limit:
        raise TooManyMessages(
            f"We have received {limit} messages from this connection in the last hour, the "
            "most we accept. Please try again in an hour."
        )


def _clean_contact(data: dict) -> dict:
    values = {name: " ".join((data.get(name) or "").split()) for name in CONTACT_LIMITS}
    values["message"] = (data.get("message") or "").strip()
    for name in ("name", "email", "message"):
        if not values[name]:
            raise DomainError("This field is required.", field=name)
    for name, limit in CONTACT_LIMITS.items():
        if len(values[name]) > limit:
            raise DomainError(f"Keep this to {limit:,} characters.", field=name)
    topic = data.get("topic") or ""
    if topic not in ContactTopic.values:
        raise DomainError("Choose what your message is about.", field="topic")
    values["topic"] = topic
    return values


@transaction.atomic(durable=True)
def send_contact_message(*, sender, ip_address: str | None, data: dict) -> ContactMessage:
    """Store a visitor's or member's message and email it to staff after commit."""
    values = _clean_contact(data)
    _throttle(ip_address)
    person = sender if getattr(sender, "is_authenticated", False) else None
    message = ContactMessage.objects.create(sender=person, **values)
    recipients = staff_recipients()
    if recipients:
        queue_templated_email(
            to=recipients,
            template="library/email/contact_message",
            context={
                "message": message,
                "topic": message.get_topic_display(),
                "staff_url": absolute_page("library:staff_contact_messages"),
            },
            triggered_by=None,
        )
    return message


@transaction.atomic(durable=True)
def set_contact_message_handled(*, actor, message_id: int, handled: bool) -> ContactMessage:
    require(actor, "library.manage")
    message = ContactMessage.objects.select_for_update().filter(pk=message_id).first()
    if message is None:
        raise NotFound("There is no such message.")
    if (message.handled_at is not None) == handled:
        return message  # already so: a second click changes nothing
    before = audit.snapshot(message, ["handled_at", "handled_by_id"])
    message.handled_at = timezone.now() if handled else None
    message.handled_by = actor if handled else None
    message.save(update_fields=["handled_at", "handled_by"])
    audit.record(
        actor=actor,
        action="library.contact_message." + ("handled" if handled else "reopened"),
        target=message,
        before=before,
        after=audit.snapshot(message, ["handled_at", "handled_by_id"]),
    )
    return message
