"""What events sells through billing: tickets (member prices from the buyer's plan)."""

from .services.ticket_sales import TICKET_SELLABLE

KINDS = [TICKET_SELLABLE]
