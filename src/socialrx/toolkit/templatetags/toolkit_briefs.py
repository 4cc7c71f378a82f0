"""Filters of the executive brief's templates, which read the figures as the brief keeps
them (JSON: days as ISO text, shares as numbers)."""

from __future__ import annotations

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter
def day(value) -> date | None:
    """ "2024-05-31" (or a date) → a date for |date; None for anything else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            if "T" in value:
                return datetime.fromisoformat(value).date()
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


@register.filter
def share(value) -> str:
    """A share kept in percent with one decimal: 66.7 → "66.7%"; "—" when not known."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.1f}%"


@register.filter
def count(value) -> str:
    """1234 → "1,234"; "—" when not known."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}"


# A peer group's column heading by the dimension it groups by (the brief keeps "dimension").
GROUP_HEADINGS = {
    "region": "Region",
    "state": "State",
    "type": "Type",
    "size": "Size",
    "specialty": "Specialty",
    "category": "Category",
    "all": "All",
}


@register.filter
def group_heading(group) -> str:
    """A peer group's short heading: "State" for "State: Minnesota"; "All" for the kind."""
    dimension = group.get("dimension", "") if isinstance(group, dict) else ""
    return GROUP_HEADINGS.get(dimension) or str(group.get("label", "")).split(":")[0]


@register.filter
def group_value(group) -> str:
    """What a peer group is within its dimension: "Minnesota" for "State: Minnesota"."""
    label = str(group.get("label", "")) if isinstance(group, dict) else ""
    return label.split(": ", 1)[1] if ": " in label else label


@register.filter
def platform_cell(cells, key) -> dict:
    """A group's cell for one platform (its count and share); empty when it has none."""
    return next((cell for cell in cells or () if cell.get("key") == key), {})
