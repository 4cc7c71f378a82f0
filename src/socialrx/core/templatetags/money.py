from django import template

from socialrx.core.money import format_cents, format_cents_short

register = template.Library()


@register.filter
def money(cents, currency="USD"):
    """{{ invoice.total_cents|money:invoice.currency }} → $12,500.00"""
    return format_cents(cents, currency or "USD")


@register.filter
def money_short(cents, currency="USD"):
    """{{ month.paid_cents|money_short }} → $4.5k (chart labels; tables show cents)"""
    return format_cents_short(cents or 0, currency or "USD")
