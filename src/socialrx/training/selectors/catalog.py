"""The training catalogue: published online courses and upcoming boot camps in one list, with
the on-site training invitation, filtered and paged in a fixed number of queries.

Boot camp dates are the center's calendar days (settings.TIME_ZONE); a boot camp stays in the
catalogue until its last day is over. Member prices are a hint for the card (the checkout
prices the seat for real): the viewer's own when their plan discounts boot camps, otherwise
the best discount any active plan gives ("member price from")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.membership.models import Plan
from socialrx.membership.selectors import may_read_member_content, member_price

from ..models import BootCamp, BootCampDay, BootCampStatus, Course, CourseStatus, Enrolment
from .boot_camps import with_seat_counts

COURSE, BOOT_CAMP, ONSITE = "course", "boot_camp", "onsite"
FORMAT_CHOICES = [
    ("", "All formats"),
    (COURSE, "Online course"),
    (BOOT_CAMP, "Boot camp at the center"),
    (ONSITE, "On-site training"),
]
SCHEDULED = "scheduled"
UPCOMING_CHOICES = [
    ("", "Any time"),
    (SCHEDULED, "Has an upcoming date"),
    ("30", "Starts within 30 days"),
    ("90", "Starts within 90 days"),
]
PAGE_SIZE = 24
# A list price whose discount at p % is exactly p × 10,000 cents: the viewer's percent read
# back from membership's own pricing (one query), then applied to every card.
_PROBE_CENTS = 1_000_000
ONSITE_TEXT = (
    "On-site training at your hospital or practice: the center's trainers come to your "
    "team, on the topics and dates you choose."
)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    format: str = ""
    topic: str = ""  # Topic.slug
    platform: str = ""  # Platform.code
    level: str = ""
    upcoming: str = ""  # "", "scheduled", or a number of days
    free: bool = False

    @property
    def any(self) -> bool:
        return any((self.q, self.format, self.topic, self.platform, self.level, self.upcoming))


@dataclass(frozen=True)
class Pricing:
    """The boot camp discount to show this viewer, in percent."""

    percent: int
    own: bool  # the viewer's own plan's discount (else the best plan's, as "from")

    def member_cents(self, list_cents: int) -> int:
        # The rounding of membership.selectors.Benefits.member_price.
        return list_cents - (list_cents * self.percent + 50) // 100


@dataclass
class CourseCard:
    course: Course
    enrolment: Enrolment | None = None
    format: str = COURSE


@dataclass
class BootCampCard:
    boot_camp: BootCamp
    first_day: date
    last_day: date
    seats_left: int
    member_price_cents: int | None  # None: no member discount to show
    member_price_is_own: bool
    format: str = BOOT_CAMP

    @property
    def one_day(self) -> bool:
        return self.first_day == self.last_day


@dataclass
class Catalogue:
    page: Page
    filters: Filters
    show_onsite: bool
    pricing: Pricing
    cards: list = field(default_factory=list)


def pricing_for(user) -> Pricing:
    if getattr(user, "is_authenticated", False):
        own = member_price(user, _PROBE_CENTS, kind="training.seat").discount_cents // 10_000
        if own or may_read_member_content(user):
            return Pricing(percent=own, own=True)
    best = Plan.objects.filter(is_active=True).aggregate(best=Max("boot_camp_discount_percent"))
    return Pricing(percent=best["best"] or 0, own=False)


def center_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def courses(filters: Filters) -> QuerySet[Course]:
    found = Course.objects.filter(
        status=CourseStatus.PUBLISHED, published_version__isnull=False
    ).order_by("title", "pk")
    if filters.format not in ("", COURSE) or filters.upcoming:
        return found.none()
    if filters.q:
        found = found.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.topic:
        found = found.filter(topics__slug=filters.topic)
    if filters.platform:
        found = found.filter(platforms__code=filters.platform)
    if filters.level:
        found = found.filter(level=filters.level)
    return found  # every course is free for members: the "free" filter keeps them all


def boot_camps(filters: Filters, pricing: Pricing) -> QuerySet[BootCamp]:
    days = BootCampDay.objects.filter(boot_camp=OuterRef("pk"))
    # Seats taken (holding registrations) and held for waitlist offers, as the boot camp
    # pages count them: subqueries of the same query.
    found = (
        with_seat_counts(BootCamp.objects.filter(status=BootCampStatus.PUBLISHED))
        .annotate(
            first_starts_at=Subquery(days.order_by("starts_at").values("starts_at")[:1]),
            last_ends_at=Subquery(days.order_by("-ends_at").values("ends_at")[:1]),
        )
        .filter(last_ends_at__gte=center_midnight(center_today()))
        .order_by("first_starts_at", "title", "pk")
    )
    if filters.format not in ("", BOOT_CAMP):
        return found.none()
    if filters.q:
        found = found.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.topic:
        found = found.filter(topics__slug=filters.topic)
    if filters.platform:
        found = found.filter(platforms__code=filters.platform)
    if filters.level:
        found = found.filter(level=filters.level)
    if filters.upcoming.isdigit():
        until = center_midnight(center_today() + timedelta(days=int(filters.upcoming) + 1))
        found = found.filter(first_starts_at__lt=until)
    if filters.free and pricing.percent < 100:
        found = found.filter(price_cents=0)
    return found


def shows_onsite(filters: Filters) -> bool:
    """The on-site invitation fits any topic, platform and level; it has no dates and is
    invoiced, so the date and "free" filters leave it out."""
    if filters.format not in ("", ONSITE) or filters.upcoming or filters.free:
        return False
    words = f"on-site onsite {ONSITE_TEXT}".lower()
    return not filters.q or filters.q.lower() in words


class _Listing:
    """Boot camps, then courses, as one sequence the paginator counts and slices (a count
    and a page query for each)."""

    def __init__(self, camps: QuerySet[BootCamp], courses: QuerySet[Course]):
        self.camps, self.courses = camps, courses
        self._counts: tuple[int, int] | None = None

    def counts(self) -> tuple[int, int]:
        if self._counts is None:
            self._counts = (self.camps.count(), self.courses.count())
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        camps_count, _ = self.counts()
        start, stop = window.start or 0, window.stop
        items: list = []
        if start < camps_count:
            camp_rows = self.camps.prefetch_related("topics", "platforms")
            items += list(camp_rows[start : min(stop, camps_count)])
        if stop > camps_count:
            course_rows = self.courses.prefetch_related("topics", "platforms")
            items += list(course_rows[max(start - camps_count, 0) : stop - camps_count])
        return items


def catalogue(user, filters: Filters, page_number=None) -> Catalogue:
    pricing = pricing_for(user)
    listing = _Listing(boot_camps(filters, pricing), courses(filters))
    page = Paginator(listing, PAGE_SIZE).get_page(page_number)
    course_ids = [item.pk for item in page.object_list if isinstance(item, Course)]
    enrolments = {}
    if course_ids and getattr(user, "is_authenticated", False):
        enrolments = {
            enrolment.course_id: enrolment
            for enrolment in Enrolment.objects.filter(person=user, course_id__in=course_ids)
        }
    cards = [
        CourseCard(item, enrolments.get(item.pk))
        if isinstance(item, Course)
        else _boot_camp_card(item, pricing)
        for item in page.object_list
    ]
    return Catalogue(
        page=page,
        filters=filters,
        show_onsite=page.number == 1 and shows_onsite(filters),
        pricing=pricing,
        cards=cards,
    )


def _boot_camp_card(camp: BootCamp, pricing: Pricing) -> BootCampCard:
    member_cents = pricing.member_cents(camp.price_cents) if pricing.percent else None
    return BootCampCard(
        boot_camp=camp,
        first_day=local_day(camp.first_starts_at),
        last_day=local_day(camp.last_ends_at),
        seats_left=max(camp.capacity - camp.taken - camp.offered, 0),
        member_price_cents=member_cents,
        member_price_is_own=pricing.own,
    )
