from django.contrib import admin
from django.db import models

from socialrx.core.admin import ModelAdmin

from .models import Invitation, Organization, Seat


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    raw_id_fields = ["user"]
    # Seats change through the org pages, which audit every change.
    readonly_fields = ["user", "role", "joined_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(ModelAdmin):
    list_display = [
        "name",
        "org_type",
        "city",
        "state",
        "licensed_beds",
        "provider_count",
        "created_at",
    ]
    list_filter = ["org_type", "state"]
    search_fields = ["name", "city", "cms_certification_number", "npi", "website"]
    inlines = [SeatInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Seat)
class SeatAdmin(ModelAdmin):
    list_display = ["user", "organization", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    list_select_related = ["user", "organization"]
    readonly_fields = ["user", "organization", "role", "joined_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Invitation)
class InvitationAdmin(ModelAdmin):
    list_display = ["email", "organization", "role", "status", "sent_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organization__name"]
    list_select_related = ["organization"]
    # Never the nonce: with it (and the site's key) an invitation link could be forged.
    exclude = ["nonce"]
    readonly_fields = ["public_id", "accepted_at", "accepted_by", "invited_by"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the organization's people page
