from django import template

from socialrx.core.money import format_cents

register = template.Library()


@register.filter
def money(cents, currency="USD"):
    """{{ invoice.total_cents|money:invoice.currency }} → $12,500.00"""
    return format_cents(cents, currency or "USD")
