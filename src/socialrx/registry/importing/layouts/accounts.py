"""Layout of account files: one row per account (and, with a date, its follower count that
day). Several rows of one account with different dates load its history as snapshots.

Each row names its entity by CCN, NPI or registry id, and the account by a URL or handle,
which `socialrx.core.platforms` normalises, so `@MayoClinic` and `x.com/mayoclinic/` are one."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.platforms import AccountAddressError, Platform, platform_from_label
from socialrx.core.requests import is_uuid

from ...addresses import account_address
from ...models import Account, AccountStatus, Entity, EntityKind, Snapshot
from ...models.accounts import MAX_FOLLOWERS
from ...services.accounts import note_presence
from .. import values as v
from .base import BatchResult, Column, FileProblem, ImportContext, Layout, Parsed

ENTITY_COLUMNS = ("ccn", "npi", "registry_id")
ACCOUNT_HISTORY_FIELDS = ("followers", "verified", "status", "last_checked", "removed_on")


def _status(value: str) -> str | None:
    if v.is_null(value):
        return None
    wanted = value.strip().lower()
    for choice in AccountStatus:
        if wanted in (choice.value, choice.label.lower()):
            return choice.value
    raise v.RowRejected(f"Status “{value}” is not Active or Dormant.")


def _platform(value: str) -> str | None:
    if v.is_null(value):
        return None
    platform = platform_from_label(value)
    if platform is None:
        known = ", ".join(choice.label for choice in Platform)
        raise v.RowRejected(f"Platform “{value}” is not one the registry lists ({known}).")
    return platform


class AccountLayout(Layout):
    kind = "accounts"
    title = "Social media accounts"
    description = (
        "One row per account: the entity's CCN, NPI or registry id, and the account's URL or "
        "handle (with a Platform column when the handle alone does not say it). Optional: "
        "followers with the date they were counted, verified, status (active or dormant), "
        "first listed. Rows of one account on different dates load its follower history."
    )
    columns = (
        Column("ccn", ("CCN", "Facility ID", "Hospital CCN", "CMS Certification Number")),
        Column("npi", ("NPI",)),
        Column("registry_id", ("Registry ID", "Entity ID")),
        Column("platform", ("Platform", "Network", "Site")),
        Column("address", ("URL", "Handle", "Account", "Address", "Profile URL", "Account URL"),
               required=True, label="URL or handle"),
        Column("followers", ("Followers", "Follower Count", "Likes", "Page Likes", "Fans",
                             "Subscribers")),
        Column("verified", ("Verified",)),
        Column("status", ("Status",)),
        Column("first_listed", ("First Listed", "Listed On", "Listed Since")),
        Column("checked_on", ("Checked On", "Last Checked", "As Of", "Date", "Snapshot Date")),
    )  # fmt: skip

    def check_columns(self, present: frozenset[str]) -> None:
        if not present & set(ENTITY_COLUMNS):
            raise FileProblem(
                "This file does not say whose accounts these are: add a “CCN” column for "
                "hospitals, an “NPI” column for physicians, or a “Registry ID” column."
            )

    def parse(self, values, present, row_number) -> Parsed:
        data: dict[str, Any] = {"entity_ref": _entity_ref(values, present)}
        platform = _platform(values.get("platform", "")) if "platform" in present else None
        try:
            address = account_address(values.get("address", ""), platform)
        except AccountAddressError as error:
            raise v.RowRejected(error.message) from None
        data["address"] = address
        for name, reader in (
            ("followers", lambda x: v.integer(x, "Followers", maximum=MAX_FOLLOWERS)),
            ("verified", lambda x: v.boolean(x, "Verified")),
            ("status", _status),
            ("first_listed", lambda x: v.day(x, "First listed")),
            ("checked_on", lambda x: v.day(x, "Checked on")),
        ):
            data[name] = reader(values.get(name, "")) if name in present else None
        _check_dates(data)
        label = f"{Platform(address.platform).label} {address.handle}"
        key = (address.platform, address.key, data["checked_on"])
        return Parsed(row_number, key, label, data)

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        result = BatchResult()
        entities = _entities_for(batch)
        accounts = _accounts_for(batch)
        snapshots = _snapshots_for(accounts.values(), batch)
        work = _Work(context)
        for parsed in batch:
            entity = entities.get(parsed.data["entity_ref"])
            if entity is None:
                kind, value = parsed.data["entity_ref"]
                result.reject(parsed, f"No {kind} {value} in the registry.")
                continue
            outcome = work.apply(parsed, entity, accounts, snapshots)
            if outcome.startswith("refused:"):
                result.reject(parsed, outcome.removeprefix("refused:"))
            else:
                setattr(result, outcome, getattr(result, outcome) + 1)
        if not context.dry_run:
            work.write()
        return result


def _entity_ref(values: dict[str, str], present: frozenset[str]) -> tuple[str, str]:
    for column, kind, reader in (
        ("ccn", "hospital with CCN", v.ccn),
        ("npi", "physician with NPI", v.npi),
        ("registry_id", "entity with registry id", lambda x: x.strip().lower()),
    ):
        if column in present and not v.is_null(values.get(column, "")):
            return kind, reader(values[column])
    raise v.RowRejected("The row names no entity: its CCN, NPI and registry id are all empty.")


def _check_dates(data: dict[str, Any]) -> None:
    today = timezone.localdate()
    for name, label in (("first_listed", "First listed"), ("checked_on", "Checked on")):
        if data[name] and data[name] > today:
            raise v.RowRejected(f"{label} {data[name]:%Y-%m-%d} is in the future.")
    if data["followers"] is not None and data["checked_on"] is None:
        data["checked_on"] = today


def _entities_for(batch: list[Parsed]) -> dict[tuple[str, str], Entity]:
    refs = [parsed.data["entity_ref"] for parsed in batch]
    ccns = [value for kind, value in refs if kind.endswith("CCN")]
    npis = [value for kind, value in refs if kind.endswith("NPI")]
    ids = [value for kind, value in refs if kind.endswith("registry id") and is_uuid(value)]
    found = Entity.objects.filter(
        Q(kind=EntityKind.HOSPITAL, ccn__in=ccns)
        | Q(kind=EntityKind.PHYSICIAN, npi__in=npis)
        | Q(public_id__in=ids)
    )
    entities = {}
    for entity in found:
        if entity.ccn:
            entities[("hospital with CCN", entity.ccn)] = entity
        if entity.npi:
            entities[("physician with NPI", entity.npi)] = entity
        entities[("entity with registry id", str(entity.public_id))] = entity
    return entities


def _accounts_for(batch: list[Parsed]) -> dict[tuple[str, str], Account]:
    keys = {(p.data["address"].platform, p.data["address"].key) for p in batch}
    # Listed accounts only: a removed listing stays history, and the row lists the account anew.
    found = Account.objects.select_related("entity").filter(
        key__in={key for _, key in keys}, removed_on__isnull=True
    )
    return {(a.platform, a.key): a for a in found if (a.platform, a.key) in keys}


def _snapshots_for(accounts, batch) -> dict[tuple[int, Any], Snapshot]:
    days = {p.data["checked_on"] for p in batch if p.data["checked_on"]}
    found = Snapshot.objects.filter(account__in=list(accounts), taken_on__in=days)
    return {(s.account_id, s.taken_on): s for s in found}


class _Work:
    """The changes of one batch, applied in memory first (the dry run stops there)."""

    def __init__(self, context: ImportContext):
        self.context = context
        self.new_accounts: list[Account] = []
        self.changed_accounts: dict[int, Account] = {}
        self.new_snapshots: list[Snapshot] = []
        self.changed_snapshots: list[Snapshot] = []
        self.history: list[tuple[str, Account, dict, dict]] = []

    def apply(self, parsed: Parsed, entity: Entity, accounts, snapshots) -> str:
        data, address = parsed.data, parsed.data["address"]
        account = accounts.get((address.platform, address.key))
        if account is not None and account.entity_id != entity.pk and account.is_listed:
            return f"refused:This account is already listed for {account.entity.display_name}."
        if account is None:
            account = self._new_account(data, entity)
            accounts[(address.platform, address.key)] = account
            self._snapshot(account, data, snapshots)
            return "created"
        before, after = _update_account(account, data, entity)
        snapshot_changed = self._snapshot(account, data, snapshots)
        if after:
            self.history.append(("registry.account.updated", account, before, after))
            if account.pk is not None:
                self.changed_accounts[account.pk] = account
        return "updated" if after or snapshot_changed else "unchanged"

    def _new_account(self, data: dict[str, Any], entity: Entity) -> Account:
        address, today = data["address"], self.context.today
        listed = data["first_listed"] or data["checked_on"] or today
        account = Account(
            entity=entity,
            platform=address.platform,
            handle=address.handle,
            key=address.key,
            url=address.url,
            followers=data["followers"],
            verified=bool(data["verified"]),
            status=data["status"] or AccountStatus.ACTIVE,
            first_listed=min(listed, data["checked_on"] or listed),
            last_checked=data["checked_on"],
        )
        self.new_accounts.append(account)
        self.history.append(("registry.account.added", account, {}, _account_summary(account)))
        return account

    def _snapshot(self, account: Account, data: dict[str, Any], snapshots) -> bool:
        if data["followers"] is None or data["checked_on"] is None:
            return False
        existing = snapshots.get((account.pk, data["checked_on"])) if account.pk else None
        if existing is None:
            snapshot = Snapshot(account=account, taken_on=data["checked_on"],
                                followers=data["followers"])  # fmt: skip
            self.new_snapshots.append(snapshot)
            if account.pk:
                snapshots[(account.pk, data["checked_on"])] = snapshot
            return True
        if existing.followers == data["followers"]:
            return False
        existing.followers = data["followers"]
        self.changed_snapshots.append(existing)
        return True

    def write(self) -> None:
        now = timezone.now()
        Account.objects.bulk_create(self.new_accounts, batch_size=500)
        for snapshot in self.new_snapshots:
            snapshot.account_id = snapshot.account.pk  # set now that new accounts have ids
        Snapshot.objects.bulk_create(self.new_snapshots, batch_size=1000)
        Snapshot.objects.bulk_update(self.changed_snapshots, ["followers"], batch_size=1000)
        note_presence({account.entity_id for account in self.new_accounts})
        changed = list(self.changed_accounts.values())
        for account in changed:
            account.updated_at = now
        fields = ["entity", "first_listed", *ACCOUNT_HISTORY_FIELDS, "updated_at"]
        Account.objects.bulk_update(changed, fields, batch_size=500)
        audit.record_many(
            [
                audit.build(
                    actor=self.context.actor,
                    action=action,
                    target=account.entity,
                    before=before,
                    after={**after, "via": self.context.via},
                )
                for action, account, before, after in self.history
            ]
        )


def _update_account(account: Account, data: dict[str, Any], entity: Entity) -> tuple[dict, dict]:
    before, after = {}, {}

    def change(name: str, value: Any) -> None:
        current = getattr(account, name)
        if value is not None and current != value:
            before[name], after[name] = current, value
            setattr(account, name, value)

    change("verified", data["verified"])
    change("status", data["status"])
    # A count on a day shows the account existed then, as for a new account: adoption "as of"
    # that day must include it.
    known = [day for day in (data["first_listed"], data["checked_on"]) if day]
    if known and min(known) < account.first_listed:
        change("first_listed", min(known))
    newer = data["checked_on"] and (
        account.last_checked is None or data["checked_on"] >= account.last_checked
    )
    if newer:
        change("last_checked", data["checked_on"])
        change("followers", data["followers"])
    if after:
        after = {"account": f"{account.get_platform_display()} {account.handle}", **after}
    return before, after


def _account_summary(account: Account) -> dict[str, Any]:
    return {
        "account": f"{account.get_platform_display()} {account.handle}",
        "url": account.url,
        "followers": account.followers,
    }
