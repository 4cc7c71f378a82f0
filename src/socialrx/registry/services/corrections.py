"""Corrections: anyone, signed in or not, suggests a fix to an entity; center staff accept
(the change is then made, with history) or decline it."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.core.ratelimit import count_hit

from ..models import Account, Correction, CorrectionKind, CorrectionStatus, Entity
from .accounts import add_account, normalized_address, remove_account
from .entities import clean_detail, update_entity_details

# Suggestions per hour: enough for a real person fixing their hospital's listing, too few for a
# flood. People who are not signed in are counted by address; signed-in people by account and
# by address (a hospital's staff may share one address, hence the higher figure).
ANONYMOUS_LIMIT_PER_HOUR = 10
ACCOUNT_LIMIT_PER_HOUR = 20
SIGNED_IN_ADDRESS_LIMIT_PER_HOUR = 60
HOUR = 60 * 60


class TooManySuggestions(DomainError):
    status_code = 429


def _throttle(actor, ip_address: str | None) -> None:
    address = ip_address or "unknown"
    if not getattr(actor, "is_authenticated", False):
        if count_hit(f"corrections:anonymous:{address}", window_seconds=HOUR) > (
            ANONYMOUS_LIMIT_PER_HOUR
        ):
            raise TooManySuggestions(
                f"Too many suggestions from this connection in the last hour (at most "
                f"{ANONYMOUS_LIMIT_PER_HOUR}). Sign in, or try again later."
            )
        return
    if count_hit(f"corrections:account:{actor.pk}", window_seconds=HOUR) > (ACCOUNT_LIMIT_PER_HOUR):
        raise TooManySuggestions(
            f"You have sent {ACCOUNT_LIMIT_PER_HOUR} suggestions in the last hour, the most "
            "one account may. Staff review them in order; please try again in an hour."
        )
    if count_hit(f"corrections:signed-in:{address}", window_seconds=HOUR) > (
        SIGNED_IN_ADDRESS_LIMIT_PER_HOUR
    ):
        raise TooManySuggestions(
            "Too many suggestions from this connection in the last hour. Try again later."
        )


def _validated(correction: Correction) -> None:
    kind = correction.kind
    if kind == CorrectionKind.DETAILS:
        correction.proposed_value = clean_detail(correction.field, correction.proposed_value)
    elif kind == CorrectionKind.ADD_ACCOUNT:
        address = normalized_address(
            correction.proposed_value, correction.platform, field="proposed_value"
        )
        correction.platform, correction.proposed_value = address.platform, address.url
        if Account.objects.filter(
            platform=address.platform, key=address.key, removed_on__isnull=True
        ).exists():
            raise DomainError(
                "That account is already listed in the registry.", field="proposed_value"
            )
    elif kind == CorrectionKind.REMOVE_ACCOUNT:
        account = correction.account
        if account is None or account.entity_id != correction.entity_id or not account.is_listed:
            raise DomainError("Choose one of the listed accounts.", field="account")
    elif kind != CorrectionKind.OTHER:
        raise DomainError("Choose what is wrong.", field="kind")
    if kind == CorrectionKind.OTHER and not correction.explanation.strip():
        raise DomainError("Describe what is wrong.", field="explanation")


@transaction.atomic
def suggest_correction(
    *,
    actor,
    entity: Entity,
    kind: str,
    field: str = "",
    proposed_value: str = "",
    platform: str = "",
    account: Account | None = None,
    explanation: str = "",
    contact_email: str = "",
    ip_address: str | None = None,
) -> Correction:
    """Anyone may suggest; nothing changes until staff accept."""
    correction = Correction(
        entity=entity,
        kind=kind,
        field=field if kind == CorrectionKind.DETAILS else "",
        proposed_value=(proposed_value or "").strip(),
        platform=platform if kind == CorrectionKind.ADD_ACCOUNT else "",
        account=account if kind == CorrectionKind.REMOVE_ACCOUNT else None,
        explanation=(explanation or "").strip()[:2000],
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        contact_email=(contact_email or "").strip().lower()
        or (getattr(actor, "email", "") if getattr(actor, "is_authenticated", False) else ""),
    )
    _validated(correction)
    _throttle(actor, ip_address)
    correction.save()
    return correction


def _locked_pending(correction: Correction) -> Correction:
    correction = (
        # Only the correction row is locked: PostgreSQL refuses FOR UPDATE on an outer join.
        Correction.objects.select_for_update(of=("self",))
        .select_related("entity", "account__entity")
        .get(pk=correction.pk)
    )
    if correction.status != CorrectionStatus.PENDING:
        raise DomainError(f"This suggestion was already {correction.get_status_display().lower()}.")
    return correction


@transaction.atomic
def accept_correction(*, actor, correction: Correction, note: str = "") -> Correction:
    """Make the suggested change (through the same services as any other change)."""
    require(actor, "registry.review_corrections")
    correction = _locked_pending(correction)
    via = f"correction:{correction.public_id}"
    if correction.kind == CorrectionKind.DETAILS:
        update_entity_details(
            actor=actor,
            entity=correction.entity,
            changes={correction.field: correction.proposed_value},
            via=via,
        )
    elif correction.kind == CorrectionKind.ADD_ACCOUNT:
        add_account(
            actor=actor,
            entity=correction.entity,
            address=correction.proposed_value,
            platform=correction.platform,
            via=via,
        )
    elif correction.kind == CorrectionKind.REMOVE_ACCOUNT:
        if correction.account is None:  # deleted since (the link is SET_NULL)
            raise DomainError("That account is no longer in the registry: decline the suggestion.")
        remove_account(
            actor=actor,
            account=correction.account,
            # A reader's explanation may hold their name or contact: history (which the
            # public sees) says only where the removal came from.
            reason="A reader's correction, checked by center staff.",
            via=via,
        )
    return _decide(actor, correction, CorrectionStatus.ACCEPTED, note)


@transaction.atomic
def decline_correction(*, actor, correction: Correction, note: str) -> Correction:
    require(actor, "registry.review_corrections")
    if not (note or "").strip():
        raise DomainError("Say why the suggestion is declined.", field="note")
    correction = _locked_pending(correction)
    return _decide(actor, correction, CorrectionStatus.REJECTED, note)


def _decide(actor, correction: Correction, status: str, note: str) -> Correction:
    correction.status, correction.review_note = status, (note or "").strip()[:1000]
    correction.reviewed_by, correction.reviewed_at = actor, timezone.now()
    correction.save()
    audit.record(
        actor=actor,
        action=f"registry.correction.{status}",
        target=correction,
        before={"status": CorrectionStatus.PENDING},
        after={"status": status, "proposed": correction.summary, "note": correction.review_note},
    )
    if correction.contact_email:  # the form promises to say when it is reviewed
        queue_templated_email(
            to=[correction.contact_email],
            template="registry/email/correction_reviewed",
            context={
                "correction": correction,
                "entity": correction.entity,
                "site_url": settings.SITE_URL,
            },
            triggered_by=actor,
        )
    return correction
