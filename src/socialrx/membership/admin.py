from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import (
    CreditNote,
    Invoice,
    InvoiceLine,
    Membership,
    MembershipApplication,
    MembershipPeriod,
    Payment,
    Plan,
    ProviderEvent,
    RenewalReminder,
)


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "audience",
        "size_min",
        "size_max",
        "annual_price_cents",
        "seat_limit",
        "is_active",
    ]
    list_filter = ["audience", "is_active"]
    search_fields = ["name"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ReadOnlyAdmin):
    list_display = ["organization", "plan", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organization__name", "billing_email"]
    list_select_related = ["organization", "plan"]


class PeriodInline(admin.TabularInline):
    model = MembershipPeriod
    extra = 0
    can_delete = False
    readonly_fields = ["plan", "starts_on", "ends_on", "price_cents", "source", "invoice"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = [
        "organization",
        "plan",
        "status",
        "covered_from",
        "covered_until",
        "complimentary",
    ]
    list_filter = ["status", "complimentary", "plan__audience"]
    search_fields = ["organization__name", "billing_email", "po_number"]
    list_select_related = ["organization", "plan"]
    inlines = [PeriodInline]


class LineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    readonly_fields = ["description", "quantity", "unit_price_cents", "amount_cents"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "organization",
        "kind",
        "status",
        "issued_on",
        "due_on",
        "total_cents",
        "paid_cents",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["number", "organization__name", "billing_email", "po_number"]
    list_select_related = ["organization"]
    inlines = [LineInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "amount_cents", "method", "reference", "received_on"]
    list_filter = ["method"]
    search_fields = ["invoice__number", "reference", "provider_event_id"]
    list_select_related = ["invoice"]


@admin.register(CreditNote)
class CreditNoteAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "amount_cents", "created_at"]
    search_fields = ["invoice__number", "reason"]


@admin.register(ProviderEvent)
class ProviderEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "provider", "event_type", "outcome", "received_at"]
    list_filter = ["provider", "event_type", "outcome"]
    search_fields = ["event_id"]


@admin.register(RenewalReminder)
class RenewalReminderAdmin(ReadOnlyAdmin):
    list_display = ["membership", "period_ends_on", "days_before", "sent_at"]
    list_select_related = ["membership__organization"]
