"""Signals inside events, so that its areas stay apart.

- `order_confirmed(order)`: sent inside the transaction that confirmed an order (paid, or free);
  the confirmations area emails each attendee their ticket once the transaction commits.
- `places_freed(event, ticket_type)`: sent after the commit of whatever freed places (a
  cancellation, an abandoned checkout, a voided invoice, an expired offer); the waitlist offers
  them. `ticket_type` is None when any type may have a place."""

from django.dispatch import Signal

order_confirmed = Signal()
places_freed = Signal()
