"""The site's own pages a visitor looks for (About, Contact, Privacy, Terms), editable by
staff, and the messages the contact form sends them."""

from django.conf import settings
from django.db import models


class SitePageKey(models.TextChoices):
    ABOUT = "about", "About"
    CONTACT = "contact", "Contact"
    PRIVACY = "privacy", "Privacy"
    TERMS = "terms", "Membership terms"


class SitePage(models.Model):
    key = models.CharField(max_length=20, choices=SitePageKey.choices, unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.title


class ContactTopic(models.TextChoices):
    MEMBERSHIP = "membership", "Membership and pricing"
    TRAINING = "training", "Training, boot camps and courses"
    COACHING = "coaching", "Consulting and coaching"
    REGISTRY = "registry", "The public registry"
    RESEARCH = "research", "Research"
    PRESS = "press", "Press"
    OTHER = "other", "Something else"


class ContactMessage(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField()
    organization = models.CharField(max_length=200, blank=True)
    topic = models.CharField(max_length=20, choices=ContactTopic.choices)
    message = models.TextField(max_length=5000)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name}: {self.get_topic_display()}"
