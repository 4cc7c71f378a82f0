"""Listing an entity's accounts: add, update (with a dated follower count), remove.

Verified claimants of an entity and center staff do this (`registry.manage_accounts`). The
address is normalised per platform, so an account is listed once however it is written."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..freshness import mark_changed
from ..models import Account, AccountStatus, Entity, Snapshot
from ..platforms import AccountAddressError, normalize_account
from .history import account_label, record_entity_change

MAX_FOLLOWERS = 10_000_000_000


def _check_followers(followers: int | None, checked_on: date | None) -> None:
    if followers is not None and not 0 <= followers <= MAX_FOLLOWERS:
        raise DomainError("Enter a follower count between 0 and 10 billion.", field="followers")
    if checked_on is not None and checked_on > timezone.localdate():
        raise DomainError("The date counted cannot be in the future.", field="checked_on")


def normalized_address(address: str, platform: str = "", *, field: str = "address"):
    """The account `address` names (see `registry.platforms`), refused with a readable reason
    when it is not an account's address or is too long to store."""
    try:
        normalized = normalize_account(address, platform or None)
    except AccountAddressError as error:
        raise DomainError(error.message, field=field) from None
    # A long site address grows when normalised (https:// added): the columns must hold it.
    too_long = any(
        len(getattr(normalized, name)) > Account._meta.get_field(name).max_length
        for name in ("handle", "key", "url")
    )
    if too_long:
        raise DomainError("This address is too long to be an account's address.", field=field)
    return normalized


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
    """List an account for `entity`. An account listed for another entity is refused; one
    removed earlier is listed again."""
    require(actor, "registry.manage_accounts", entity)
    normalized = normalized_address(address, platform)
    _check_followers(followers, checked_on)
    today = timezone.localdate()
    checked_on = checked_on or today
    account = (
        Account.objects.select_for_update()
        .select_related("entity")
        .filter(platform=normalized.platform, key=normalized.key)
        .first()
    )
    if account is not None and account.is_listed:
        owner = "this listing" if account.entity_id == entity.pk else account.entity.display_name
        raise DomainError(
            f"{account_label(account)} is already listed for {owner}.", field="address"
        )
    fields = {
        "entity": entity,
        "handle": normalized.handle,
        "url": normalized.url,
        "followers": followers,
        "verified": verified,
        "status": status,
        "last_checked": checked_on if followers is not None else None,
        "removed_on": None,
        "is_generated": False,
    }
    if account is None:
        try:
            with transaction.atomic():
                account = Account.objects.create(
                    platform=normalized.platform, key=normalized.key, first_listed=today, **fields
                )
        except IntegrityError:
            raise DomainError(
                "This account was just listed by someone else; reload the page.", field="address"
            ) from None
    else:
        # Listed again after a removal: the registry cannot show the gap, so it starts anew.
        for name, value in fields.items():
            setattr(account, name, value)
        account.first_listed = today
        account.save()
    _record_snapshot(account, followers, checked_on)
    record_entity_change(
        actor=actor,
        action="registry.account.added",
        entity=entity,
        before={},
        after={"account": account_label(account), "url": account.url, "followers": followers},
        via=via,
    )
    mark_changed()
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
    mark_changed()
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
    mark_changed()
    return account
