"""Staff reads of one event's people: the registrations list (filters, its CSV), the caterers'
and venue's needs summary, and after the event the attendance report (registered against
checked in, by ticket type and organization, the no-shows) with the certificates' state and the
recordings and slides the sessions link to.

Every read here takes a fixed number of queries whatever the number of attendees: pages are
pinned with query counts at two sizes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower, Trim

from socialrx.billing.models import InvoiceLine, InvoiceStatus
from socialrx.core.errors import NotFound
from socialrx.training.models import Certificate, CertificateKind

from ..models import Attendee, AttendeeStatus, Event, Order, SessionKind, TicketType
from .places import TICKET_KIND

# The status filter's choices: the attendee's status, in the words staff use.
STATUS_CHOICES = (
    (AttendeeStatus.CONFIRMED, "Registered"),
    (AttendeeStatus.PENDING, "Awaiting payment"),
    (AttendeeStatus.CANCELLED, "Cancelled"),
)
NO_ORGANIZATION = "No organization given"


def staff_event(slug: str) -> Event:
    """Any event by its slug (drafts and cancelled ones too): staff pages only."""
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise NotFound("No event has this address.")
    return event


# --- registrations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationFilters:
    ticket_type_id: int | None = None
    status: str = ""  # an AttendeeStatus value, or "" for any
    checked_in: str = ""  # "yes", "no", or "" for either
    organization: str = ""  # an attendee's organization name (any case), or ""
    query: str = ""  # part of a name or an email

    @property
    def any(self) -> bool:
        return bool(
            self.ticket_type_id or self.status or self.checked_in or self.organization or self.query
        )


def registrations(event: Event, filters: RegistrationFilters | None = None) -> QuerySet[Attendee]:
    """The event's attendees matching `filters`, by name, with what a row shows selected."""
    filters = filters or RegistrationFilters()
    found = Attendee.objects.filter(event=event).select_related(
        "ticket_type",
        "order__made_by",
        "order__organization",
        "check_in",
    )
    if filters.ticket_type_id:
        found = found.filter(ticket_type_id=filters.ticket_type_id)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.checked_in == "yes":
        found = found.filter(check_in__isnull=False)
    elif filters.checked_in == "no":
        found = found.filter(check_in__isnull=True)
    if filters.organization:
        found = found.filter(organization_name__iexact=filters.organization)
    query = " ".join(filters.query.split())
    if query:
        found = found.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return found.order_by("full_name", "pk")


def ticket_types_of(event: Event) -> list[TicketType]:
    return list(TicketType.objects.filter(event=event).order_by("position", "price_cents", "pk"))


def organization_names(event: Event) -> list[str]:
    """The organizations the event's attendees gave, each once (whatever its case), sorted."""
    names = (
        Attendee.objects.filter(event=event)
        .exclude(organization_name="")
        .order_by()
        .values_list("organization_name", flat=True)
        .distinct()
    )
    unique: dict[str, str] = {}
    for name in sorted(names):  # the same spelling wins whatever order the database returns
        unique.setdefault(name.strip().casefold(), name.strip())
    return sorted(unique.values(), key=str.casefold)


@dataclass(frozen=True)
class Payment:
    """How an order was paid: its invoice (number, status, public id), or nothing to pay."""

    number: str = ""
    status: str = ""
    status_label: str = ""
    invoice_public_id: object = None

    @property
    def label(self) -> str:
        if not self.number:
            return "No invoice"
        return f"{self.number} ({self.status_label.lower()})"


_STATUS_RANK = {InvoiceStatus.PAID: 0, InvoiceStatus.OPEN: 1, InvoiceStatus.VOID: 2}


def payments_of(order_public_ids) -> dict:
    """The invoice of each order by the order's public id (one query): the paid one, else the
    open one, else the latest voided (a card checkout that ran out)."""
    lines = (
        InvoiceLine.objects.filter(kind=TICKET_KIND, sold_public_id__in=order_public_ids)
        .select_related("invoice")
        .order_by("-pk")
    )
    best: dict = {}
    for line in lines:
        current = best.get(line.sold_public_id)
        if current is None or _STATUS_RANK[line.invoice.status] < _STATUS_RANK[current.status]:
            best[line.sold_public_id] = line.invoice
    return {
        sold: Payment(
            number=invoice.number,
            status=invoice.status,
            status_label=invoice.get_status_display(),
            invoice_public_id=invoice.public_id,
        )
        for sold, invoice in best.items()
    }


@dataclass(frozen=True)
class RegistrationRow:
    attendee: Attendee
    payment: Payment

    @property
    def buyer(self) -> str:
        order = self.attendee.order
        person = order.made_by
        name = person.full_name or person.email
        if order.organization_id:
            return f"{order.organization.name} (by {name})"
        return name

    @property
    def checked_in_at(self):
        record = getattr(self.attendee, "check_in", None)
        return record.checked_in_at if record is not None else None


def rows_for(attendees) -> list[RegistrationRow]:
    """Rows for a page (or the CSV) of attendees: their invoices read in one query."""
    attendees = list(attendees)
    payments = payments_of({attendee.order.public_id for attendee in attendees})
    return [
        RegistrationRow(attendee, payments.get(attendee.order.public_id, Payment()))
        for attendee in attendees
    ]


def all_rows(event: Event, found: QuerySet[Attendee]) -> list[RegistrationRow]:
    """Every matching attendee with their invoice, in two queries (the CSV)."""
    attendees = list(found)
    payments = payments_of(Order.objects.filter(event=event).values("public_id"))
    return [
        RegistrationRow(attendee, payments.get(attendee.order.public_id, Payment()))
        for attendee in attendees
    ]


@dataclass(frozen=True)
class StatusCounts:
    registered: int
    awaiting_payment: int
    cancelled: int
    checked_in: int


def status_counts(event: Event) -> StatusCounts:
    totals = Attendee.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status=AttendeeStatus.CONFIRMED)),
        awaiting=Count("pk", filter=Q(status=AttendeeStatus.PENDING)),
        cancelled=Count("pk", filter=Q(status=AttendeeStatus.CANCELLED)),
        checked_in=Count("check_in", filter=~Q(status=AttendeeStatus.CANCELLED)),
    )
    return StatusCounts(
        totals["registered"], totals["awaiting"], totals["cancelled"], totals["checked_in"]
    )


@dataclass(frozen=True)
class NeedCount:
    text: str
    count: int


@dataclass(frozen=True)
class NeedsSummary:
    """Dietary and accessibility needs of the people coming (registered or awaiting payment):
    how many gave one, and the same answers counted together whatever their case or spacing
    around them."""

    dietary_total: int
    accessibility_total: int
    dietary: list[NeedCount] = field(default_factory=list)
    accessibility: list[NeedCount] = field(default_factory=list)


def _grouped(coming: QuerySet[Attendee], column: str) -> list[NeedCount]:
    rows = (
        coming.annotate(need=Lower(Trim(column)))
        .exclude(need="")
        .order_by()
        .values("need")
        .annotate(n=Count("pk"))
        .order_by("-n", "need")
    )
    return [NeedCount(row["need"][:1].upper() + row["need"][1:], row["n"]) for row in rows]


def needs_summary(event: Event) -> NeedsSummary:
    coming = Attendee.objects.filter(
        event=event, status__in=[AttendeeStatus.CONFIRMED, AttendeeStatus.PENDING]
    )
    dietary = _grouped(coming, "dietary_needs")
    accessibility = _grouped(coming, "accessibility_needs")
    return NeedsSummary(
        dietary_total=sum(need.count for need in dietary),
        accessibility_total=sum(need.count for need in accessibility),
        dietary=dietary,
        accessibility=accessibility,
    )


# --- attendance -------------------------------------------------------------------------------


@dataclass
class AttendanceLine:
    """Registered (confirmed) attendees of one group and how many of them checked in."""

    label: str
    registered: int = 0
    checked_in: int = 0

    @property
    def no_shows(self) -> int:
        return self.registered - self.checked_in

    @property
    def rate_percent(self) -> int | None:
        if not self.registered:
            return None
        return round(100 * self.checked_in / self.registered)


@dataclass(frozen=True)
class Attendance:
    by_ticket_type: list[AttendanceLine]
    by_organization: list[AttendanceLine]
    total: AttendanceLine
    no_shows: list[Attendee]


def attendance(event: Event) -> Attendance:
    """Registered against checked in, by ticket type and by organization, and who did not
    come (confirmed attendees without a check-in), in three queries."""
    types = ticket_types_of(event)
    by_type = {tt.pk: AttendanceLine(tt.name) for tt in types}
    by_org: dict[str, AttendanceLine] = {}
    total = AttendanceLine("All ticket types")
    confirmed = Attendee.objects.filter(event=event, status=AttendeeStatus.CONFIRMED)
    rows = (
        confirmed.annotate(present=Count("check_in"))
        .order_by()
        .values_list("ticket_type_id", "organization_name", "present")
    )
    org_names: dict[str, str] = {}
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for type_id, org_name, present in rows:
        org_name = org_name.strip()
        key = org_name.casefold()
        # One spelling for all the ways it was typed, the same whatever the rows' order.
        org_names[key] = min(org_names.get(key, org_name), org_name) if org_name else ""
        for group in (("type", type_id), ("org", key), ("all", None)):
            counts[group][0] += 1
            counts[group][1] += 1 if present else 0
    for (kind, key), (registered, present) in counts.items():
        if kind == "type":
            line = by_type.setdefault(key, AttendanceLine(f"Ticket type {key}"))
        elif kind == "org":
            line = by_org.setdefault(key, AttendanceLine(org_names[key] or NO_ORGANIZATION))
        else:
            line = total
        line.registered, line.checked_in = registered, present
    organizations = sorted(
        by_org.values(),
        key=lambda line: (line.label == NO_ORGANIZATION, -line.registered, line.label.casefold()),
    )
    no_shows = list(
        confirmed.filter(check_in__isnull=True)
        .select_related("ticket_type", "person")
        .order_by("full_name", "pk")
    )
    return Attendance(list(by_type.values()), organizations, total, no_shows)


@dataclass(frozen=True)
class CertificateState:
    """Checked-in attendees (not cancelled), those with an account, the certificates of
    attendance issued for the event, and the attendees who have no account (no certificate
    can be issued to them until they sign up)."""

    checked_in: int
    with_account: int
    issued: int
    without_account: list[Attendee]

    @property
    def to_issue(self) -> int:
        return max(self.with_account - self.issued, 0)


def certificate_state(event: Event) -> CertificateState:
    present = Attendee.objects.filter(event=event, check_in__isnull=False).exclude(
        status=AttendeeStatus.CANCELLED
    )
    counts = present.aggregate(
        checked_in=Count("pk"), with_account=Count("pk", filter=Q(person__isnull=False))
    )
    issued = Certificate.objects.filter(
        kind=CertificateKind.EVENT,
        source_public_id=event.public_id,
        person__in=present.filter(person__isnull=False).values("person"),
    ).count()
    without = list(present.filter(person__isnull=True).order_by("full_name", "pk"))
    return CertificateState(counts["checked_in"], counts["with_account"], issued, without)


@dataclass(frozen=True)
class RecordingSummary:
    sessions: int
    with_recording: int
    with_slides: int
    with_neither: int


def recording_summary(event: Event) -> RecordingSummary:
    """How many of the event's sessions (breaks left out) link a recording, slides, neither."""
    totals = (
        event.sessions.exclude(kind=SessionKind.BREAK)
        .order_by()
        .aggregate(
            sessions=Count("pk"),
            recording=Count("pk", filter=~Q(recording_url="")),
            slides=Count("pk", filter=~Q(slides_url="")),
            neither=Count("pk", filter=Q(recording_url="", slides_url="")),
        )
    )
    return RecordingSummary(
        totals["sessions"], totals["recording"], totals["slides"], totals["neither"]
    )
