"""Number formats of the registry's pages."""

from __future__ import annotations

from django import template

from socialrx.core.charts import compact_number

register = template.Library()


@register.filter
def percent(value, digits: int = 1) -> str:
    """0.0774 → "7.7%"."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.filter
def rate(value) -> str:
    """A percentage already in percent units: 73.8343 → "73.8%"."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.1f}%"


@register.filter
def signed(value) -> str:
    """A change in percentage points: +1.2, −3.4."""
    if value is None:
        return "—"
    number = float(value)
    return f"{'+' if number > 0 else '−' if number < 0 else '±'}{abs(number):.1f}"


@register.filter
def compact(value) -> str:
    if value is None or value == "":
        return "—"
    return compact_number(float(value))


@register.filter
def count(value) -> str:
    """A whole number with thousands separators; a dash when unknown."""
    if value is None or value == "":
        return "—"
    return f"{float(value):,.0f}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def any_generated(accounts) -> bool:
    return any(getattr(account, "is_generated", False) for account in accounts or ())


@register.filter
def field_label(name: str) -> str:
    """A history entry's field as people read it: "removed_on" → "Removed on"."""
    return str(name).replace("_", " ").capitalize()
