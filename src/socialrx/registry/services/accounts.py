"""Listing an entity's accounts: add, update (with a dated follower count), remove.

Verified claimants of an entity and center staff do this (`registry.manage_accounts`). The
address is normalised per platform, so an account is listed once however it is written."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.core.platforms import AccountAddressError

from ..addresses import account_address
from ..freshness import mark_changed
from ..models import Account, AccountStatus, Entity, Snapshot
from ..models.accounts import MAX_FOLLOWERS
from .history import account_label, record_entity_change


def _check_followers(followers: int | None, checked_on: date | None) -> None:
    if followers is not None and not 0 <= followers <= MAX_FOLLOWERS:
        raise DomainError("Enter a follower count between 0 and 10 billion.", field="followers")
    if checked_on is not None and checked_on > timezone.localdate():
        raise DomainError("The date counted cannot be in the future.", field="checked_on")


def normalized_address(address: str, platform: str = "", *, field: str = "address"):
    """The account `address` names, refused beside `field` with a readable reason."""
    try:
        return account_address(address, platform or None)
    except AccountAddressError as error:
        raise DomainError(error.message, field=field) from None


def note_presence(entity_ids) -> None:
    """Refresh whether these entities have a listed account (after a listing or a removal)."""
    listed = Account.objects.filter(entity=OuterRef("pk"), removed_on__isnull=True)
    Entity.objects.filter(pk__in=list(entity_ids)).update(has_account=Exists(listed))


def _record_snapshot(account: Account, followers: int | None, checked_on: date) -> None:
    if followers is None:
        return
    Snapshot.objects.update_or_create(
        account=account, taken_on=checked_on, defaults={"followers": followers}
    )


@transaction.atomic
def add_account(
    *,
    actor,
    entity: Entity,
    address: str,
    platform: str = "",
    followers: int | None = None,
    verified: bool = False,
    status: str = AccountStatus.ACTIVE,
    checked_on: date | None = None,
    via: str = "manual",
) -> Account:
    """List an account for `entity`. An account listed (for any entity) is refused; one removed
    earlier is listed anew, its earlier listing kept as history."""
    require(actor, "registry.manage_accounts", entity)
    normalized = normalized_address(address, platform)
    _check_followers(followers, checked_on)
    today = timezone.localdate()
    checked_on = checked_on or today
    listed = (
        Account.objects.select_for_update()
        .select_related("entity")
        .filter(platform=normalized.platform, key=normalized.key, removed_on__isnull=True)
        .first()
    )
    if listed is not None:
        owner = "this listing" if listed.entity_id == entity.pk else listed.entity.display_name
        raise DomainError(
            f"{account_label(listed)} is already listed for {owner}.", field="address"
        )
    # A listing removed earlier stays as it was (adoption before its removal still counts it,
    # with its own follower history): listing the account again starts a new listing.
    try:
        with transaction.atomic():
            account = Account.objects.create(
                entity=entity,
                platform=normalized.platform,
                key=normalized.key,
                handle=normalized.handle,
                url=normalized.url,
                followers=followers,
                verified=verified,
                status=status,
                first_listed=today,
                last_checked=checked_on if followers is not None else None,
            )
    except IntegrityError:
        raise DomainError(
            "This account was just listed by someone else; reload the page.", field="address"
        ) from None
    _record_snapshot(account, followers, checked_on)
    note_presence([entity.pk])
    record_entity_change(
        actor=actor,
        action="registry.account.added",
        entity=entity,
        before={},
        after={"account": account_label(account), "url": account.url, "followers": followers},
        via=via,
    )
    mark_changed(entity)
    return account


@transaction.atomic
def update_account(
    *,
    actor,
    account: Account,
    followers: int | None,
    verified: bool,
    status: str,
    checked_on: date | None = None,
) -> Account:
    """Change an account's flags and record its follower count on a day (a snapshot). An
    older count than the latest one fills in history without replacing the current figure."""
    require(actor, "registry.manage_accounts", account.entity)
    if status not in AccountStatus.values:
        raise DomainError("Choose Active or Dormant.", field="status")
    _check_followers(followers, checked_on)
    checked_on = checked_on or timezone.localdate()
    account = Account.objects.select_for_update().select_related("entity").get(pk=account.pk)
    if not account.is_listed:
        raise DomainError(f"{account_label(account)} was removed: add it again to list it.")
    before = {
        "followers": account.followers,
        "verified": account.verified,
        "status": account.status,
    }
    account.verified, account.status = verified, status
    is_latest = account.last_checked is None or checked_on >= account.last_checked
    if followers is not None and is_latest:
        account.followers, account.last_checked = followers, checked_on
    account.save(update_fields=["followers", "last_checked", "verified", "status", "updated_at"])
    _record_snapshot(account, followers, checked_on)
    after = {"followers": account.followers, "verified": account.verified, "status": account.status}
    changed = {key for key in after if after[key] != before[key]}
    record_entity_change(
        actor=actor,
        action="registry.account.updated",
        entity=account.entity,
        before={"account": account_label(account), **{k: before[k] for k in changed}},
        after={
            "account": account_label(account),
            **{k: after[k] for k in changed},
            **({"counted": checked_on} if followers is not None else {}),
        },
        via="manual",
    )
    mark_changed(account.entity)
    return account


@transaction.atomic
def remove_account(*, actor, account: Account, reason: str = "", via: str = "manual") -> Account:
    """Stop listing an account. Its history stays: adoption before today still counts it."""
    require(actor, "registry.manage_accounts", account.entity)
    account = Account.objects.select_for_update().select_related("entity").get(pk=account.pk)
    if not account.is_listed:
        raise DomainError(f"{account_label(account)} was already removed.")
    today = timezone.localdate()
    account.removed_on = max(today, account.first_listed)
    account.save(update_fields=["removed_on", "updated_at"])
    note_presence([account.entity_id])
    record_entity_change(
        actor=actor,
        action="registry.account.removed",
        entity=account.entity,
        before={"account": account_label(account)},
        after={
            "account": account_label(account),
            "removed_on": account.removed_on,
            "reason": reason.strip()[:300],
        },
        via=via,
    )
    mark_changed(account.entity)
    return account
