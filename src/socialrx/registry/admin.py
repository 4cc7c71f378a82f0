"""Registry records in Django admin, to look and search: every change goes through the
registry's pages and imports, which keep history."""

from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import Account, Claim, Correction, Entity, EntityAlias, ImportJob


@admin.register(Entity)
class EntityAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "ccn", "npi", "city", "state", "is_generated"]
    list_filter = ["kind", "is_generated", "region", "ownership_group", "size_band"]
    search_fields = ["name", "ccn", "npi", "city"]
    show_full_result_count = False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["handle", "platform", "entity", "followers", "status", "removed_on"]
    list_filter = ["platform", "status", "is_generated"]
    search_fields = ["handle", "key", "entity__name"]
    list_select_related = ["entity"]


@admin.register(EntityAlias)
class EntityAliasAdmin(ReadOnlyAdmin):
    """Staff edit aliases on the registry's aliases page, which records each change."""

    list_display = ["alias", "entity", "created_by", "created_at"]
    search_fields = ["alias", "entity__name"]
    list_select_related = ["entity", "created_by"]


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["entity", "claimant", "status", "method", "created_at"]
    list_filter = ["status", "method"]
    list_select_related = ["entity", "claimant"]


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ["entity", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["entity"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "status", "total_rows", "created_at"]
    list_filter = ["kind", "status"]
