"""People: the user (email login, profile, center roles) and personal API tokens."""

import hashlib
import secrets
import uuid
import zoneinfo

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from . import photos

TIME_ZONE_CHOICES = [
    (name, name.replace("_", " "))
    for name in sorted(zoneinfo.available_timezones())
    if name.startswith(("America/", "Pacific/Honolulu", "UTC", "Europe/", "Asia/", "Australia/"))
]


class CenterRole(models.TextChoices):
    """Roles a person holds at the center itself (not inside a member organization)."""

    STAFF = "staff", "Center staff"
    COACH = "coach", "Coach / trainer"
    RESEARCHER = "researcher", "Researcher"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def profile_photo_path(instance: "User", filename: str) -> str:
    """Named by the person's public id, under the extension of the format the photo really is
    (PNG, JPEG or WebP; see `photos`), never the suffix of the uploaded name."""
    return f"profile-photos/{instance.public_id}.{photos.extension_of(instance.photo)}"


class User(AbstractUser):
    """A person. `is_staff` is the center-staff role (it also opens Django admin)."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    public_id = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    full_name = models.CharField("full name", max_length=150, blank=True)
    professional_title = models.CharField(
        max_length=150, blank=True, help_text="For example: Director of Digital Communications"
    )
    credentials = models.CharField(max_length=80, blank=True, help_text="For example: MD, RN, MPH")
    specialty = models.CharField(max_length=120, blank=True)
    time_zone = models.CharField(max_length=64, default="America/Chicago")
    photo = models.ImageField(upload_to=profile_photo_path, blank=True)
    is_coach = models.BooleanField("coach / trainer", default=False)
    is_researcher = models.BooleanField("researcher", default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.full_name or self.email
        return f"{name}, {self.credentials}" if self.credentials and self.full_name else name

    @property
    def center_roles(self) -> list[str]:
        roles = []
        if self.is_staff:
            roles.append(CenterRole.STAFF)
        if self.is_coach:
            roles.append(CenterRole.COACH)
        if self.is_researcher:
            roles.append(CenterRole.RESEARCHER)
        return roles

    @property
    def has_center_role(self) -> bool:
        return bool(self.is_staff or self.is_coach or self.is_researcher)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for scripts. Only its SHA-256 is stored; the raw value is shown once."""

    PREFIX = "srx_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    token_prefix = models.CharField(max_length=12, help_text="First characters, to recognise it")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    @classmethod
    def generate_raw(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def mark_used(self) -> None:
        self.last_used_at = timezone.now()
        self.save(update_fields=["last_used_at"])
