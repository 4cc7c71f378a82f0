"""Read-only admin pages for looking the toolkit's records up. Clause templates change only
through the clause back office (/staff/toolkit/clauses/), whose services check placeholders,
publish versions and write the audit log."""

from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import ClauseTemplate, ClauseTemplateVersion

VERSION_FIELDS = ("number", "title", "condition", "change_note", "created_at", "created_by")


class ClauseTemplateVersionInline(admin.TabularInline):
    model = ClauseTemplateVersion
    fields = VERSION_FIELDS
    readonly_fields = VERSION_FIELDS
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        # A clause's versions are part of the clause: whoever views it sees them.
        return request.user.has_perm("toolkit.view_clausetemplate")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClauseTemplate)
class ClauseTemplateAdmin(ReadOnlyAdmin):
    list_display = ["title", "section", "condition", "version", "is_active", "review_due"]
    list_filter = ["section", "condition", "is_active"]
    search_fields = ["title", "slug", "body"]
    inlines = [ClauseTemplateVersionInline]
