"""Scale data of the registry, for `socialrx seed-scale` (see `socialrx.core.scale`).

Every size: real CMS hospitals (all of them from M up), generated hospitals to the size's
count, health systems, physicians with valid NPIs no real provider holds, and exactly the
size's numbers of accounts and quarterly snapshots, following the published shapes
(shared/background/published-figures.md through `demo.shapes`). Generated rows are marked
`is_generated`; every row says in `source` that seed-scale loaded it, which is how a later
load tells its own rows from anyone else's. Derived columns (`region`, `ownership_group`,
`size_band`, `has_account`) hold what the registry's services would have set.

The statistics' cached figures follow the data version, moved once the load commits."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.scale import ScaleContext, ScaleData, ScaleReport, delete_all

from ..freshness import mark_changed
from ..models import (
    Account,
    Claim,
    Correction,
    Entity,
    EntityAlias,
    EntityKind,
    HcahpsAverage,
    HcahpsHospitalResult,
    HvbpResult,
    ImportJob,
    Snapshot,
)
from .entities import SOURCES, EntityRows
from .hospitals import hospital_accounts, write_hospitals
from .physicians import physician_accounts, write_physicians


@dataclass(frozen=True)
class Targets:
    cms_hospitals: int | None  # real hospitals: None for every one, else an even sample
    hospitals: int  # in all, the generated ones making up the difference
    health_systems: int
    physicians: int
    accounts: int
    snapshots: int


TARGETS = {
    "S": Targets(200, 300, 12, 2_000, 5_000, 20_000),
    "M": Targets(None, 6_500, 250, 100_000, 200_000, 1_000_000),
    "L": Targets(None, 6_500, 600, 1_000_000, 2_000_000, 10_000_000),
}


def seed(context: ScaleContext) -> ScaleReport:
    targets = TARGETS[context.size]
    hospital_counts = hospital_accounts(targets)
    physician_counts = physician_accounts(
        targets.physicians, targets.accounts - hospital_counts.total
    )
    rows = EntityRows(
        context,
        with_followers=hospital_counts.with_followers() + physician_counts.with_followers(),
        snapshots=targets.snapshots,
    )
    listings = rows.listings
    hospitals = write_hospitals(
        context.random("registry.hospitals"), rows, targets, hospital_counts
    )
    write_physicians(
        context.random("registry.physicians"),
        rows,
        hospitals,
        targets.physicians,
        physician_counts,
    )
    listings.check_totals()
    mark_changed()
    return ScaleReport(
        {
            "hospitals": rows.by_kind.get(EntityKind.HOSPITAL, 0),
            "health systems": rows.by_kind.get(EntityKind.HEALTH_SYSTEM, 0),
            "physicians": rows.by_kind.get(EntityKind.PHYSICIAN, 0),
            "accounts": listings.accounts.count,
            "snapshots": listings.snapshots.count,
        },
    )


def foreign_rows() -> dict[str, int]:
    return {
        "listings": Entity.objects.exclude(source__in=SOURCES).count(),
        "claims": Claim.objects.count(),
        "corrections": Correction.objects.count(),
        "imports": ImportJob.objects.count(),
        "patient experience rows": sum(
            model.objects.count() for model in (HvbpResult, HcahpsHospitalResult, HcahpsAverage)
        ),
    }


SCALE = ScaleData(
    seed=seed,
    foreign_rows=foreign_rows,
    loaded_rows=lambda: {"listings": Entity.objects.filter(source__in=SOURCES).count()},
    # Aliases staff (or a search benchmark) gave the loaded hospitals go with them.
    clear=lambda: delete_all(EntityAlias, Snapshot, Account, Entity),
)
