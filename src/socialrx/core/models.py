"""The shared kernel's own data: the audit log, the emails that could not be sent and the
mailing lists people left."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what to which object, when, with the values before and after."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the event still says who acted after the account is gone.
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, db_index=True)
    target_id = models.CharField(max_length=64, db_index=True)
    target_repr = models.CharField(max_length=255)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_email or 'system'} {self.action}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class FailedEmail(models.Model):
    """An email that could not be sent. Kept so the person whose action sent it learns so, and
    center staff see every failed send. Never the body: it may carry a sign-in or invitation
    link."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.TextField()
    subject = models.CharField(max_length=255)
    template = models.CharField(max_length=120, blank=True)
    reason = models.CharField(max_length=255)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients}"


class EmailOptOut(models.Model):
    """A person left one mailing list (`stream`, an `EmailStream` key an app declares): its
    emails are no longer sent to them. No row: they receive it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    stream = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "stream"), name="core_email_opt_out_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} left {self.stream}"
