"""Read-only admin pages for looking training records up. Changes go through the training
pages, whose services keep the audit log; the stable content keys and waitlist claim tokens
are never shown (a claim token is the secret of a seat offer)."""

from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import (
    BootCamp,
    Certificate,
    Course,
    CourseVersion,
    Enrolment,
    OnsiteRequest,
    Registration,
    WaitlistEntry,
)


@admin.register(Course)
class CourseAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "level", "estimated_hours", "price_cents"]
    list_filter = ["status", "level"]
    search_fields = ["title", "slug"]
    exclude = ["authors"]


@admin.register(CourseVersion)
class CourseVersionAdmin(ReadOnlyAdmin):
    list_display = ["course", "number", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "course", "access", "lessons_done", "lessons_total", "completed_at"]
    list_filter = ["access"]
    search_fields = ["person__email", "course__title"]
    fields = ["course", "person", "access", "lessons_done", "lessons_total", "completed_at"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["code", "recipient_name", "title", "kind", "completed_on", "revoked_at"]
    list_filter = ["kind"]
    search_fields = ["code", "recipient_name", "title"]


@admin.register(BootCamp)
class BootCampAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "capacity", "price_cents", "registration_deadline"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["person", "boot_camp", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["person__email", "boot_camp__title"]


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(ReadOnlyAdmin):
    list_display = ["person", "boot_camp", "status", "joined_at", "offer_expires_at"]
    list_filter = ["status"]
    fields = ["boot_camp", "person", "status", "offered_at", "offer_expires_at"]


@admin.register(OnsiteRequest)
class OnsiteRequestAdmin(ReadOnlyAdmin):
    list_display = ["organization", "status", "expected_attendees", "starts_at", "quote_cents"]
    list_filter = ["status"]
    search_fields = ["organization__name"]
