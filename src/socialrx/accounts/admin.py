from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "credentials",
        "is_staff",
        "is_coach",
        "is_researcher",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_staff", "is_coach", "is_researcher", "is_active"]
    search_fields = ["email", "full_name", "specialty"]
    # Center roles are changed on the staff people page, which audits the change.
    readonly_fields = [
        "is_staff",
        "is_coach",
        "is_researcher",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Profile",
            {
                "fields": [
                    "full_name",
                    "professional_title",
                    "credentials",
                    "specialty",
                    "time_zone",
                    "photo",
                ]
            },
        ),
        ("Center roles", {"fields": ["is_staff", "is_coach", "is_researcher", "is_superuser"]}),
        ("Status", {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__email", "token_prefix"]
    list_select_related = ["user"]
    readonly_fields = ["token_hash", "token_prefix"]
