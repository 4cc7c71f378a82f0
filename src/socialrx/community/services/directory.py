"""Writes of the member directory: a person's own entry, an organization's entry, and the
messages members send each other through it.

- The directory is opt-in: an entry is made unlisted and listed only when its person (or an
  admin of its organization) ticks "listed". A person needs a full name to be listed (the
  directory never shows an email address in place of a name), and their entry shows only one
  of their own organizations.
- A message goes by email to a listed person who accepts messages, with the sender's name,
  organization and address as Reply-To, so the recipient chooses whether to answer: the
  recipient's address is never shown to the sender. A sender sends at most
  `DAILY_MESSAGE_LIMIT` messages a day (the center's day); the row kept for counting holds the
  subject, never the body. A message that cannot be delivered is recorded for staff, not
  shown to the sender (the failure notice would show the recipient's address)."""

from __future__ import annotations

from email.utils import formataddr

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from socialrx.core import audit
from socialrx.core.email import single_line
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.locks import hold_transaction_lock, lock_key
from socialrx.core.permissions import require
from socialrx.core.validators import describe_character, first_control_character
from socialrx.membership.selectors import memberships_with_benefits
from socialrx.organizations.models import Organization, Seat

from ..models import DirectoryMessage, DirectoryProfile, OrganizationEntry
from ..selectors.directory import (
    DAILY_MESSAGE_LIMIT,
    listed_person,
    messages_sent_today,
)
from ..tasks_directory import send_directory_message

SUBJECT_LIMIT = 150
MESSAGE_LIMIT = 5_000
BIO_LIMIT = 500
ROLE_LIMIT = 120
DESCRIPTION_LIMIT = 600
EMAIL_TEMPLATE = "community/email/directory_message"

NEEDS_A_NAME = "Add your full name to your account profile before you list yourself."
NOT_YOURS = "Choose one of your own organizations."
LIMIT_REACHED = "You have sent {limit} messages today; the limit resets at midnight."
OWN_ENTRY = "This is your own entry: there is nobody to send the message to."
NO_MESSAGES = "{name} does not accept messages through the directory."


class TooManyMessages(DomainError):
    status_code = 429


# --- text checks ----------------------------------------------------------------------------

LINE_BREAKS = {"\n", "\r", "\t"}


def _text(value, *, field: str, limit: int, multiline: bool, required: bool = False) -> str:
    """`value` stripped, within `limit` characters, without control characters (a
    multi-line text keeps its line breaks and tabs)."""
    text = (value or "").strip()
    if required and not text:
        raise DomainError("This field is required.", field=field)
    if len(text) > limit:
        raise DomainError(f"Keep this to {limit:,} characters.", field=field)
    checked = "".join(char for char in text if char not in LINE_BREAKS) if multiline else text
    char = first_control_character(checked)
    if char is not None:
        what = describe_character(char)
        raise DomainError(f"Use plain text: this contains {what}.", field=field)
    return text


# --- a person's own entry -------------------------------------------------------------------


def _entry_snapshot(profile: DirectoryProfile) -> dict:
    return {
        "is_listed": profile.is_listed,
        "role_title": profile.role_title,
        "organization": profile.organization.name if profile.organization_id else "",
        "bio": profile.bio,
        "accepts_messages": profile.accepts_messages,
        "platforms": [platform.code for platform in profile.platforms.all()],
        "expertise": [topic.slug for topic in profile.expertise.all()],
    }


def _clean_entry(actor, data: dict) -> dict:
    values = {
        "is_listed": bool(data.get("is_listed")),
        "accepts_messages": bool(data.get("accepts_messages")),
        "role_title": _text(
            data.get("role_title"), field="role_title", limit=ROLE_LIMIT, multiline=False
        ),
        "bio": _text(data.get("bio"), field="bio", limit=BIO_LIMIT, multiline=True),
    }
    organization = data.get("organization")
    if (
        organization is not None
        and not Seat.objects.filter(user=actor, organization=organization).exists()
    ):
        raise DomainError(NOT_YOURS, field="organization")
    values["organization"] = organization
    if values["is_listed"] and not actor.full_name.strip():
        raise DomainError(NEEDS_A_NAME, field="is_listed")
    return values


@transaction.atomic(durable=True)
def update_directory_entry(*, actor, data: dict) -> DirectoryProfile:
    """Make or change the person's own entry. `data`: is_listed, role_title, organization
    (one of theirs, or None), bio, platforms and expertise (taxonomy rows), accepts_messages."""
    require(actor, "community.use_directory")
    values = _clean_entry(actor, data)
    profile, created = DirectoryProfile.objects.select_for_update().get_or_create(user=actor)
    before = {} if created else _entry_snapshot(profile)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save(update_fields=[*values, "updated_at"])
    profile.platforms.set(data.get("platforms") or [])
    profile.expertise.set(data.get("expertise") or [])
    audit.record(
        actor=actor,
        action="community.directory_entry.updated",
        target=profile,
        before=before,
        after=_entry_snapshot(profile),
    )
    return profile


# --- an organization's entry ----------------------------------------------------------------


def _organization_snapshot(entry: OrganizationEntry) -> dict:
    return {
        "is_listed": entry.is_listed,
        "description": entry.description,
        "platforms": [platform.code for platform in entry.platforms.all()],
    }


@transaction.atomic(durable=True)
def update_organization_entry(
    *, actor, organization: Organization, data: dict
) -> OrganizationEntry:
    """Make or change an organization's entry (its admins). `data`: is_listed, description,
    platforms (taxonomy rows)."""
    require(actor, "community.list_organization", organization)
    description = _text(
        data.get("description"), field="description", limit=DESCRIPTION_LIMIT, multiline=True
    )
    entry, created = OrganizationEntry.objects.select_for_update().get_or_create(
        organization=organization
    )
    before = {} if created else _organization_snapshot(entry)
    entry.is_listed = bool(data.get("is_listed"))
    entry.description = description
    entry.save(update_fields=["is_listed", "description", "updated_at"])
    entry.platforms.set(data.get("platforms") or [])
    audit.record(
        actor=actor,
        action="community.organization_entry.updated",
        target=entry,
        before=before,
        after=_organization_snapshot(entry),
    )
    return entry


# --- messages -------------------------------------------------------------------------------


def sender_organization(sender) -> Organization | None:
    """The organization a message names its sender by: the one their own entry shows, else
    the first (by name) of their organizations holding benefits (one or two queries)."""
    shown = (
        DirectoryProfile.objects.filter(
            user=sender, organization__seats__user=sender, organization__isnull=False
        )
        .select_related("organization")
        .first()
    )
    if shown is not None:
        return shown.organization
    return (
        Organization.objects.filter(
            seats__user=sender, pk__in=memberships_with_benefits().values("organization_id")
        )
        .order_by("name")
        .first()
    )


def _queue_email(*, sender, recipient, subject: str, message: str) -> None:
    organization = sender_organization(sender)
    sender_name = single_line(sender.full_name) or sender.email
    context = {
        "sender_name": sender_name,
        "sender_title": single_line(sender.professional_title),
        "organization": organization.name if organization else "",
        "recipient_name": recipient.full_name,
        "subject": subject,
        "message": message,
        "entry_url": settings.SITE_URL.rstrip("/") + reverse("community:my_entry"),
    }
    email_subject = single_line(render_to_string(f"{EMAIL_TEMPLATE}_subject.txt", context))
    text_body = render_to_string(f"{EMAIL_TEMPLATE}.txt", context)
    html_body = render_to_string(f"{EMAIL_TEMPLATE}.html", context)
    reply_to = formataddr((sender_name, sender.email))
    transaction.on_commit(
        lambda: send_directory_message.delay(
            to=[recipient.email],
            reply_to=[reply_to],
            subject=email_subject,
            text_body=text_body,
            html_body=html_body,
        )
    )


@transaction.atomic(durable=True)
def send_message(*, sender, recipient_public_id, subject: str, message: str) -> DirectoryMessage:
    """Email a listed person who accepts messages. Refused: an unknown or unlisted person
    (NotFound), oneself, a person who does not accept messages (Conflict), the eleventh
    message of the day (TooManyMessages)."""
    require(sender, "community.use_directory")
    profile = listed_person(recipient_public_id)
    recipient = profile.user
    if recipient.pk == sender.pk:
        raise DomainError(OWN_ENTRY, code="own_entry")
    if not profile.accepts_messages:
        raise Conflict(NO_MESSAGES.format(name=recipient.full_name), code="no_messages")
    subject = _text(subject, field="subject", limit=SUBJECT_LIMIT, multiline=False, required=True)
    message = _text(message, field="message", limit=MESSAGE_LIMIT, multiline=True, required=True)
    # Two sends at once count each other.
    hold_transaction_lock(lock_key(f"community.directory_message:{sender.pk}"))
    if messages_sent_today(sender) >= DAILY_MESSAGE_LIMIT:
        raise TooManyMessages(LIMIT_REACHED.format(limit=DAILY_MESSAGE_LIMIT), code="limit")
    sent = DirectoryMessage.objects.create(sender=sender, recipient=recipient, subject=subject)
    _queue_email(sender=sender, recipient=recipient, subject=subject, message=message)
    audit.record(
        actor=sender,
        action="community.directory_message.sent",
        target=sent,
        after={"recipient": recipient.public_id, "subject": subject},
    )
    return sent
