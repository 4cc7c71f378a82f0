"""What every page needs to draw the navigation."""

from socialrx.core.email import has_failed_email_notice
from socialrx.core.permissions import allowed


def navigation(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "nav_is_staff": signed_in and allowed(user, "core.view_audit_log"),
        "nav_reads_member_content": signed_in and allowed(user, "membership.read_member_content"),
        "nav_failed_email_notice": signed_in and has_failed_email_notice(user),
    }
