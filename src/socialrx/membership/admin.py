from django.contrib import admin

from socialrx.core.admin import ReadOnlyAdmin

from .models import (
    Membership,
    MembershipApplication,
    MembershipCharge,
    MembershipPeriod,
    Plan,
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


@admin.register(MembershipCharge)
class MembershipChargeAdmin(ReadOnlyAdmin):
    list_display = ["membership", "kind", "invoice", "plan", "period_starts_on", "voided"]
    list_filter = ["kind", "voided"]
    search_fields = ["membership__organization__name", "invoice__number"]
    list_select_related = ["membership__organization", "invoice", "plan"]


@admin.register(RenewalReminder)
class RenewalReminderAdmin(ReadOnlyAdmin):
    list_display = ["membership", "period_ends_on", "days_before", "sent_at"]
    list_select_related = ["membership__organization"]
