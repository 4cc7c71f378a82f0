"""The member directory, opt-in: a person chooses to be listed (with their role, platforms
and expertise), an org admin lists the organization. "Contact" sends an email through the
platform; the recipient's address is never shown."""

from django.conf import settings
from django.db import models

from socialrx.taxonomy.models import Platform, Topic


class DirectoryProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_profile"
    )
    is_listed = models.BooleanField(default=False)
    role_title = models.CharField("role", max_length=120, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Which of the person's organizations the entry shows.",
    )
    bio = models.CharField(max_length=500, blank=True)
    platforms = models.ManyToManyField(Platform, blank=True, related_name="+")
    expertise = models.ManyToManyField(Topic, blank=True, related_name="+")
    accepts_messages = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Directory entry of {self.user}"


class OrganizationEntry(models.Model):
    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="directory_entry"
    )
    is_listed = models.BooleanField(default=False)
    description = models.CharField(max_length=600, blank=True)
    platforms = models.ManyToManyField(Platform, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "organization entries"

    def __str__(self) -> str:
        return f"Directory entry of {self.organization}"


class DirectoryMessage(models.Model):
    """A message sent through the directory: kept so the limit per sender can be counted and a
    misuse looked into; the body is only emailed, never shown again."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["sender", "created_at"], name="community_dm_sender")]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}: {self.subject}"
