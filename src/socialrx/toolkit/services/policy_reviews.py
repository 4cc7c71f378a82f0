"""Legal review of a policy version through a share link.

- The org admin (`toolkit.build_policy`) creates a link for one version, for someone named
  ("Outside counsel"), optionally working until a date (a year at most). The link's secret is
  random, shown once; only its SHA-256 is stored, so a database copy opens nothing. Any admin
  of the organization revokes it, at once and for good. Both audited
  (`toolkit.policy_share.created`, `.revoked`).
- Anyone with a live link (not revoked, not past its date) comments on a clause with their
  name: plain text, kept as typed and shown escaped. Comments are rate-limited per link and
  client address, and audited without an actor (`toolkit.policy_review.commented`). They stay
  with the organization whatever becomes of the link."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require
from socialrx.core.ratelimit import count_hit

from ..models import PolicyReviewComment, PolicyShareLink, PolicyVersion
from ..policy_assembly import clause_keys
from ..review_links import LIVE, digest, link_state

LABEL_LIMIT = 120
NAME_LIMIT = 120
COMMENT_LIMIT = 4_000
LONGEST_LINK_DAYS = 366
# A reviewer writes a comment a minute at most; a script is stopped well before it floods.
COMMENTS_PER_HOUR = 30  # per link and client address
COMMENTS_PER_DAY = 300  # per link, everyone together
SECRET_BYTES = 24  # 32 URL-safe characters


class RateLimited(DomainError):
    status_code = 429

    def __init__(self):
        super().__init__(
            "Too many comments from here in a short time: wait a while, then send this one "
            "again. What you wrote is kept in the box below.",
            code="rate_limited",
        )


@dataclass(frozen=True)
class NewLink:
    link: PolicyShareLink
    secret: str  # shown once, in the link's URL


@transaction.atomic(durable=True)
def create_share_link(
    *, actor, version: PolicyVersion, label: str, expires_on: date | None = None
) -> NewLink:
    require(actor, "toolkit.build_policy", version.policy)
    label = " ".join((label or "").split())
    if not label:
        raise DomainError("Say who the link is for (for example “Outside counsel”).", field="label")
    if len(label) > LABEL_LIMIT:
        raise DomainError(f"Keep this under {LABEL_LIMIT} characters.", field="label")
    today = center_today()
    if expires_on is not None and not today <= expires_on <= today + timedelta(
        days=LONGEST_LINK_DAYS
    ):
        raise DomainError(
            "Choose a date from today to a year from now, or leave it empty.", field="expires_on"
        )
    secret = secrets.token_urlsafe(SECRET_BYTES)
    link = PolicyShareLink.objects.create(
        version=version,
        label=label,
        lookup_digest=digest(secret),
        expires_on=expires_on,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="toolkit.policy_share.created",
        target=link,
        after={"version": version.number, "label": label, "expires_on": expires_on},
    )
    return NewLink(link, secret)


@transaction.atomic(durable=True)
def revoke_share_link(*, actor, link: PolicyShareLink) -> PolicyShareLink:
    """Any admin of the organization may revoke, member or not any more
    (`toolkit.revoke_policy_link`): a link that leaked must be stoppable whatever the state of
    the membership."""
    require(actor, "toolkit.revoke_policy_link", link.version.policy)
    link = PolicyShareLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None:
        raise Conflict("This link was already revoked.", code="already_revoked")
    link.revoked_at = timezone.now()
    link.revoked_by = actor
    link.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(
        actor=actor,
        action="toolkit.policy_share.revoked",
        target=link,
        before={"revoked_at": None},
        after={"revoked_at": link.revoked_at, "label": link.label},
    )
    return link


class LinkClosed(DomainError):
    status_code = 410

    def __init__(self, state: str):
        super().__init__(f"This review link is {state}.", code=state)
        self.state = state


@transaction.atomic(durable=True)
def add_review_comment(
    *, link: PolicyShareLink, clause_key: str, reviewer_name: str, body: str, client: str
) -> PolicyReviewComment:
    """A reviewer's comment on one clause of the link's version. `client` is the client's
    address, for the rate limit."""
    link = PolicyShareLink.objects.select_related("version").get(pk=link.pk)
    state = link_state(link)
    if state != LIVE:
        raise LinkClosed(state)
    name = " ".join((reviewer_name or "").split())
    text = (body or "").replace("\r\n", "\n").strip()
    if clause_key not in clause_keys(link.version.sections):
        raise DomainError("Choose a clause of this policy to comment on.", field="clause")
    if not name:
        raise DomainError("Give your name, so the organization knows who wrote.", field="name")
    if len(name) > NAME_LIMIT:
        raise DomainError(f"Keep your name under {NAME_LIMIT} characters.", field="name")
    if not text:
        raise DomainError("Write your comment.", field="comment")
    if len(text) > COMMENT_LIMIT:
        raise DomainError(
            f"Keep a comment under {COMMENT_LIMIT:,} characters (this one has {len(text):,}).",
            field="comment",
        )
    hourly = count_hit(f"toolkit:review:{link.pk}:{client}", window_seconds=3600)
    daily = count_hit(f"toolkit:review:{link.pk}", window_seconds=86_400)
    if hourly > COMMENTS_PER_HOUR or daily > COMMENTS_PER_DAY:
        raise RateLimited()
    comment = PolicyReviewComment.objects.create(
        link=link, version=link.version, clause_key=clause_key, reviewer_name=name, body=text
    )
    audit.record(
        actor=None,
        action="toolkit.policy_review.commented",
        target=comment,
        after={"link": link.label, "clause": clause_key, "reviewer": name, "length": len(text)},
    )
    return comment


__all__ = [
    "COMMENT_LIMIT",
    "LinkClosed",
    "NewLink",
    "RateLimited",
    "add_review_comment",
    "create_share_link",
    "revoke_share_link",
]
