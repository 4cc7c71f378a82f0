"""Online courses. A course's catalogue facts (title, summary, level, topics, price) live on
`Course`; its content lives in numbered `CourseVersion`s. Staff edit a draft version and
publish it; learners always see the published one. Modules, lessons, questions and choices
keep a stable `key` from version to version, and a learner's progress and quiz attempts refer to
those keys, so publishing a new version never loses what anyone has done: an unchanged lesson
stays complete, a new one appears to do, a removed one stops counting."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from socialrx.taxonomy.models import Platform, Topic


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", "Introductory"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class CourseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"  # never published: only staff and its authors see it
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"  # off the catalogue; enrolled learners keep access


class Course(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=160)
    summary = models.CharField(max_length=400)
    description = models.TextField(blank=True, help_text="Markdown")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.INTRODUCTORY)
    topics = models.ManyToManyField(Topic, blank=True, related_name="courses")
    platforms = models.ManyToManyField(Platform, blank=True, related_name="courses")
    estimated_hours = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    # Continuing-education hours printed on the certificate (0: none offered).
    ce_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    objectives = models.TextField(help_text="One learning objective per line")
    # Members of active member organizations enrol free; a price (cents) lets others buy it.
    price_cents = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=CourseStatus.choices, default=CourseStatus.DRAFT
    )
    published_version = models.ForeignKey(
        "CourseVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="authored_courses"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("title",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_version__isnull=False),
                name="training_course_published_has_version",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


class CourseVersion(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    change_note = models.CharField(max_length=240, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("course", "number")
        constraints = [
            models.UniqueConstraint(fields=("course", "number"), name="training_version_number"),
            # At most one draft per course: staff always know which one they are editing.
            models.UniqueConstraint(
                fields=("course",),
                condition=models.Q(status="draft"),
                name="training_one_draft_per_course",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} v{self.number}"


class Module(models.Model):
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="modules")
    key = models.UUIDField(default=uuid.uuid4)
    title = models.CharField(max_length=160)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("version", "position")
        constraints = [
            models.UniqueConstraint(fields=("version", "key"), name="training_module_key"),
        ]

    def __str__(self) -> str:
        return self.title


class LessonKind(models.TextChoices):
    TEXT = "text", "Reading"
    VIDEO = "video", "Video"
    AUDIO = "audio", "Audio"
    EMBED = "embed", "Embedded video"
    QUIZ = "quiz", "Quiz"


def media_path(instance, filename: str) -> str:
    # The name on disk is the media's unguessable id; the original name is kept on the row.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"training/{instance.public_id}.{suffix}"


def captions_path(instance, filename: str) -> str:
    return f"training/{instance.public_id}.vtt"


def private_storage():
    from django.core.files.storage import storages  # noqa: PLC0415 - resolved when a file is saved, so tests may point it elsewhere

    return storages["private"]


class LessonMedia(models.Model):
    """An uploaded video or audio file with its WebVTT captions, kept in private storage and
    served only through the lesson's permission check (never from MEDIA_ROOT)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=media_path, storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=60)
    size_bytes = models.PositiveBigIntegerField()
    original_name = models.CharField(max_length=200)
    captions = models.FileField(
        upload_to=captions_path, storage=private_storage, max_length=200, blank=True
    )
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    key = models.UUIDField(default=uuid.uuid4)
    title = models.CharField(max_length=160)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=LessonKind.choices, default=LessonKind.TEXT)
    body_markdown = models.TextField(blank=True)
    # The Markdown rendered and sanitised when saved (markdown-it-py + nh3): pages print this.
    body_html = models.TextField(blank=True, editable=False)
    media = models.ForeignKey(
        LessonMedia, null=True, blank=True, on_delete=models.PROTECT, related_name="lessons"
    )
    transcript = models.TextField(blank=True)
    embed_url = models.URLField(blank=True, max_length=300)
    minutes = models.PositiveSmallIntegerField(default=10)
    # A preview lesson is open to visitors, so they can judge the course before joining.
    is_preview = models.BooleanField(default=False)
    # Quiz settings (kind == quiz).
    passing_percent = models.PositiveSmallIntegerField(
        default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)

    class Meta:
        ordering = ("module", "position")
        constraints = [
            models.UniqueConstraint(fields=("module", "key"), name="training_lesson_key"),
            models.CheckConstraint(
                condition=models.Q(passing_percent__gte=1, passing_percent__lte=100),
                name="training_lesson_passing_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "One answer"
    MULTIPLE = "multiple", "All that apply"


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveSmallIntegerField()
    prompt = models.TextField()
    kind = models.CharField(
        max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    explanation = models.TextField(help_text="Shown after the answer is graded: why.")

    class Meta:
        ordering = ("lesson", "position")
        constraints = [
            models.UniqueConstraint(fields=("lesson", "key"), name="training_question_key"),
        ]

    def __str__(self) -> str:
        return self.prompt[:60]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ("question", "position")
        constraints = [
            models.UniqueConstraint(fields=("question", "key"), name="training_choice_key"),
        ]

    def __str__(self) -> str:
        return self.text
