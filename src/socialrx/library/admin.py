"""Read-only admin pages for looking library records up; changes go through the library's
back office, whose services render Markdown, keep versions and the audit log. A file shows its
name, type and size only: its stored path is never a link (the private storage is not served)."""

from django.contrib import admin

from socialrx.core.admin import ModelAdmin, ReadOnlyAdmin

from .models import Audience, ContactMessage, NewsPost, Resource, ResourceFile, SitePage

FILE_FIELDS = (
    "original_name",
    "kind",
    "content_type",
    "size_bytes",
    "duration_seconds",
    "position",
)


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    fields = FILE_FIELDS
    readonly_fields = FILE_FIELDS
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        # A file's name, type and size are part of the resource: whoever views it sees them.
        return request.user.has_perm("library.view_resource")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "access", "status", "published_on", "use_count"]
    list_filter = ["status", "kind", "access"]
    search_fields = ["title", "slug", "summary"]
    exclude = ["search_text", "body_html"]
    inlines = [ResourceFileInline]


@admin.register(NewsPost)
class NewsPostAdmin(ReadOnlyAdmin):
    list_display = ["title", "published_at", "author"]
    search_fields = ["title", "slug"]
    exclude = ["body_html"]


@admin.register(SitePage)
class SitePageAdmin(ReadOnlyAdmin):
    list_display = ["key", "title", "updated_at", "updated_by"]
    exclude = ["body_html"]


@admin.register(ContactMessage)
class ContactMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "name", "email", "topic", "handled_at"]
    list_filter = ["topic"]
    search_fields = ["name", "email", "organization"]


@admin.register(Audience)
class AudienceAdmin(ModelAdmin):
    """The audiences resources are written for: superusers add and rename them here."""

    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
