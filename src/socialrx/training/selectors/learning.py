"""What a person sees of their own learning and what an org admin sees of their people's: the
course page's view of the viewer, "My learning", its dashboard panel and an organization's
learning report. Each in a fixed number of queries, whatever the number of courses, boot
camps or people."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from socialrx.core.calendar import center_today
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Organization, Seat
from socialrx.organizations.selectors import organizations_administered_by, people_of

from ..models import (
    HOLDING_STATUSES,
    BootCampDay,
    Certificate,
    CertificateKind,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonCompletion,
    OnsiteRequest,
    OnsiteStatus,
    Registration,
    VersionStatus,
)
from ..services.course_sales import is_for_sale
from .access import enrolment_of, is_faculty
from .catalog import center_midnight
from .content import Outline, outline_of, published_outline

# What the course page offers the viewer.
ENROLLED = "enrolled"  # studies the course: progress and "continue"
LAPSED = "lapsed"  # enrolled, but their access ended (membership lapsed, purchase refunded)
ENROL = "enrol"  # a member: "Start the course (free for members)"
BUY = "buy"  # signed in, not a member, the course is priced
MEMBERS_ONLY = "members_only"  # signed in, not a member, not for sale
VISITOR = "visitor"  # not signed in
CLOSED = "closed"  # archived: no new learners
DRAFT = "draft"  # faculty reviewing a course not yet published


@dataclass
class CoursePage:
    course: Course
    outline: Outline | None
    state: str
    enrolment: Enrolment | None = None
    done_keys: set[UUID] = field(default_factory=set)
    may_open_all: bool = False  # every lesson is linked (else the preview lessons only)

    @property
    def first_preview(self) -> Lesson | None:
        lessons = self.outline.lessons if self.outline else []
        return next((lesson for lesson in lessons if lesson.is_preview), None)


def course_page(user, slug: str) -> CoursePage:
    """A published (or archived) course for anyone; a draft only for faculty, else 404."""
    course = (
        Course.objects.select_related("published_version")
        .prefetch_related("topics", "platforms")
        .filter(slug=slug)
        .first()
    )
    if course is None:
        raise NotFound("No such course.")
    faculty = is_faculty(user)
    visible = course.status != CourseStatus.DRAFT and course.published_version_id is not None
    if visible:
        outline = published_outline(course)
    elif faculty:
        version = course.published_version or course.versions.order_by("-number").first()
        outline = outline_of(version) if version else None
        return CoursePage(course, outline, DRAFT, may_open_all=True)
    else:
        raise NotFound("No such course.")
    enrolment = enrolment_of(user, course)
    if enrolment is not None:
        done = set(
            LessonCompletion.objects.filter(enrolment=enrolment).values_list(
                "lesson_key", flat=True
            )
        )
        studies = faculty or allowed(user, "training.study_course", course)
        state = ENROLLED if studies else LAPSED
        return CoursePage(course, outline, state, enrolment, done, may_open_all=studies)
    if course.status != CourseStatus.PUBLISHED:
        state = CLOSED
    elif not getattr(user, "is_authenticated", False):
        state = VISITOR
    elif allowed(user, "training.enrol_free", course):
        state = ENROL
    elif is_for_sale(course):
        state = BUY
    else:
        state = MEMBERS_ONLY
    return CoursePage(course, outline, state, may_open_all=faculty)


# --- boot camp registrations with their dates -----------------------------------------------


def with_dates(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    days = BootCampDay.objects.filter(boot_camp=OuterRef("boot_camp_id"))
    return registrations.select_related("boot_camp").annotate(
        first_starts_at=Subquery(days.order_by("starts_at").values("starts_at")[:1]),
        last_ends_at=Subquery(days.order_by("-ends_at").values("ends_at")[:1]),
    )


# --- My learning ----------------------------------------------------------------------------


@dataclass
class MyLearning:
    in_progress: list[Enrolment]
    completed: list[Enrolment]  # each with `.certificate` (None until issued)
    registrations: list[Registration]  # with first_starts_at / last_ends_at
    administered: list[Organization]

    @property
    def empty(self) -> bool:
        return not (self.in_progress or self.completed or self.registrations)


def my_learning(user) -> MyLearning:
    enrolments = list(
        Enrolment.objects.filter(person=user)
        .select_related("course")
        .order_by("-last_activity_at", "-enrolled_at")
    )
    certificates = {
        certificate.source_public_id: certificate
        for certificate in Certificate.objects.filter(person=user, kind=CertificateKind.COURSE)
    }
    for enrolment in enrolments:
        enrolment.certificate = certificates.get(enrolment.course.public_id)
    registrations = list(
        with_dates(Registration.objects.filter(person=user)).order_by("-first_starts_at", "-pk")
    )
    return MyLearning(
        in_progress=[e for e in enrolments if e.completed_at is None],
        completed=sorted(
            (e for e in enrolments if e.completed_at is not None),
            key=lambda e: e.completed_at,
            reverse=True,
        ),
        registrations=registrations,
        administered=list(organizations_administered_by(user)),
    )


@dataclass
class LearningPanel:
    in_progress: list[Enrolment]
    upcoming: list[Registration]
    enrolled: int
    completed: int


PANEL_ROWS = 3


def learning_panel(user) -> LearningPanel | None:
    """The dashboard's summary; None for a person with no enrolment and no registration."""
    counts = Enrolment.objects.filter(person=user).aggregate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False))
    )
    in_progress = list(
        Enrolment.objects.filter(person=user, completed_at__isnull=True)
        .select_related("course")
        .order_by("-last_activity_at", "-enrolled_at")[:PANEL_ROWS]
    )
    upcoming = list(
        with_dates(Registration.objects.filter(person=user, status__in=HOLDING_STATUSES))
        .filter(last_ends_at__gte=center_midnight(center_today()))
        .order_by("first_starts_at", "pk")[:PANEL_ROWS]
    )
    if (
        not counts["enrolled"]
        and not upcoming
        and not Registration.objects.filter(person=user).exists()
    ):
        return None
    return LearningPanel(in_progress, upcoming, counts["enrolled"], counts["completed"])


# --- an organization's learning -------------------------------------------------------------


@dataclass
class PersonLearning:
    seat: Seat
    enrolments: list[Enrolment] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    certificates: int = 0

    @property
    def person(self):
        return self.seat.user


def organization_learning(organization: Organization) -> list[PersonLearning]:
    """Every person with a seat in the organization, their enrolments, boot camp
    registrations and valid certificates (four queries)."""
    rows = {seat.user_id: PersonLearning(seat) for seat in people_of(organization)}
    people = list(rows)
    for enrolment in (
        Enrolment.objects.filter(person_id__in=people)
        .select_related("course")
        .order_by("course__title", "pk")
    ):
        rows[enrolment.person_id].enrolments.append(enrolment)
    registrations = with_dates(Registration.objects.filter(person_id__in=people))
    for registration in registrations.order_by("first_starts_at", "pk"):
        rows[registration.person_id].registrations.append(registration)
    counts = (
        Certificate.objects.filter(person_id__in=people, revoked_at__isnull=True)
        .values("person_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for count in counts:
        rows[count["person_id"]].certificates = count["count"]
    return list(rows.values())


def training_staff_queue() -> dict:
    """Counts for the staff dashboard's training panel (three queries)."""
    onsite = OnsiteRequest.objects.aggregate(
        to_propose=Count("pk", filter=Q(status=OnsiteStatus.REQUESTED)),
        awaiting_answer=Count("pk", filter=Q(status=OnsiteStatus.PROPOSED)),
    )
    return {
        **onsite,
        "refunds_due": Registration.objects.filter(refund_due_cents__gt=0).count(),
        "drafts": Course.objects.filter(versions__status=VersionStatus.DRAFT).distinct().count(),
    }
