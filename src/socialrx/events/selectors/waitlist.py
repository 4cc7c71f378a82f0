"""Reads of the waitlist: live offers (which take a place while they run), a person's entries
with their place in the queue, and the staff list per ticket type."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Event, TicketType, WaitlistEntry, WaitlistStatus

WAITING_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


def live_offers(
    event: Event | TicketType | None = None, ticket_type: TicketType | None = None, *, now=None
):
    """Offers still open (offered, not yet expired): each holds one place for its person.
    `live_offers(event)`, `live_offers(event, ticket_type)` or `live_offers(ticket_type)`."""
    if isinstance(event, TicketType):
        event, ticket_type = None, event
    now = now or timezone.now()
    qs = WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED, offer_expires_at__gt=now)
    if ticket_type is not None:
        qs = qs.filter(ticket_type=ticket_type)
    if event is not None:
        qs = qs.filter(event=event)
    return qs


def live_offer_count(event: Event, ticket_type: TicketType | None = None, now=None) -> int:
    """How many places live offers take: of `ticket_type` when given, else of the whole event."""
    return live_offers(event, ticket_type, now=now).count()


def live_offers_by_type(event: Event, *, now=None) -> dict[int, int]:
    """Live offers per ticket type id (one query)."""
    rows = (
        live_offers(event, now=now)
        .order_by()
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
        .values_list("ticket_type_id", "n")
    )
    return dict(rows)


def _ahead_of_outer() -> Subquery:
    """How many people wait ahead of the outer entry for its ticket type (a subquery)."""
    ahead = (
        WaitlistEntry.objects.filter(
            ticket_type_id=OuterRef("ticket_type_id"), status=WaitlistStatus.WAITING
        )
        .filter(
            Q(joined_at__lt=OuterRef("joined_at"))
            | Q(joined_at=OuterRef("joined_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(ahead, output_field=IntegerField())


def with_positions(qs: QuerySet[WaitlistEntry]) -> QuerySet[WaitlistEntry]:
    """Annotate `ahead` (people waiting before each entry); an entry's position is ahead + 1
    while it waits (see `WaitlistEntry.position` use in templates: `entry.ahead|add:1`)."""
    return qs.annotate(ahead=Coalesce(_ahead_of_outer(), Value(0)))


def position(entry: WaitlistEntry) -> int | None:
    """1 for the first person waiting for the ticket type; None once no longer waiting."""
    if entry.status != WaitlistStatus.WAITING:
        return None
    ahead = (
        WaitlistEntry.objects.filter(
            ticket_type_id=entry.ticket_type_id, status=WaitlistStatus.WAITING
        )
        .filter(Q(joined_at__lt=entry.joined_at) | Q(joined_at=entry.joined_at, pk__lt=entry.pk))
        .count()
    )
    return ahead + 1


def current_entry(user, ticket_type: TicketType) -> WaitlistEntry | None:
    """The person's live entry (waiting or offered) for this ticket type, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        WaitlistEntry.objects.filter(
            person=user, ticket_type=ticket_type, status__in=WAITING_STATUSES
        )
        .order_by("-joined_at")
        .first()
    )


def entries_for(user, event: Event) -> dict[int, WaitlistEntry]:
    """The person's live entries for an event, by ticket type id, with `ahead` (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    rows = with_positions(
        WaitlistEntry.objects.filter(person=user, event=event, status__in=WAITING_STATUSES)
    )
    return {entry.ticket_type_id: entry for entry in rows}


def my_waitlist(user) -> QuerySet[WaitlistEntry]:
    """The person's live entries (waiting or offered) across events, soonest event first, with
    event and ticket type joined and `ahead` annotated (position = ahead + 1 while waiting;
    an offered entry has `offer_expires_at` and its claim link in the email). One query."""
    if not getattr(user, "is_authenticated", False):
        return WaitlistEntry.objects.none()
    return with_positions(
        WaitlistEntry.objects.filter(person=user, status__in=WAITING_STATUSES)
        .select_related("event", "ticket_type")
        .order_by("event__starts_at", "ticket_type__position", "joined_at")
    )


def staff_waitlist(event: Event) -> list[tuple[TicketType, list[WaitlistEntry]]]:
    """Every ticket type of the event with its waitlist (live entries first in queue order,
    then past ones), persons joined; two queries whatever the size."""
    types = list(TicketType.objects.filter(event=event).order_by("position", "price_cents", "pk"))
    entries = list(
        with_positions(
            WaitlistEntry.objects.filter(event=event)
            .select_related("person")
            .order_by("ticket_type_id", "joined_at", "pk")
        )
    )
    by_type: dict[int, list[WaitlistEntry]] = {t.pk: [] for t in types}
    for entry in entries:
        by_type.setdefault(entry.ticket_type_id, []).append(entry)
    rank = {WaitlistStatus.OFFERED: 0, WaitlistStatus.WAITING: 1}
    result = []
    for ticket_type in types:
        rows = sorted(by_type[ticket_type.pk], key=lambda e: rank.get(e.status, 2))
        result.append((ticket_type, rows))
    return result
