"""Read-only admin pages for looking event records up. Changes go through the events pages,
whose services keep the audit log. A ticket's secret (what its QR code signs), waitlist claim
tokens and calendar feed tokens are never shown: their models are left out or the field is."""

from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import Attendee, Event, Order, Session, Speaker, TicketType


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "format", "status", "starts_at", "capacity"]
    list_filter = ["kind", "format", "status"]
    search_fields = ["title", "slug"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "event", "kind", "starts_at", "ends_at", "room", "track"]
    list_filter = ["kind"]
    search_fields = ["title", "event__title"]


@admin.register(Speaker)
class SpeakerAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "job_title", "organization_name"]
    search_fields = ["full_name", "organization_name"]
    exclude = ["user"]


@admin.register(TicketType)
class TicketTypeAdmin(ReadOnlyAdmin):
    list_display = ["name", "event", "kind", "price_cents", "quota", "sales_end"]
    list_filter = ["kind"]
    search_fields = ["name", "event__title"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["event", "ticket_type", "quantity", "made_by", "organization", "status"]
    list_filter = ["status"]
    search_fields = ["event__title", "made_by__email", "organization__name"]


@admin.register(Attendee)
class AttendeeAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "email", "event", "ticket_type", "status", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["full_name", "email", "event__title"]
    exclude = ["ticket_secret", "email_key", "person"]
