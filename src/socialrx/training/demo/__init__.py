"""Demo data of training, run by `socialrx seed-demo` after membership (demo_order 50).
Idempotent: each course, boot camp, on-site request and learner's step is made only when
missing, so a second run creates nothing.

- Three published online courses written for the demo (real lesson text, quizzes with
  explanations): "Starting a hospital Facebook page safely" (two versions, sold to
  non-members), "X for physicians" and "Podcasting for your practice" (with a short audio
  lesson whose narration is computer-generated, captions and transcript, copied into the
  private storage).
- Riverside's people learning: progress part-way, a quiz failed then passed, completions with
  certificates; a non-member who bought a course through billing.
- Three boot camps: one with seats left, one full with a waitlist (a seat given up, offered to
  the first person waiting), one that took place last month (attendance, certificates, one
  revoked).
- On-site training requests of the three organizations, one at each stage.

Reads: "center_staff", "coach", the demo organizations, their admins and "demo_physician".
Puts: "demo_course" (the Facebook course) and "demo_boot_camp" (the one with seats left)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.schedules.models import Commitment

from ..models import (
    BootCamp,
    Certificate,
    Course,
    CourseVersion,
    Enrolment,
    LessonCompletion,
    LessonMedia,
    OnsiteRequest,
    OnsiteStep,
    QuizAttempt,
    Registration,
    WaitlistEntry,
)
from .boot_camps import seed_boot_camps
from .courses import COURSES, publish_revisions, seed_courses
from .dates import days_ago
from .learners import seed_learning
from .onsite import seed_onsite
from .people import cast_of
from .report import report_lines

__all__ = ["seed", "seed_training_demo"]

FIRST_PUBLISHED_DAYS_AGO = 75
REVISED_DAYS_AGO = 12


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        courses=Course,
        **{
            "course versions": CourseVersion,
            "lesson media": LessonMedia,
            "enrolments": Enrolment,
            "lessons completed": LessonCompletion,
            "quiz attempts": QuizAttempt,
            "boot camps": BootCamp,
            "boot camp registrations": Registration,
            "waitlist entries": WaitlistEntry,
            "on-site requests": OnsiteRequest,
            "on-site steps": OnsiteStep,
            "certificates": Certificate,
            "trainer commitments": Commitment,
        },
    )
    courses, camps = seed_training_demo(context)
    context.put("demo_course", courses[COURSES[0].slug])
    context.put("demo_boot_camp", camps[0])
    return DemoReport(title="Training", lines=report_lines(courses, camps), made=tally.made())


@transaction.atomic
def seed_training_demo(context: DemoContext):
    cast = cast_of(context)
    missing = [text.slug for text in COURSES if not Course.objects.filter(slug=text.slug).exists()]
    courses = seed_courses(cast.coach)
    for slug in missing:
        _date_first_version(courses[slug])
    seed_learning(cast, courses, after_revision=False)
    for course in courses.values():
        if publish_revisions(course, cast.coach):
            CourseVersion.objects.filter(pk=course.published_version_id).update(
                published_at=days_ago(REVISED_DAYS_AGO, 16),
                created_at=days_ago(REVISED_DAYS_AGO + 2, 11),
            )
    seed_learning(cast, courses, after_revision=True)
    camps = seed_boot_camps(cast)
    seed_onsite(cast)
    return courses, camps


def _date_first_version(course: Course) -> None:
    """Version 1 written and published weeks before the learners started."""
    published = days_ago(FIRST_PUBLISHED_DAYS_AGO, 15)
    CourseVersion.objects.filter(course=course, number=1).update(
        created_at=published - timedelta(days=6), published_at=published
    )
    Course.objects.filter(pk=course.pk).update(
        created_at=published - timedelta(days=6), first_published_at=published
    )
