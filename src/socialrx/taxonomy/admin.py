from django.contrib import admin

from socialrx.core.admin import ModelAdmin

from .models import Platform, Topic


@admin.register(Topic)
class TopicAdmin(ModelAdmin):
    list_display = ("name", "slug", "position")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Platform)
class PlatformAdmin(ModelAdmin):
    list_display = ("name", "code", "position")
