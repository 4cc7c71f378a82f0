"""A learner's enrolment, the lessons they completed and their quiz attempts. Progress refers
to lessons by their stable key (see courses.py), never to one version's rows."""

import uuid

from django.conf import settings
from django.db import models

from .courses import Course, CourseVersion


class Access(models.TextChoices):
    MEMBER = "member", "Member (free)"
    PURCHASED = "purchased", "Purchased"
    STAFF = "staff", "Center faculty"


class Enrolment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    access = models.CharField(max_length=20, choices=Access.choices)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    # "Continue where you left off": the lesson last opened.
    last_lesson_key = models.UUIDField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Lessons complete of the published version, kept with each change so lists of
    # enrolments show progress without counting rows per learner.
    lessons_done = models.PositiveSmallIntegerField(default=0)
    lessons_total = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("-enrolled_at",)
        constraints = [
            models.UniqueConstraint(fields=("course", "person"), name="training_one_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.course}"

    @property
    def percent(self) -> int:
        if not self.lessons_total:
            return 0
        return min(100, (100 * self.lessons_done) // self.lessons_total)


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    lesson_key = models.UUIDField()
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("enrolment", "lesson_key"), name="training_lesson_done_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Lesson {self.lesson_key} done"


class QuizAttempt(models.Model):
    """One try at a quiz. The questions and choices are shown in `order` (shuffled when the
    quiz says so, fixed for the attempt), graded on the server when submitted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson_key = models.UUIDField()
    version = models.ForeignKey(CourseVersion, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField()
    # [{"question": key, "choices": [key, ...]}, ...] as shown to the learner.
    order = models.JSONField()
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ("enrolment", "lesson_key", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("enrolment", "lesson_key", "number"), name="training_attempt_number"
            ),
        ]

    def __str__(self) -> str:
        return f"Attempt {self.number} of {self.enrolment}"


class AttemptAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_key = models.UUIDField()
    chosen = models.JSONField(default=list)  # choice keys
    correct = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("attempt", "question_key"), name="training_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_key}"
