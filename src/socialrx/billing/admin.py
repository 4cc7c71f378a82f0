from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import CreditNote, Hold, Invoice, InvoiceLine, Payment, ProviderEvent, Refund


class LineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    readonly_fields = [
        "kind",
        "sold_public_id",
        "description",
        "quantity",
        "unit_price_cents",
        "discount_cents",
        "discount_reason",
        "amount_cents",
        "refunded_cents",
    ]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "billing_name",
        "route",
        "status",
        "issued_on",
        "due_on",
        "total_cents",
        "paid_cents",
    ]
    list_filter = ["status", "route"]
    search_fields = ["number", "billing_name", "billing_email", "po_number"]
    inlines = [LineInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "amount_cents", "method", "reference", "received_on", "reversed_at"]
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


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "amount_cents", "method", "created_at"]
    list_filter = ["method"]
    search_fields = ["invoice__number", "reason"]
    list_select_related = ["invoice"]


@admin.register(Hold)
class HoldAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "kind", "sold_public_id", "quantity", "status", "expires_at"]
    list_filter = ["kind", "status"]
    search_fields = ["invoice__number", "sold_public_id"]
    list_select_related = ["invoice"]
