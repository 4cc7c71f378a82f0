"""Training's scale data (`socialrx seed-scale`): courses, enrolments with progress, quiz
attempts, certificates and boot camps at size S, consistent as the services would leave them,
marked as generated, refused next to real data and replaced by the same rows."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import resolve

from socialrx.core.scale import EMAIL_DOMAIN
from socialrx.membership.selectors import first_member_admin_id
from socialrx.training import bench
from socialrx.training.models import (
    AttemptAnswer,
    Attendance,
    BootCamp,
    BootCampDay,
    Certificate,
    Choice,
    Course,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonCompletion,
    Module,
    Question,
    QuizAttempt,
    Registration,
    WaitlistEntry,
)
from socialrx.training.services.certificates import normalise_code
from tests.training.factories import make_course

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def test_size_s_writes_courses_learning_and_boot_camps_as_the_services_would(db):
    printed = seed_scale(size="S")

    assert Course.objects.count() == 20
    assert CourseVersion.objects.filter(number=1, status="published").count() == 20
    assert not Course.objects.exclude(status="published").exists()
    assert not Course.objects.exclude(published_version__course=F("pk")).exists()
    assert Module.objects.count() == 40
    assert Lesson.objects.count() == 200  # ten per course
    assert Lesson.objects.filter(kind="quiz").count() == 20
    assert Lesson.objects.filter(is_preview=True).count() == 20
    assert Question.objects.count() == 80
    assert Choice.objects.count() == 240
    assert Enrolment.objects.count() == 2_000  # four per person, 500 people
    assert set(Enrolment.objects.values_list("lessons_total", flat=True)) == {10}
    assert BootCamp.objects.count() == 10
    assert Counter(BootCamp.objects.values_list("status", flat=True)) == {
        "completed": 5,
        "published": 5,
    }
    assert BootCampDay.objects.count() == 20
    assert "training       20 courses, 200 lessons, 80 questions, 2,000 enrolments" in printed
    progress_attempts_and_certificates_agree()
    boot_camps_never_over_capacity_and_attendance_only_where_they_took_place()
    the_bench_pages_are_found_in_the_data()


def progress_attempts_and_certificates_agree() -> None:
    counted = Enrolment.objects.annotate(n=Count("completions"))
    assert not counted.exclude(n=F("lessons_done")).exists()
    completed = Enrolment.objects.filter(completed_at__isnull=False)
    assert not completed.exclude(lessons_done=10).exists()
    assert not Enrolment.objects.filter(completed_at__isnull=True, lessons_done=10).exists()
    assert 0.2 < completed.count() / 2_000 < 0.3  # a quarter complete
    # Completions are lessons of the enrolment's own course.
    foreign = LessonCompletion.objects.exclude(
        Exists(
            Lesson.objects.filter(
                module__version__course=OuterRef("enrolment__course"), key=OuterRef("lesson_key")
            )
        )
    )
    assert not foreign.exists()
    # Every completed enrolment passed the quiz (a fifth after failing once) and holds a
    # certificate for the course.
    passed = QuizAttempt.objects.filter(passed=True)
    assert passed.count() == completed.count()
    assert QuizAttempt.objects.filter(passed=False, number=1).count() > 0
    assert not QuizAttempt.objects.filter(passed=False).exclude(score_percent=50).exists()
    assert AttemptAnswer.objects.count() == 4 * QuizAttempt.objects.count()
    course_certificates = Certificate.objects.filter(kind="course")
    assert course_certificates.count() == completed.count()
    codes = Certificate.objects.values_list("code", flat=True)
    assert all(normalise_code(code) == code for code in codes)
    assert len(set(codes)) == len(codes)
    assert not Certificate.objects.exclude(person__email__endswith=f"@{EMAIL_DOMAIN}").exists()


def boot_camps_never_over_capacity_and_attendance_only_where_they_took_place() -> None:
    for camp in BootCamp.objects.annotate(
        taken=Count("registrations", filter=Q(registrations__status="confirmed"))
    ):
        assert camp.taken <= camp.capacity
        if camp.waitlist.exists():
            assert camp.taken == camp.capacity and camp.status == "published"
    assert WaitlistEntry.objects.exists()
    assert not Attendance.objects.exclude(day__boot_camp__status="completed").exists()
    completed_registrations = Registration.objects.filter(boot_camp__status="completed")
    assert Attendance.objects.count() == 2 * completed_registrations.count()
    attended = completed_registrations.filter(attendance__present=True).distinct().count()
    assert Certificate.objects.filter(kind="boot_camp").count() == attended
    every_day = Certificate.objects.filter(kind="boot_camp", ce_hours__gt=0)
    assert set(every_day.values_list("hours", flat=True)) <= {16}


def the_bench_pages_are_found_in_the_data() -> None:
    pages = {page.name: page.url() for page in bench.PAGES}

    assert all(pages.values()), pages
    names = {name: resolve(url).url_name for name, url in pages.items()}
    assert names == {
        "Training catalogue": "catalog",
        "Course page": "course",
        "Lesson (signed-in member)": "lesson",
        "Boot camp page": "boot_camp",
        "Certificate verification": "certificate_verify",
    }
    # The lesson is one the bench's member is enrolled in.
    lesson_url = pages["Lesson (signed-in member)"]
    member = first_member_admin_id()
    slug = resolve(lesson_url).kwargs["slug"]
    assert Enrolment.objects.filter(person_id=member, course__slug=slug).exists()


def test_the_bench_pages_are_skipped_when_the_data_has_none(db):
    pages = {page.name: page.url() for page in bench.PAGES}

    assert pages == {
        "Training catalogue": "/training/",
        "Course page": None,
        "Lesson (signed-in member)": None,
        "Boot camp page": None,
        "Certificate verification": None,
    }


def test_a_real_course_refuses_the_load_and_replace_loads_the_same_rows(db):
    seed_scale(size="S")

    def rows():
        return {
            "courses": list(Course.objects.order_by("pk").values_list("public_id", "title")),
            "enrolments": list(
                Enrolment.objects.order_by("pk").values_list("public_id", "lessons_done")
            ),
            "certificates": list(Certificate.objects.order_by("pk").values_list("code")),
            "boot camps": list(BootCamp.objects.order_by("pk").values_list("public_id", "slug")),
        }

    first = rows()
    real = make_course(title="A real course")
    with pytest.raises(CommandError, match="training: 1 courses"):
        seed_scale(size="S", replace=True)
    assert Course.objects.count() == 21  # nothing was cleared

    Course.objects.filter(pk=real.pk).update(published_version=None, status="draft")
    CourseVersion.objects.filter(course=real).delete()
    real.delete()
    seed_scale(size="S", replace=True)
    assert rows() == first
