"""Read-only admin pages for looking coaching records up. Changes go through the coaching
pages, whose services keep the audit log and the hours ledger consistent. A coach's calendar
feed token is never shown; notes (which may be private to the center) are not in the admin."""

from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import CoachingSession, CoachProfile, Engagement, Intake


@admin.register(CoachProfile)
class CoachProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "headline", "time_zone", "accepting_engagements", "is_listed"]
    list_filter = ["accepting_engagements", "is_listed"]
    search_fields = ["user__full_name", "user__email", "slug"]
    exclude = ["feed_token", "feed_last_fetched_at"]


@admin.register(Intake)
class IntakeAdmin(ReadOnlyAdmin):
    list_display = ["organization", "status", "submitted_at", "assigned_coach"]
    list_filter = ["status"]
    search_fields = ["organization__name"]


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "kind", "status", "plan_minutes", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organization__name"]


@admin.register(CoachingSession)
class CoachingSessionAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "coach", "starts_at", "ends_at", "status", "sequence"]
    list_filter = ["status"]
    search_fields = ["engagement__title", "engagement__organization__name", "coach__email"]
