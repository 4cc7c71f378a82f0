from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from .models import AuditEvent, FailedEmail


class CalendarSafeChangeList(ChangeList):
    """A date past the calendar in a filter (?created_at__year=9999, the date hierarchy's
    10**30, __gte=9999-12-31 in a zone west of UTC) overflows Python's dates, in the date
    hierarchy's arithmetic or when the query's parameters are converted: a 500. It is an
    incorrect lookup like any other bad filter, which the admin answers with its "incorrect
    lookup" page."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # The count runs the filtered query first: an overflow surfaces here, inside the
        # admin's own handling of incorrect lookups.
        try:
            return super().get_results(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class CalendarSafeAdminMixin:
    """Every SocialRx admin page lists through CalendarSafeChangeList."""

    def get_changelist(self, request, **kwargs):
        return CalendarSafeChangeList


class ModelAdmin(CalendarSafeAdminMixin, admin.ModelAdmin):
    """The base of SocialRx's admin pages."""


class ReadOnlyAdmin(ModelAdmin):
    """Records staff look up in the admin but change only through the pages that keep their
    history (services write the audit log; the admin would not)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FailedEmail)
class FailedEmailAdmin(ReadOnlyAdmin):
    """Every email that could not be sent, for staff to follow up."""

    list_display = ["created_at", "recipients", "subject", "reason", "triggered_by"]
    list_filter = ["template"]
    search_fields = ["recipients", "subject", "triggered_by__email"]
    list_select_related = ["triggered_by"]
    date_hierarchy = "created_at"


@admin.register(AuditEvent)
class AuditEventAdmin(ModelAdmin):
    """Read-only: the audit log is appended by services, never edited."""

    list_display = ["created_at", "actor_email", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_email", "action", "target_repr", "target_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
