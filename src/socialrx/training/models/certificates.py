"""Certificates of completion (online course) and attendance (boot camp, on-site session, and
the events app's conferences and webinars).
What a certificate says is copied onto it when issued, so a later rename of the person or the
course never changes what was certified; the code is what the public verification page looks
up."""

import uuid

from django.conf import settings
from django.db import models


class CertificateKind(models.TextChoices):
    COURSE = "course", "Course completion"
    BOOT_CAMP = "boot_camp", "Boot camp attendance"
    ONSITE = "onsite", "On-site training attendance"
    EVENT = "event", "Conference or webinar attendance"  # issued by events


class Certificate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Unguessable, short enough to type from paper: "SRX-7K2M-QX9D-4HTP".
    code = models.CharField(max_length=24, unique=True)
    kind = models.CharField(max_length=20, choices=CertificateKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    recipient_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)  # what was completed or attended
    # The thing certified: a course, a boot camp or an on-site request (by public id).
    source_public_id = models.UUIDField()
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    ce_hours = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    completed_on = models.DateField()
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-issued_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("person", "kind", "source_public_id"), name="training_certificate_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.recipient_name}, {self.title}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
