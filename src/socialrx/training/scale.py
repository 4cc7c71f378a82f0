"""Scale data of training, for `socialrx seed-scale` (see `socialrx.core.scale`): published
online courses, learners' enrolments with their completed lessons, quiz attempts and
certificates, and boot camps with days, registrations, waitlists and attendance.

Every course is published at version 1: two modules, ten lessons (the first a preview, the
last a four-question quiz). Every generated person enrols in the same number of courses (the
size's enrolments divided by its people), more often the lower-numbered ones; a quarter of
enrolments are complete (quiz passed, a certificate), half part-way through, a quarter just
started. Progress (`lessons_done`, `lessons_total`, `completed_at`) matches the completions
written, as the services keep it. Half the boot camps took place (completed, attendance per
day, certificates of attendance); the others are open, some full with a waitlist. Bookings
have no invoice (as if free), so billing's rows are only membership's.

Generated rows are marked: course and boot camp addresses (slugs) start with "scale-", and
certificates go to generated people (`core.scale.EMAIL_DOMAIN`).

Reads: "scale_people"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from socialrx.core.markdown import render
from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
    random_uuid,
)
from socialrx.taxonomy.models import Platform, Topic

from .models import (
    Access,
    AttemptAnswer,
    Attendance,
    Booking,
    BootCamp,
    BootCampDay,
    Certificate,
    Choice,
    Course,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonCompletion,
    LessonMedia,
    Module,
    OnsiteRequest,
    Question,
    QuizAttempt,
    Registration,
    WaitlistEntry,
)
from .scale_boot_camps import seed_boot_camps
from .scale_text import LESSON_BODIES, QUIZ, course_title
from .services.certificates import CODE_ALPHABET

COURSES = {"S": 20, "M": 200, "L": 1_000}
ENROLMENTS = {"S": 2_000, "M": 50_000, "L": 300_000}
BOOT_CAMPS = {"S": 10, "M": 100, "L": 500}
PREFIX = "scale-"
LESSONS = 10  # five per module; the tenth is the quiz
HOURS = (Decimal("1.5"), Decimal("2.0"), Decimal("3.0"), Decimal("4.0"))


@dataclass
class ScaleCourse:
    id: int
    public_id: object
    version_id: int
    title: str
    hours: Decimal
    ce_hours: Decimal
    lesson_keys: list  # in order; the last is the quiz
    questions: list  # (key, [choice keys], {correct keys})


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("training")
    writers = CourseWriters(context)
    courses = [writers.course(rng, number) for number in range(COURSES[context.size])]
    learning = LearningWriters(context)
    people = context.get("scale_people")
    per_person = ENROLMENTS[context.size] // len(people)
    for position in range(len(people)):
        start = int(len(courses) * rng.random() ** 2)
        for offset in range(per_person):
            course = courses[(start + offset * 7) % len(courses)]
            learning.enrolment(rng, course, people, position)
    camps = seed_boot_camps(context, rng, BOOT_CAMPS[context.size], people, learning.certificate)
    context.flush()
    _publish(context)
    return ScaleReport({**writers.counts(), **learning.counts(), **camps})


class CourseWriters:
    def __init__(self, context: ScaleContext):
        self.now = context.now
        self.topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
        self.platforms = list(Platform.objects.order_by("pk").values_list("pk", flat=True))
        self.html = [render(body) for body in LESSON_BODIES]
        self.courses = context.writer(
            Course,
            (
                "public_id", "slug", "title", "summary", "description", "level",
                "estimated_hours", "ce_hours", "objectives", "price_cents", "status",
                "first_published_at",
            ),
        )  # fmt: skip
        self.course_topics = context.writer(Course.topics.through, ("course", "topic"))
        self.course_platforms = context.writer(Course.platforms.through, ("course", "platform"))
        self.versions = context.writer(
            CourseVersion, ("course", "number", "status", "change_note", "published_at")
        )
        self.modules = context.writer(Module, ("version", "key", "title", "position"))
        self.lessons = context.writer(
            Lesson,
            (
                "module", "key", "title", "position", "kind", "body_markdown", "body_html",
                "minutes", "is_preview", "passing_percent", "max_attempts",
            ),
        )  # fmt: skip
        self.questions = context.writer(
            Question, ("lesson", "key", "position", "prompt", "kind", "explanation")
        )
        self.choices = context.writer(Choice, ("question", "key", "position", "text", "is_correct"))

    def course(self, rng, number: int) -> ScaleCourse:
        title, level, summary = course_title(rng, number)
        published = self.now - timedelta(days=400 + rng.randrange(330))
        hours = rng.choice(HOURS)
        ce_hours = hours if rng.random() < 0.6 else Decimal("0")
        public_id = random_uuid(rng)
        # Written as a draft, then published in one statement once its version is in (_publish).
        course_id = self.courses.add(
            public_id, f"{PREFIX}{number:05d}", title, summary, "Generated for the benchmarks.",
            level, hours, ce_hours, "Plan the work\nDo it safely\nMeasure what matters",
            rng.choice([None, None, 9_900, 14_900]), "draft", published,
        )  # fmt: skip
        for topic in rng.sample(self.topics, 2):
            self.course_topics.add(course_id, topic)
        self.course_platforms.add(course_id, rng.choice(self.platforms))
        version_id = self.versions.add(course_id, 1, "published", "First version.", published)
        keys, questions = [], []
        for module_number in range(2):
            module_id = self.modules.add(
                version_id, random_uuid(rng), f"Module {module_number + 1}", module_number + 1
            )
            for position in range(1, LESSONS // 2 + 1):
                key = random_uuid(rng)
                keys.append(key)
                if len(keys) == LESSONS:
                    questions = self._quiz(rng, module_id, key, position)
                    continue
                body = rng.randrange(len(LESSON_BODIES))
                self.lessons.add(
                    module_id, key, f"Lesson {len(keys)}", position, "text",
                    LESSON_BODIES[body], self.html[body], 10, len(keys) == 1, 80, 3,
                )  # fmt: skip
        return ScaleCourse(
            course_id, public_id, version_id, title, hours, ce_hours, keys, questions
        )

    def _quiz(self, rng, module_id: int, key, position: int) -> list:
        lesson_id = self.lessons.add(
            module_id, key, "Check your understanding", position, "quiz", "", "", 10, False, 75, 3
        )
        made = []
        for number, (prompt, answers) in enumerate(QUIZ, 1):
            question_key = random_uuid(rng)
            right = sum(correct for _, correct in answers)
            question_id = self.questions.add(
                lesson_id, question_key, number, prompt, "multiple" if right > 1 else "single",
                "Generated for the benchmarks.",
            )  # fmt: skip
            keys, correct = [], set()
            for place, (text, is_correct) in enumerate(answers, 1):
                choice_key = random_uuid(rng)
                self.choices.add(question_id, choice_key, place, text, is_correct)
                keys.append(choice_key)
                if is_correct:
                    correct.add(choice_key)
            made.append((question_key, keys, correct))
        return made

    def counts(self) -> dict[str, int]:
        return {
            "courses": self.courses.count,
            "lessons": self.lessons.count,
            "questions": self.questions.count,
        }


class LearningWriters:
    def __init__(self, context: ScaleContext):
        self.today, self.now = context.today, context.now
        self.enrolments = context.writer(
            Enrolment,
            (
                "public_id", "course", "person", "access", "enrolled_at", "last_lesson_key",
                "last_activity_at", "completed_at", "lessons_done", "lessons_total",
            ),
        )  # fmt: skip
        self.completions = context.writer(
            LessonCompletion, ("enrolment", "lesson_key", "completed_at")
        )
        self.attempts = context.writer(
            QuizAttempt,
            (
                "public_id", "enrolment", "lesson_key", "version", "number", "order",
                "started_at", "submitted_at", "score_percent", "passed",
            ),
        )  # fmt: skip
        self.answers = context.writer(
            AttemptAnswer, ("attempt", "question_key", "chosen", "correct")
        )
        self.certificates = context.writer(
            Certificate,
            (
                "public_id", "code", "kind", "person", "recipient_name", "title",
                "source_public_id", "hours", "ce_hours", "completed_on", "issued_at",
                "revoked_at", "revoked_reason",
            ),
        )  # fmt: skip

    def enrolment(self, rng, course: ScaleCourse, people, position: int) -> None:
        joined = people.joined[position]
        enrolled = max(self.today - timedelta(days=rng.randrange(1, 365)), joined)
        draw = rng.random()
        done = LESSONS if draw < 0.25 else (rng.randint(1, LESSONS - 1) if draw < 0.75 else 0)
        start, latest = _at(enrolled, 12), self.now - timedelta(minutes=LESSONS)
        moments = [min(start + timedelta(days=2 * n), latest) for n in range(done)]
        completed = moments[-1] if done == LESSONS else None
        last = course.lesson_keys[min(done, LESSONS - 1)]
        enrolment_id = self.enrolments.add(
            random_uuid(rng), course.id, people.ids[position], Access.MEMBER, _at(enrolled, 9),
            last, moments[-1] if moments else _at(enrolled, 9), completed, done, LESSONS,
        )  # fmt: skip
        for key, moment in zip(course.lesson_keys, moments, strict=False):
            self.completions.add(enrolment_id, key, moment)
        if completed is None:
            return
        failed_first = rng.random() < 0.2
        for number in range(1, 3 if failed_first else 2):
            self._attempt(
                rng, course, enrolment_id, number, completed, number == 1 and failed_first
            )
        self.certificate(
            rng, "course", people.ids[position], people.names[position], course.title,
            course.public_id, course.hours, course.ce_hours, completed,
        )  # fmt: skip

    def _attempt(self, rng, course, enrolment_id, number, at, fails: bool) -> None:
        order = [
            {"question": str(key), "choices": [str(choice) for choice in choices]}
            for key, choices, _ in course.questions
        ]
        right = 2 if fails else len(course.questions)
        attempt_id = self.attempts.add(
            random_uuid(rng), enrolment_id, course.lesson_keys[-1], course.version_id, number,
            order, at - timedelta(minutes=10), at - timedelta(minutes=2),
            100 * right // len(course.questions), not fails,
        )  # fmt: skip
        for index, (key, choices, correct) in enumerate(course.questions):
            is_right = index < right
            chosen = sorted(correct) if is_right else [c for c in choices if c not in correct][:1]
            self.answers.add(attempt_id, key, [str(choice) for choice in chosen], is_right)

    def certificate(self, rng, kind, person_id, name, title, source, hours, ce, at) -> None:
        code = "SRX-" + "-".join(
            "".join(rng.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)
        )
        revoked = rng.random() < 0.005
        self.certificates.add(
            random_uuid(rng), code, kind, person_id, name, title, source, hours, ce,
            timezone.localtime(at).date(), at, at + timedelta(days=30) if revoked else None,
            "Generated for the benchmarks: revoked." if revoked else "",
        )  # fmt: skip

    def counts(self) -> dict[str, int]:
        return {
            "enrolments": self.enrolments.count,
            "lessons completed": self.completions.count,
            "quiz attempts": self.attempts.count,
            "certificates": self.certificates.count,
        }


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _publish(context: ScaleContext) -> None:
    """Every generated course published at the version written for it."""
    course, version = Course._meta.db_table, CourseVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {course} SET status = 'published', published_version_id = "  # noqa: S608
            f"(SELECT v.id FROM {version} v WHERE v.course_id = {course}.id AND v.number = 1) "
            f"WHERE slug LIKE %s AND published_version_id IS NULL",
            [PREFIX + "%"],
        )


def _generated_courses():
    return Course.objects.filter(slug__startswith=PREFIX)


def _foreign() -> dict[str, int]:
    return {
        "courses": Course.objects.exclude(slug__startswith=PREFIX).count(),
        "boot camps": BootCamp.objects.exclude(slug__startswith=PREFIX).count(),
        "certificates": Certificate.objects.exclude(
            person__email__endswith=f"@{EMAIL_DOMAIN}"
        ).count(),
        "on-site requests": OnsiteRequest.objects.count(),
        "lesson media": LessonMedia.objects.count(),
    }


def _loaded() -> dict[str, int]:
    return {
        "courses": _generated_courses().count(),
        "boot camps": BootCamp.objects.filter(slug__startswith=PREFIX).count(),
    }


def clear() -> None:
    """Every training row (foreign_rows said they are all generated), children first; the
    courses are unpublished first, since a course refers to its published version."""
    Course.objects.update(published_version=None, status="draft")
    tables: Iterable = (
        AttemptAnswer, QuizAttempt, LessonCompletion, Enrolment, Certificate, Attendance,
        WaitlistEntry, Registration, Booking, BootCampDay, BootCamp.topics.through,
        BootCamp.platforms.through, BootCamp.trainers.through, BootCamp, Choice, Question,
        Lesson, Module, CourseVersion, Course.topics.through, Course.platforms.through,
        Course.authors.through, Course,
    )  # fmt: skip
    delete_all(*tables)


SCALE = ScaleData(seed=seed, foreign_rows=_foreign, loaded_rows=_loaded, clear=clear)
