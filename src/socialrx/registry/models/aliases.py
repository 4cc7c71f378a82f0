"""Short names an entity is known by ("MGH", "CHOP", "NYU Langone"), which CMS's names do not
contain: center staff keep them (services.aliases), and search finds the entity by them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from .. import search_functions  # noqa: F401 - registers search's SQL functions on SQLite
from ..search_text import fold

MAX_ALIAS_LENGTH = 120


class EntityAlias(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entity = models.ForeignKey("registry.Entity", on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=MAX_ALIAS_LENGTH)
    # The alias as search compares it (search_text.fold): set on save, never typed.
    folded = models.CharField(max_length=MAX_ALIAS_LENGTH, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        ordering = ["folded", "id"]
        constraints = [
            # One entity may share an alias with another ("St. Mary's"), but not have it twice.
            models.UniqueConstraint(
                fields=["entity", "folded"], name="registry_alias_once_per_entity"
            ),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs) -> None:
        self.folded = fold(self.alias)[:MAX_ALIAS_LENGTH]
        super().save(*args, **kwargs)
