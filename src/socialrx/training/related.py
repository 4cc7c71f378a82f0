"""What training offers other apps' pages through core.related (declared on the AppConfig):
courses and boot camps sharing topics and platforms with a resource or an event, and for the
monthly digest the courses published in the period and the boot camps open for registration.

Only what the catalogue shows anyone: published courses (not archived ones, which stay
readable but are no longer offered) and published boot camps not over yet. Two queries for
related items, two for the digest, whatever the data."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.urls import reverse
from django.utils import timezone

from socialrx.core.related import DigestSection, RelatedItem, RelatedProvider
from socialrx.organizations.models import Seat

from .models import BootCamp, BootCampDay, BootCampStatus, CertificateKind, Course, CourseStatus

SOURCE = "training"


def _shared(queryset: QuerySet, topic_ids: frozenset[int], platform_ids: frozenset[int]):
    """`score`: how many of the topics and platforms each row shares (rows sharing none are
    left out). Distinct counts: the two joins multiply each other's rows."""

    def shared(relation: str, ids: frozenset[int]):
        if not ids:
            return Value(0, output_field=IntegerField())
        return Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True)

    return (
        queryset.annotate(
            shared_topics=shared("topics", topic_ids),
            shared_platforms=shared("platforms", platform_ids),
        )
        .annotate(score=F("shared_topics") + F("shared_platforms"))
        .filter(score__gt=0)
    )


def _offered_courses() -> QuerySet[Course]:
    return Course.objects.filter(
        status=CourseStatus.PUBLISHED, published_version__isnull=False
    ).only("slug", "title", "summary", "first_published_at")


def _coming_boot_camps(now: datetime) -> QuerySet[BootCamp]:
    days = BootCampDay.objects.filter(boot_camp=OuterRef("pk"))
    return (
        BootCamp.objects.filter(status=BootCampStatus.PUBLISHED)
        .annotate(
            first_starts_at=Subquery(days.order_by("starts_at").values("starts_at")[:1]),
            last_ends_at=Subquery(days.order_by("-ends_at").values("ends_at")[:1]),
        )
        .filter(last_ends_at__gte=now)
        .only("slug", "title", "summary", "registration_deadline")
    )


def _course_item(course: Course, score: int = 0) -> RelatedItem:
    return RelatedItem(
        kind="Course",
        title=course.title,
        url=reverse("training:course", args=[course.slug]),
        summary=course.summary,
        when=course.first_published_at,
        score=score,
        source=SOURCE,
    )


def _boot_camp_item(camp: BootCamp, score: int = 0) -> RelatedItem:
    return RelatedItem(
        kind="Boot camp",
        title=camp.title,
        url=reverse("training:boot_camp", args=[camp.slug]),
        summary=camp.summary,
        when=camp.first_starts_at,
        score=score,
        source=SOURCE,
    )


def by_taxonomy(user, *, topic_ids=frozenset(), platform_ids=frozenset(), limit=6):
    """Up to `limit` courses and `limit` boot camps anyone may open, sharing the most topics
    and platforms (core.related merges them with other apps' and keeps the best)."""
    topic_ids, platform_ids = frozenset(topic_ids), frozenset(platform_ids)
    if not (topic_ids or platform_ids) or limit <= 0:
        return []
    courses = _shared(_offered_courses(), topic_ids, platform_ids).order_by(
        "-score", F("first_published_at").desc(nulls_last=True), "title", "pk"
    )[:limit]
    camps = _shared(_coming_boot_camps(timezone.now()), topic_ids, platform_ids).order_by(
        "-score", "first_starts_at", "title", "pk"
    )[:limit]
    items = [_course_item(course, course.score) for course in courses]
    items += [_boot_camp_item(camp, camp.score) for camp in camps]
    return items


def new_between(since: datetime, until: datetime, limit: int = 8) -> list[DigestSection]:
    """The courses first published in [since, until), newest first; the boot camps still open
    for registration when the digest leaves (`until`), soonest first."""
    courses = (
        _offered_courses()
        .filter(first_published_at__gte=since, first_published_at__lt=until)
        .order_by("-first_published_at", "title", "pk")[:limit]
    )
    camps = (
        _coming_boot_camps(until)
        .filter(registration_deadline__gt=until, first_starts_at__gte=until)
        .order_by("first_starts_at", "title", "pk")[:limit]
    )
    sections = [
        DigestSection("New courses", tuple(map(_course_item, courses)), order=20),
        DigestSection("Boot camps open for registration", tuple(map(_boot_camp_item, camps)), 30),
    ]
    return [section for section in sections if section.items]


def people_trained(organization_ids) -> dict[int, int]:
    """{organization id: people with a seat there who hold a certificate of training not
    revoked}: courses, boot camps and on-site training (conference attendance is not
    training). One query, whatever the data; organizations with nobody trained are left out."""
    rows = (
        Seat.objects.filter(
            organization_id__in=list(organization_ids),
            user__certificates__revoked_at__isnull=True,
            user__certificates__kind__in=TRAINING_KINDS,
        )
        .values("organization_id")
        .annotate(people=Count("user", distinct=True))
    )
    return {row["organization_id"]: row["people"] for row in rows}


TRAINING_KINDS = (CertificateKind.COURSE, CertificateKind.BOOT_CAMP, CertificateKind.ONSITE)

PROVIDER = RelatedProvider(
    by_taxonomy=by_taxonomy,
    new_between=new_between,
    # For the executive brief: how many of an organization's people the center has trained.
    extra={
        "people_trained": people_trained,
        "people_trained_source": "SocialRx training records (course, boot camp and on-site "
        "certificates not revoked)",
    },
)
