"""Staff's monthly digest page: the issues sent, a preview of the next one as members will
read it, and "send now" for the month just ended (refused once it was sent)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core import mailing
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..selectors import digest as selectors
from ..services.digest import send_digest


def _posted_month(request) -> date | None:
    try:
        return date.fromisoformat(request.POST.get("month", "") + "-01")
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def staff_digest(request):
    require(request.user, "library.manage")
    error, status = "", 200
    if request.method == "POST":
        month = _posted_month(request)
        try:
            if month is None:
                raise DomainError("Choose the month to send, as YYYY-MM.")
            issue = send_digest(month=month, actor=request.user)
        except DomainError as refused:
            error, status = refused.message, refused.status_code
        else:
            sent = issue.recipient_count
            messages.success(
                request,
                f"The digest went to {sent} {'person' if sent == 1 else 'people'}."
                if issue.summary
                else "Nothing was new that month: no digest was sent, and none will be.",
            )
            return redirect("library:staff_digest")
    month, sendable = selectors.next_digest()
    content = selectors.digest_content(month)
    preview = content.context() | {
        "person": request.user,
        "stream": mailing.stream_named(selectors.STREAM),
        "unsubscribe_url": mailing.unsubscribe_url(request.user, selectors.STREAM),
        "preferences_url": mailing.preferences_url(),
    }
    context = {
        "issues": selectors.issues(),
        "month": month,
        "sendable": sendable,
        "content": content,
        "preview": preview,
        "error": error,
        "reader_count": len(selectors.recipients()) if sendable else None,
    }
    return render(request, "library/digest/staff.html", context, status=status)
