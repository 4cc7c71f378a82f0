from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models

from socialrx.core.admin import CalendarSafeAdminMixin, ModelAdmin

from .forms import PhotoField
from .models import ApiToken, User


@admin.register(User)
class UserAdmin(CalendarSafeAdminMixin, DjangoUserAdmin):
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
        # No password field: even Django's masked summary shows part of the hash and salt.
        # A forgotten password is reset by its owner through the password-reset email.
        (None, {"fields": ["email"]}),
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
    # The admin judges a photo like the profile page: by its content, re-encoded without
    # metadata (see photos.py).
    formfield_overrides = {models.ImageField: {"form_class": PhotoField}}
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(ApiToken)
class ApiTokenAdmin(ModelAdmin):
    list_display = ["name", "user", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__email", "token_prefix"]
    list_select_related = ["user"]
    # The hash never appears: it is all an attacker needs to test guesses offline.
    fields = ["name", "user", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


# allauth's own admin pages show second-factor secrets, OAuth tokens and client secrets in
# full. They are replaced by pages with only harmless fields (or none at all).
for model in (Authenticator, SocialAccount, SocialApp, SocialToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Authenticator)
class AuthenticatorAdmin(ModelAdmin):
    """Which second factors a person has, never their secrets. A superuser may delete one for
    a person who lost their device (they then set up a new one at their next sign-in)."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SocialAccount)
class SocialAccountAdmin(ModelAdmin):
    """Sign-ins through a hospital IdP or Doximity, without the provider's raw profile data."""

    list_display = ["user", "provider", "uid", "last_login", "date_joined"]
    list_filter = ["provider"]
    search_fields = ["user__email", "uid"]
    list_select_related = ["user"]
    fields = ["user", "provider", "uid", "last_login", "date_joined"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
