"""A case study's results table: `{{ figure|figure_number:"before" }}` with its unit ("1,200",
"12%", "$1,500") and `{{ figure|figure_change }}` ("+350%"), from library.figures."""

from django import template

from ..figures import format_change, with_unit

register = template.Library()


@register.filter
def figure_number(figure, which: str = "after") -> str:
    """The figure's "before" or "after" number with its unit; "" when it has none."""
    return with_unit(getattr(figure, which, None), figure.unit)


@register.filter
def figure_change(figure) -> str:
    """The change from before to after in percent ("" when there is no "before")."""
    return format_change(figure.before, figure.after)
