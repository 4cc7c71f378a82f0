"""Forums: categories (by platform, topic or organization type), threads (discussions and
questions), and posts in sanitised Markdown with quoting, @mentions and an accepted answer.
Members only; a category can be opened to guests (signed-in people without a membership)."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.taxonomy.models import Platform, Topic


class CategoryGrouping(models.TextChoices):
    GENERAL = "general", "General"
    PLATFORM = "platform", "By platform"
    TOPIC = "topic", "By topic"
    ORGANIZATION_TYPE = "organization_type", "By organization type"


class Category(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)
    grouping = models.CharField(
        max_length=20, choices=CategoryGrouping.choices, default=CategoryGrouping.GENERAL
    )
    platform = models.ForeignKey(Platform, null=True, blank=True, on_delete=models.SET_NULL)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL)
    organization_type = models.CharField(max_length=20, blank=True)
    # Readable (not writable) by any signed-in person, members or not.
    open_to_guests = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=100)
    # Kept by the services when threads and posts change (the index page reads no counts).
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("grouping", "position", "name")
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", "Discussion"
    QUESTION = "question", "Question"


class Thread(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    kind = models.CharField(max_length=12, choices=ThreadKind.choices)
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)
    # Visible posts, kept by the services (pagination and unread markers read it, not COUNT).
    post_count = models.PositiveIntegerField(default=0)
    last_post_number = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_generated = models.BooleanField("generated demo data", default=False)

    class Meta:
        ordering = ("-is_pinned", "-last_post_at")
        indexes = [
            models.Index(
                fields=["category", "is_hidden", "-is_pinned", "-last_post_at"],
                name="community_thread_listing",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()  # 1 is the thread's opening post
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # A moderator's edit carries a note shown under the post ("Removed a patient's name").
    moderator_note = models.CharField(max_length=300, blank=True)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="community_post_number")
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="community_mention_once")
        ]

    def __str__(self) -> str:
        return f"@{self.user} in {self.post}"


class ThreadRead(models.Model):
    """How far a person has read a thread: posts after `last_read_number` are unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="community_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread} to #{self.last_read_number}"
