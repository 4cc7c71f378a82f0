"""Following threads and categories, and what followers, mentioned people and question askers
are told: an in-app notification always, an email immediately or in a daily digest (the
person's choice), sent by tasks."""

from django.conf import settings
from django.db import models

from .forums import Category, Post, Thread


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(thread__isnull=False, category__isnull=True)
                    | models.Q(thread__isnull=True, category__isnull=False)
                ),
                name="community_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="community_follow_thread_once",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="community_follow_category_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.thread or self.category}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", "New reply in a thread you follow"
    NEW_THREAD = "new_thread", "New thread in a category you follow"
    MENTION = "mention", "You were mentioned"
    ANSWER_ACCEPTED = "answer_accepted", "Your answer was accepted"
    MODERATION = "moderation", "A moderator acted on your post"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # None until an email carried it (immediately, or in the daily digest).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"], name="community_notif_inbox"),
            models.Index(fields=["emailed_at", "user"], name="community_notif_email"),
        ]

    def __str__(self) -> str:
        return self.text


class EmailMode(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately, one email per notification"
    DAILY = "daily", "Once a day, a digest"
    NEVER = "never", "Never (in the site only)"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_preference"
    )
    email_mode = models.CharField(
        max_length=12, choices=EmailMode.choices, default=EmailMode.IMMEDIATELY
    )
    # Follow a thread when one posts in it (the usual forum default).
    follow_on_reply = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Forum emails of {self.user}: {self.email_mode}"
