"""The site's own pages (About, Privacy, Terms; Contact with its form) and staff's pages to
edit them and to read the contact form's messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import allowed, require
from socialrx.core.requests import client_ip

from ..forms_site import ContactForm, SitePageForm
from ..models import SitePageKey
from ..selectors import site as selectors
from ..services import site as services

SENT = "Thank you: your message reached the center's staff. We answer within two working days."


def site_page(request, key):
    page = selectors.site_page(key)
    context = {"page": page, "can_edit": allowed(request.user, "library.manage")}
    return render(request, "library/site/page.html", context)


@require_http_methods(["GET", "POST"])
def contact(request):
    page = selectors.site_page(SitePageKey.CONTACT)
    person = request.user if request.user.is_authenticated else None
    initial = {"name": person.full_name, "email": person.email} if person else {}
    form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_robot():  # answered as if sent, so the robot learns nothing
            messages.success(request, SENT)
            return redirect("library:contact")
        if form.is_valid():
            try:
                services.send_contact_message(
                    sender=request.user, ip_address=client_ip(request), data=form.cleaned_data
                )
            except DomainError as error:
                add_error_to_form(form, error)
                status = error.status_code
            else:
                messages.success(request, SENT)
                return redirect("library:contact")
    context = {"page": page, "form": form, "can_edit": allowed(request.user, "library.manage")}
    return render(request, "library/site/contact.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_site_page(request, key):
    require(request.user, "library.manage")
    page = selectors.site_page(key)
    posted = request.POST if request.method == "POST" else None
    form = SitePageForm(posted, initial={"title": page.title, "body": page.body})
    status = 200
    if posted is not None:
        status = 400
        if form.is_valid():
            try:
                services.update_site_page(actor=request.user, key=key, **form.cleaned_data)
            except DomainError as error:
                add_error_to_form(form, error)
                status = error.status_code
            else:
                messages.success(request, f"“{form.cleaned_data['title']}” was saved.")
                return redirect("library:staff_site_page", key=key)
    context = {"page": page, "form": form, "pages": SitePageKey.choices}
    return render(request, "library/site/staff_page.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_contact_messages(request):
    require(request.user, "library.manage")
    if request.method == "POST":
        try:
            message_id = int(request.POST.get("message", ""))
        except ValueError:
            message_id = 0
        handled = request.POST.get("action") != "reopen"
        services.set_contact_message_handled(
            actor=request.user, message_id=message_id, handled=handled
        )
        messages.success(
            request,
            "The message is marked handled." if handled else "The message is waiting again.",
        )
        return redirect(request.get_full_path())
    state = request.GET.get("show", selectors.OPEN)
    if state not in dict(selectors.MESSAGE_FILTERS):
        state = selectors.OPEN
    context = {
        "page": paginate(request, selectors.contact_messages(state)),
        "querystring": querystring_without_page(request),
        "state": state,
        "filters": selectors.MESSAGE_FILTERS,
        "waiting": selectors.waiting_count(),
        "pages": SitePageKey.choices,
    }
    return render(request, "library/site/staff_messages.html", context)
