"""Mailing lists: email an app sends many people on its own initiative (the monthly digest,
forum notifications), which each person may leave, unlike transactional email (a receipt, an
invitation: `core.email`), which follows from what they did.

An app declares its lists as email streams in its Plugins (`EmailStream(key, label,
description)`, see core.plugins) and sends one person one message with `queue_list_email`:

    mailing.queue_list_email(
        user=member, stream="library.digest", template="library/email/digest",
        context={"sections": sections},
    )

It sends nothing to a person who left the list (or has no address, or is deactivated). The
templates (`<template>_subject.txt`, `.txt`, `.html`) get `unsubscribe_url`,
`preferences_url` and `stream` besides the context, and end with the shared footer:
`{% include "core/email/list_footer.txt" %}` / `.html`. Every message carries the headers of
RFC 2369 and RFC 8058 (`List-Unsubscribe: <url>`, `List-Unsubscribe-Post:
List-Unsubscribe=One-Click`), so that mail programs show their own "Unsubscribe" button, which
POSTs to the link without a cookie or a CSRF token.

For many people at once, `subscribed_user_ids(ids, key)` answers in one query, and each
`queue_list_email(..., checked=True)` then asks nothing more.

The link holds a token signed with SECRET_KEY (`django.core.signing`, a salt of its own) naming
the person and the list. It does not expire (last year's digest still unsubscribes) and proves
nothing beyond the right to leave that one list: the page it opens shows which list, and
leaving takes a POST (a link checker following the link leaves nobody unsubscribed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse

from . import audit
from .email import queue_templated_email
from .errors import DomainError, NotFound
from .models import EmailOptOut
from .plugins import EmailStream, registry

__all__ = [
    "EmailStream",
    "is_subscribed",
    "opt_in",
    "opt_out",
    "person_and_stream",
    "queue_list_email",
    "save_preferences",
    "streams",
    "subscribed_user_ids",
    "unsubscribe_url",
]

UNSUBSCRIBE_SALT = "socialrx.core.mailing.unsubscribe"
AUDIT_ACTION = "core.email_preference.changed"
ONE_CLICK = "List-Unsubscribe=One-Click"


class BadUnsubscribeLink(DomainError):
    status_code = 400


# --- the declared lists -----------------------------------------------------------------------


def streams() -> tuple[EmailStream, ...]:
    """Every list the installed apps declare, in INSTALLED_APPS order."""
    return registry().email_streams


def stream_named(key: str) -> EmailStream | None:
    return next((stream for stream in streams() if stream.key == key), None)


def _declared(stream: str | EmailStream) -> EmailStream:
    key = stream.key if isinstance(stream, EmailStream) else stream
    found = stream_named(key)
    if found is None:
        raise ValueError(
            f"No app declares the email stream {key!r}: add EmailStream({key!r}, ...) to the "
            "app's Plugins(email_streams=[...])."
        )
    return found


# --- who receives a list ----------------------------------------------------------------------


def is_subscribed(user, key: str) -> bool:
    """One query: whether `user` receives the list `key` (everyone does until they leave)."""
    return not EmailOptOut.objects.filter(user=user, stream=key).exists()


def subscribed_user_ids(user_ids: Iterable[int], key: str) -> set[int]:
    """Of `user_ids`, those who receive the list `key`: one query (none for no ids)."""
    ids = set(user_ids)
    if not ids:
        return set()
    left = EmailOptOut.objects.filter(stream=key, user_id__in=ids).values_list("user_id", flat=True)
    return ids - set(left)


def left_streams(user) -> set[str]:
    """The keys of the lists `user` left: one query."""
    return set(EmailOptOut.objects.filter(user=user).values_list("stream", flat=True))


# --- leaving and joining ----------------------------------------------------------------------


def _record(user, key: str, *, subscribed: bool, via: str) -> None:
    audit.record(
        actor=user,
        action=AUDIT_ACTION,
        target=user,
        before={"stream": key, "subscribed": not subscribed},
        after={"stream": key, "subscribed": subscribed, "via": via},
    )


def _checked_key(key: str) -> str:
    if not key or len(key) > EmailOptOut._meta.get_field("stream").max_length:
        raise DomainError("No such mailing list.", code="unknown_stream")
    return key


@transaction.atomic
def opt_out(user, key: str, *, via: str = "preferences") -> bool:
    """`user` leaves the list `key` (audited). Leaving twice changes nothing the second time:
    returns whether this call changed it."""
    _, created = EmailOptOut.objects.get_or_create(user=user, stream=_checked_key(key))
    if created:
        _record(user, key, subscribed=False, via=via)
    return created


@transaction.atomic
def opt_in(user, key: str, *, via: str = "preferences") -> bool:
    """`user` receives the list `key` again (audited); returns whether this call changed it."""
    deleted, _ = EmailOptOut.objects.filter(user=user, stream=_checked_key(key)).delete()
    if deleted:
        _record(user, key, subscribed=True, via=via)
    return bool(deleted)


@transaction.atomic
def save_preferences(user, *, subscribed: Iterable[str]) -> list[str]:
    """The preferences page: `user` receives the declared lists in `subscribed` and none of
    the others. Returns the keys that changed."""
    wanted = set(subscribed)
    left = left_streams(user)
    changed = []
    for stream in streams():
        if stream.key in wanted and stream.key in left:
            opt_in(user, stream.key)
            changed.append(stream.key)
        elif stream.key not in wanted and stream.key not in left:
            opt_out(user, stream.key)
            changed.append(stream.key)
    return changed


# --- the unsubscribe link ---------------------------------------------------------------------


def _signer() -> signing.Signer:
    return signing.Signer(salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user, key: str) -> str:
    return _signer().sign_object({"u": user.pk, "s": key})


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(user, key: str) -> str:
    """The absolute address that takes `user` off the list `key` (no sign-in needed)."""
    return _absolute(reverse("email_unsubscribe", args=[unsubscribe_token(user, key)]))


def preferences_url() -> str:
    return _absolute(reverse("email_preferences"))


def person_and_stream(token: str):
    """(person, list key) of an unsubscribe link's token. A token that was not signed here
    (cut short by a mail program, changed) is refused with 400; one whose person is gone, 404."""
    try:
        data = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise BadUnsubscribeLink(
            "This unsubscribe link is not complete: it may have been cut short when it was "
            "copied. Open it again from the email, or sign in and change your email "
            "preferences.",
            code="bad_token",
        ) from error
    user_id, key = data.get("u"), data.get("s")
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        raise NotFound("The account this link was sent to no longer exists.")
    return person, key


# --- sending ----------------------------------------------------------------------------------


def queue_list_email(
    *,
    user,
    stream: str | EmailStream,
    template: str,
    context: dict[str, Any],
    triggered_by=None,
    checked: bool = False,
) -> bool:
    """Send `user` one message of the list `stream` after commit, unless they left it (one
    query; none with `checked=True`, when the caller filtered with `subscribed_user_ids`), have
    no address or are deactivated. Returns whether it was queued."""
    declared = _declared(stream)
    if not getattr(user, "email", "") or not user.is_active:
        return False
    if not checked and not is_subscribed(user, declared.key):
        return False
    url = unsubscribe_url(user, declared.key)
    queue_templated_email(
        to=[user.email],
        template=template,
        context={
            **context,
            "stream": declared,
            "unsubscribe_url": url,
            "preferences_url": preferences_url(),
        },
        triggered_by=triggered_by,
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": ONE_CLICK},
    )
    return True
