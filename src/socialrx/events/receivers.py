"""What events does when its own signals fire (connected once, when the app starts). Each
receiver imports its area's service when called, so that no area imports another's at load."""

from django.dispatch import receiver

from .signals import order_confirmed, places_freed


@receiver(order_confirmed, dispatch_uid="events-send-tickets")
def send_tickets(sender, order, **kwargs) -> None:
    from .services.confirmations import send_tickets_on_commit  # noqa: PLC0415 - see module doc

    send_tickets_on_commit(order)


@receiver(places_freed, dispatch_uid="events-offer-freed-places")
def offer_freed_places(sender, event, ticket_type=None, **kwargs) -> None:
    from .services.waitlist import offer_freed_places as offer  # noqa: PLC0415 - see module doc

    offer(event, ticket_type=ticket_type)


@receiver(places_freed, dispatch_uid="events-public-pages-places-freed")
def redraw_public_pages(sender, event, **kwargs) -> None:
    """Places freed by a bulk update (no row's save signal): the public pages show them."""
    from .freshness import events_changed  # noqa: PLC0415 - see module doc

    events_changed()
