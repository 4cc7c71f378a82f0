from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import Commitment


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "label", "starts_at", "ends_at", "source_kind"]
    list_filter = ["source_kind"]
    search_fields = ["person__email", "label"]
