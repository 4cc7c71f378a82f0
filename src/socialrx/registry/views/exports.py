"""CSV downloads of the registry's lists and statistics. Every cell goes through the core's
formula neutralisation, and generated demo rows say so in a column of their own."""

from __future__ import annotations

from socialrx.core.csv_export import csv_response, csv_stream_response
from socialrx.core.platforms import Platform

from ..selectors.statistics import Adoption


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def entities_csv(entities):
    header = [
        "Registry ID",
        "Kind",
        "Name",
        "CCN",
        "NPI",
        "City",
        "State",
        "ZIP code",
        "Hospital type",
        "Ownership",
        "Specialty",
        "Accounts",
        "Generated demo accounts",
        "Generated demo entity",
        "Registry page",
    ]

    def rows():
        for entity in entities.iterator(chunk_size=2000):
            accounts = entity.listed_accounts
            yield [
                entity.public_id,
                entity.get_kind_display(),
                entity.name,
                entity.ccn,
                entity.npi,
                entity.city,
                entity.state,
                entity.postal_code,
                entity.hospital_type,
                entity.ownership,
                entity.specialty,
                "; ".join(f"{a.get_platform_display()}: {a.url}" for a in accounts),
                sum(1 for a in accounts if a.is_generated),
                _yes(entity.is_generated),
                entity.get_absolute_url(),
            ]

    return csv_stream_response("socialrx-registry.csv", header, rows())


def followers_csv(entity, accounts):
    header = ["Platform", "Handle", "URL", "Date", "Followers", "Generated demo data"]
    rows = [
        [a.get_platform_display(), a.handle, a.url, s.taken_on, s.followers, _yes(a.is_generated)]
        for a in accounts
        for s in a.snapshots.all()
    ]
    return csv_response(f"followers-{entity.key}.csv", header, rows)


def leaderboard_csv(platform: str, accounts):
    header = [
        "Rank",
        "Name",
        "Kind",
        "State",
        "Handle",
        "URL",
        "Followers",
        "Followers a year earlier",
        "Generated demo data",
    ]
    rows = [
        [
            rank,
            a.entity.name,
            a.entity.get_kind_display(),
            a.entity.state,
            a.handle,
            a.url,
            a.followers,
            a.followers_year_ago if a.followers_year_ago is not None else "",
            _yes(a.is_generated),
        ]
        for rank, a in enumerate(accounts, start=1)
    ]
    return csv_response(f"leaderboard-{platform}.csv", header, rows)


def adoption_csv(adoption: Adoption, section: str):
    """One section of the dashboard as CSV; None for an unknown section. Every section's
    rows carry the note of how many of the accounts counted are generated demo data."""
    stamp = f"{adoption.kind}-{adoption.as_of:%Y-%m-%d}"
    platforms = adoption.platforms
    labels = [Platform(p).label for p in platforms]
    note = (
        f"{adoption.generated_accounts} of {adoption.accounts_counted} accounts counted are "
        "generated demo data"
    )
    if section == "platforms":
        rows = [
            [label, count, adoption.total, f"{share:.4f}", adoption.as_of, note]
            for _, label, count, share in adoption.platform_rows()
        ]
        rows.insert(
            0,
            [
                "Any platform",
                adoption.present,
                adoption.total,
                f"{adoption.share:.4f}",
                adoption.as_of,
                note,
            ],
        )
        header = ["Platform", "With an account", "Total", "Share", "As of", "Note"]
        return csv_response(f"adoption-platforms-{stamp}.csv", header, rows)
    if section == "over-time":
        series = adoption.over_time_platforms
        header = ["Date", "Any platform", *(label for _, label in series), "Total today", "Note"]
        rows = [
            [p.day, p.present, *(p.by_platform[x] for x, _ in series), adoption.total, note]
            for p in adoption.over_time
        ]
        return csv_response(f"adoption-over-time-{stamp}.csv", header, rows)
    if section == "utilization":
        return _utilization_csv(adoption, stamp, note)
    if section in adoption.breakdowns:
        header = ["Group", "Total", "With any account", "Share", *labels, "As of", "Note"]
        rows = [
            [
                row.label,
                row.total,
                row.present,
                f"{row.share:.4f}",
                *(row.by_platform.get(p, 0) for p in platforms),
                adoption.as_of,
                note,
            ]
            for row in adoption.breakdowns[section]
        ]
        return csv_response(f"adoption-by-{section}-{stamp}.csv", header, rows)
    return None


def _utilization_csv(adoption: Adoption, stamp: str, note: str):
    header = [
        "Grouping",
        "Group",
        "Platform",
        "Entities",
        "Median followers",
        "25th percentile",
        "75th percentile",
        "As of",
        "Note",
    ]
    rows = []
    for dimension, groups in adoption.utilization.items():
        labels = adoption.group_labels[dimension]
        # "All" first, then the groups and platforms in the dashboard's order.
        for group in ["__all__", *(key for key in labels if key in groups)]:
            by_platform = groups.get(group, {})
            label = "All" if group == "__all__" else labels[group]
            for platform in [p for p in adoption.platforms if p in by_platform]:
                spread = by_platform[platform]
                rows.append(
                    [
                        adoption.dimension_labels[dimension],
                        label,
                        Platform(platform).label,
                        spread.n,
                        spread.median,
                        spread.q1,
                        spread.q3,
                        adoption.as_of,
                        note,
                    ]
                )
    return csv_response(f"utilization-{stamp}.csv", header, rows)
