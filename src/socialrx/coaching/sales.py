"""What coaching sells through billing: hours for an engagement (see services.hour_sales)."""

from .services.hour_sales import HOURS_KIND

KINDS = [HOURS_KIND]
