"""Read-only admin pages for looking community records up; moderation goes through the
moderation queue (`/staff/community/`), whose services keep counters and the audit log."""

from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import Category, Flag, Suspension, Thread


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "grouping", "open_to_guests", "thread_count", "post_count"]
    list_filter = ["grouping", "open_to_guests"]
    search_fields = ["name", "slug"]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "category", "kind", "post_count", "is_locked", "is_hidden"]
    list_filter = ["kind", "is_locked", "is_hidden", "category"]
    search_fields = ["title"]
    raw_id_fields = ["author", "accepted_post"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["post", "reason", "outcome", "created_at", "resolved_at"]
    list_filter = ["outcome", "reason"]
    raw_id_fields = ["post", "flagged_by", "resolved_by"]


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ["user", "reason", "until", "created_at", "lifted_at"]
    raw_id_fields = ["user", "created_by", "lifted_by"]
