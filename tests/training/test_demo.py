"""Training's demo data (`socialrx seed-demo`, small profile): three real courses with quizzes,
a second version, an audio lesson with captions in private storage, learners' progress, boot
camps (one full with a waitlist), on-site requests at every stage and certificates."""

from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import resolve

from socialrx.billing.models import InvoiceLine
from socialrx.schedules.models import Commitment
from socialrx.training import bench
from socialrx.training.demo import narration
from socialrx.training.demo.spec import Ask
from socialrx.training.models import (
    Attendance,
    Booking,
    BootCamp,
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
    OnsiteStep,
    Question,
    QuizAttempt,
    Registration,
    WaitlistEntry,
)
from socialrx.training.services.media import parse_webvtt

pytestmark = pytest.mark.integration

TRAINING_MODELS = [
    Course, CourseVersion, Module, Lesson, Question, Choice, LessonMedia, Enrolment,
    LessonCompletion, QuizAttempt, BootCamp, Booking, Registration, WaitlistEntry, Attendance,
    OnsiteRequest, OnsiteStep, Certificate, Commitment, InvoiceLine,
]  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TRAINING_MODELS}


def test_three_published_courses_with_real_lessons_and_quizzes(demo_small):
    courses = {c.slug: c for c in Course.objects.select_related("published_version")}

    assert set(courses) == {
        "facebook-page-safely",
        "x-for-physicians",
        "podcasting-for-your-practice",
    }
    for course in courses.values():
        assert course.status == "published"
        assert course.topics.exists() and course.platforms.exists()
        assert len(course.objective_list) == 5
        lessons = Lesson.objects.filter(module__version=course.published_version)
        assert 4 <= lessons.count() <= 7
        assert lessons.filter(is_preview=True).count() == 1
        assert 2 <= Module.objects.filter(version=course.published_version).count() <= 3
        for reading in lessons.filter(kind="text"):
            assert len(reading.body_markdown.split()) > 180, reading.title
            assert "<h2>" in reading.body_html and "<script" not in reading.body_html
        quiz = lessons.get(kind="quiz")
        kinds = Counter(quiz.questions.values_list("kind", flat=True))
        assert kinds["single"] >= 1 and kinds["multiple"] >= 1
        assert 4 <= sum(kinds.values()) <= 6
        assert not quiz.questions.filter(explanation="").exists()
    # Sold to non-members: the Facebook course only.
    assert courses["facebook-page-safely"].price_cents == 14_900
    assert courses["x-for-physicians"].price_cents is None
    assert courses["x-for-physicians"].ce_hours == Decimal("1.5")


def test_the_facebook_course_has_a_second_version_with_an_added_lesson(demo_small):
    course = Course.objects.get(slug="facebook-page-safely")
    versions = list(course.versions.order_by("number").values_list("number", "status"))

    assert versions == [(1, "superseded"), (2, "published")]
    first, second = course.versions.order_by("number")
    first_keys = set(Lesson.objects.filter(module__version=first).values_list("key", flat=True))
    second_keys = set(Lesson.objects.filter(module__version=second).values_list("key", flat=True))
    assert first_keys < second_keys and len(second_keys - first_keys) == 1
    added = Lesson.objects.get(module__version=second, key__in=second_keys - first_keys)
    assert added.title == "When patients share their own health information"
    assert second.change_note.startswith("Added a lesson")


def test_the_audio_lesson_and_its_captions_are_in_private_storage(demo_small):
    lesson = Lesson.objects.select_related("media").get(
        kind="audio", module__version__course__slug="podcasting-for-your-practice"
    )
    media = lesson.media

    assert media.content_type == "audio/ogg"
    assert media.file.storage.exists(media.file.name)
    assert media.captions.storage.exists(media.captions.name)
    assert not media.file.name.startswith(("/", "media/"))
    with media.file.open("rb") as audio:
        assert audio.read(4) == b"OggS"
    assert media.size_bytes == (narration.MEDIA_DIR / narration.AUDIO_NAME).stat().st_size
    assert media.size_bytes < 200_000
    with media.captions.open("rb") as captions:
        text = captions.read()
    assert parse_webvtt(text) == 8
    # The cues, the narration and the transcript are the same sentences.
    for sentence in narration.SENTENCES:
        assert sentence.encode() in text
        assert sentence in lesson.transcript
    assert "computer-generated" in lesson.transcript
    assert "computer-generated" in lesson.body_markdown


def test_the_captions_cues_follow_one_another_and_fit_the_recording():
    vtt = (narration.MEDIA_DIR / narration.CAPTIONS_NAME).read_text()
    timings = [line.split(" --> ") for line in vtt.splitlines() if "-->" in line]

    assert len(timings) == len(narration.SENTENCES) == 8
    ends = [timing[1] for timing in timings]
    assert [timing[0] for timing in timings[1:]] > ends[:-1]
    assert "00:00:20.000" < ends[-1] < "00:00:40.000"  # a 20-40 second narration


def test_learners_progress_and_counts_match_their_completed_lessons(demo_small):
    enrolments = Enrolment.objects.select_related("course", "person")

    assert enrolments.count() == 7
    for enrolment in enrolments:
        keys = Lesson.objects.filter(
            module__version_id=enrolment.course.published_version_id
        ).values_list("key", flat=True)
        done = LessonCompletion.objects.filter(enrolment=enrolment, lesson_key__in=keys).count()
        assert (enrolment.lessons_done, enrolment.lessons_total) == (done, len(keys))
    emily = enrolments.get(person__email="emily.sorensen@riverside-rmc.example",
                           course__slug="facebook-page-safely")  # fmt: skip
    assert (emily.lessons_done, emily.lessons_total) == (7, 7)
    assert emily.completed_at is not None
    attempts = QuizAttempt.objects.filter(enrolment=emily).order_by("number")
    assert [(a.number, a.passed) for a in attempts] == [(1, False), (2, True)]
    assert attempts[0].score_percent == 40 and attempts[1].score_percent == 100
    bought = enrolments.get(person__email="alex.moreno@northstarhealth.example")
    assert bought.access == "purchased"
    assert InvoiceLine.objects.get(kind="training.course").invoice.status == "paid"
    assert enrolments.filter(completed_at__isnull=True, lessons_done__gt=0).count() == 5


def test_boot_camps_one_with_seats_one_full_with_a_waitlist_one_completed(demo_small):
    camps = {camp.slug: camp for camp in BootCamp.objects.all()}
    taken = ("pending", "confirmed")

    upcoming = camps["social-media-strategy-boot-camp"]
    assert upcoming.status == "published" and upcoming.days.count() == 2
    assert upcoming.registrations.filter(status__in=taken).count() == 3
    assert upcoming.registrations.filter(status="pending").count() == 1  # invoice open
    full = camps["video-studio-intensive"]
    assert full.registrations.filter(status="confirmed").count() == 5
    assert full.registrations.filter(status="cancelled").count() == 1
    waiting = Counter(full.waitlist.values_list("status", flat=True))
    assert waiting == {"offered": 1, "waiting": 1}
    offer = full.waitlist.get(status="offered")
    assert offer.person.email == "david.chen@lakesidefp.example" and offer.claim_token
    assert set(full.trainers.values_list("email", flat=True)) == {"marcus.bell@socialrx.example"}
    past = camps["social-media-strategy-boot-camp-winter"]
    assert past.status == "completed"
    assert Attendance.objects.filter(day__boot_camp=past, present=False).count() == 1
    # Member price for Riverside (Medical Center plan: 20 % off the $1,195 list price).
    line = InvoiceLine.objects.get(
        sold_public_id=upcoming.bookings.get(organization__name__startswith="Riverside").public_id
    )
    assert (line.quantity, line.unit_price_cents, line.amount_cents) == (2, 119_500, 191_200)
    # The trainers' time is committed for every day, the past boot camp's included.
    assert Commitment.objects.filter(source_kind="training.boot_camp").count() == 2 * 2 + 1 + 2 * 2


def test_onsite_requests_at_every_stage_with_their_timelines(demo_small):
    requests = OnsiteRequest.objects.all()

    assert Counter(requests.values_list("status", flat=True)) == {
        "requested": 1,
        "proposed": 1,
        "accepted": 1,
        "declined": 1,
        "delivered": 1,
    }
    steps = {r.status: r.steps.count() for r in requests}
    assert steps == {"requested": 1, "proposed": 2, "accepted": 3, "declined": 3, "delivered": 5}
    delivered = requests.get(status="delivered")
    assert delivered.attendees_count == 36 and delivered.trainer_notes
    assert delivered.invoice.status == "paid"
    assert requests.get(status="accepted").invoice.status == "open"
    assert requests.get(status="declined").decline_reason
    assert len({r.organization_id for r in requests}) == 3


def test_certificates_of_courses_boot_camps_and_onsite_one_revoked(demo_small):
    certificates = Certificate.objects.all()

    assert Counter(certificates.values_list("kind", flat=True)) == {
        "course": 2,
        "boot_camp": 4,
        "onsite": 1,
        # The events demo's past conference (tests/events/test_demo.py).
        "event": 8,
    }
    revoked = certificates.get(revoked_at__isnull=False)
    assert revoked.kind == "boot_camp" and revoked.revoked_reason.startswith("Issued to the wrong")
    # Present one day of two: the hours of that day, and no CE hours.
    partial = certificates.get(kind="boot_camp", person__email="david.chen@lakesidefp.example")
    assert (partial.hours, partial.ce_hours) == (Decimal("8.0"), Decimal("0"))


def test_a_second_run_creates_nothing(demo_small):
    before = counts()
    out = StringIO()

    call_command("seed_demo", profile="small", stdout=out)

    assert counts() == before
    assert "Demo data already present: nothing new was created." in out.getvalue()


def test_the_quiz_text_is_well_formed():
    from socialrx.training.demo.courses import COURSES

    for text in COURSES:
        pages = [page for part in text.parts for page in part.pages]
        quizzes = [page for page in pages if page.questions]
        assert len(quizzes) == 1
        for ask in quizzes[0].questions:
            assert isinstance(ask, Ask)
            assert 1 <= sum(answer.correct for answer in ask.answers) < len(ask.answers)


def test_the_bench_finds_its_pages_in_the_demo(demo_small):
    pages = {page.name: page.url() for page in bench.PAGES}

    assert pages["Training catalogue"] == "/training/"
    assert pages["Course page"] == "/training/courses/facebook-page-safely/"  # most learners
    assert pages["Boot camp page"] == "/training/boot-camps/video-studio-intensive/"
    # Karen Lindqvist, Riverside's admin, is the member the bench signs in as; she left off
    # at the moderation lesson of the Facebook course.
    lesson = resolve(pages["Lesson (signed-in member)"])
    assert lesson.kwargs["slug"] == "facebook-page-safely"
    assert Lesson.objects.get(
        key=lesson.kwargs["key"], module__version__status="published"
    ).title == ("Your comment and moderation policy")
    code = resolve(pages["Certificate verification"]).kwargs["code"]
    assert Certificate.objects.get(code=code).revoked_at is None
