"""The registry's entities: hospitals (by CMS certification number), health systems,
physicians (by NPI) and other health organizations, in one table.

One table rather than one per kind: search, filters, adoption statistics and million-row
imports all work across kinds or group by a few columns, and a row per entity keeps each of
those one query. Columns that belong to one kind stay empty for the others; constraints hold
the keys (a hospital has a CCN, a physician an NPI)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse

from socialrx.core import geography
from socialrx.core.geography import Region
from socialrx.core.identifiers import validate_ccn, validate_npi

from ..classification import OwnershipGroup, SizeBand


class EntityKind(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    HEALTH_SYSTEM = "health_system", "Health system"
    PHYSICIAN = "physician", "Physician"
    ORGANIZATION = "organization", "Other health organization"


# The URL segment of each kind's pages (/registry/hospitals/240010/).
KIND_SLUGS = {
    EntityKind.HOSPITAL: "hospitals",
    EntityKind.HEALTH_SYSTEM: "health-systems",
    EntityKind.PHYSICIAN: "physicians",
    EntityKind.ORGANIZATION: "organizations",
}
SLUG_KINDS = {slug: kind for kind, slug in KIND_SLUGS.items()}


class OrganizationCategory(models.TextChoices):
    """What an "other health organization" is: the list the 2010 article cites widened from
    US hospitals to these."""

    CLINIC = "clinic", "Clinic or practice"
    ASSOCIATION = "association", "Association or society"
    NON_US_HOSPITAL = "non_us_hospital", "Hospital outside the US"
    PUBLIC_HEALTH = "public_health", "Public health agency"
    OTHER = "other", "Other health organization"


class Entity(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    name = models.CharField(max_length=300)
    ccn = models.CharField(
        "CMS certification number", max_length=6, blank=True, validators=[validate_ccn]
    )
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[validate_npi])
    # A source's own identifier for kinds without a national key (an AHRQ health system id).
    external_id = models.CharField("source identifier", max_length=64, blank=True)

    street_address = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    state = models.CharField(max_length=2, blank=True)
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    county = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, default="US")
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(max_length=500, blank=True)

    # Hospitals (CMS Hospital General Information).
    hospital_type = models.CharField(max_length=80, blank=True)
    ownership = models.CharField(max_length=80, blank=True)
    emergency_services = models.BooleanField(null=True, blank=True)
    star_rating = models.PositiveSmallIntegerField("overall star rating", null=True, blank=True)
    bed_count = models.PositiveIntegerField("beds", null=True, blank=True)
    # CMS publishes no bed counts; the demo generates some, and says so wherever it shows them.
    bed_count_is_generated = models.BooleanField(default=False)
    health_system = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hospitals",
        limit_choices_to={"kind": EntityKind.HEALTH_SYSTEM},
    )

    # Physicians.
    credential = models.CharField(max_length=40, blank=True)
    specialty = models.CharField(max_length=120, blank=True)
    affiliated_hospital = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="physicians",
        limit_choices_to={"kind": EntityKind.HOSPITAL},
    )

    # Other health organizations.
    category = models.CharField(max_length=20, choices=OrganizationCategory.choices, blank=True)

    # Derived from the columns above by `registry.classification` / `core.geography` when written,
    # so statistics group by a column instead of recomputing per row.
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    ownership_group = models.CharField(max_length=20, choices=OwnershipGroup.choices, blank=True)
    size_band = models.CharField(max_length=10, choices=SizeBand.choices, blank=True)

    # Whether any account is listed (not removed), kept by services.accounts.note_presence when
    # accounts change: search lists listings with a presence first from an index instead of
    # looking for a million rows' accounts.
    has_account = models.BooleanField(default=False)

    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registry_entities",
        help_text="The SocialRx organization that claimed this entity.",
    )
    is_generated = models.BooleanField(
        "generated demo data", default=False, help_text="Invented for the demo, not a real entity."
    )
    source = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ccn"], condition=~Q(ccn=""), name="registry_entity_unique_ccn"
            ),
            models.UniqueConstraint(
                fields=["npi"], condition=~Q(npi=""), name="registry_entity_unique_npi"
            ),
            models.UniqueConstraint(
                fields=["kind", "external_id"],
                condition=~Q(external_id=""),
                name="registry_entity_unique_external_id",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntityKind.HOSPITAL) | ~Q(ccn=""),
                name="registry_hospital_has_ccn",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntityKind.PHYSICIAN) | ~Q(npi=""),
                name="registry_physician_has_npi",
            ),
        ]
        indexes = [
            models.Index(fields=["-has_account", "name"]),
            models.Index(Upper("city"), name="registry_entity_city_upper"),
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["kind", "city"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:entity", args=[self.kind_slug, self.key])

    @property
    def kind_slug(self) -> str:
        return KIND_SLUGS[self.kind]

    @property
    def key(self) -> str:
        """The identifier in this entity's URL: its CCN, its NPI, or its public id."""
        if self.kind == EntityKind.HOSPITAL:
            return self.ccn
        if self.kind == EntityKind.PHYSICIAN:
            return self.npi
        return str(self.public_id)

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.city.title(), self.state) if part)

    @property
    def state_name(self) -> str:
        return geography.state_name(self.state)

    @property
    def display_name(self) -> str:
        """CMS publishes names in capitals; people read them in title case."""
        if self.name.isupper():
            return _title(self.name)
        return self.name

    @property
    def is_hospital(self) -> bool:
        return self.kind == EntityKind.HOSPITAL

    @property
    def is_physician(self) -> bool:
        return self.kind == EntityKind.PHYSICIAN


# Words CMS writes in capitals that stay so in title case.
_KEEP_UPPER = {
    "LLC", "VA", "UNC", "UAB", "UCSF", "UCLA", "UC", "OSF", "HCA", "NYU", "II", "III", "SSM",
    "UPMC", "SUNY", "AFB", "MUSC", "CHI", "USA", "UT", "OHSU", "UCSD", "UVA", "LSU", "ECU",
}  # fmt: skip
_KEEP_LOWER = {"of", "and", "the", "at", "for", "in", "on", "de", "la"}


def _title(text: str) -> str:
    words = []
    for index, word in enumerate(text.split()):
        if word in _KEEP_UPPER:
            words.append(word)
        elif index and word.lower() in _KEEP_LOWER:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)
