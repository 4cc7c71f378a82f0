"""The member directory's pages: the two tabs (people, organizations), a person's entry and
the contact form, an organization's entry, a person's own entry and an organization's entry
kept by its admins. Members and staff use it; a visitor is asked to sign in, a signed-in person
without a membership sees what membership brings (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import allowed
from socialrx.organizations.selectors import organization_for

from ..forms_directory import (
    ContactForm,
    DirectoryEntryForm,
    OrganizationEntryForm,
    OrganizationFilterForm,
    PeopleFilterForm,
)
from ..selectors import directory as selectors
from ..services import directory as services

ORGANIZATIONS = "organizations"


def _members_only(request):
    """None when the person may use the directory; else the answer: sign in, or the page
    explaining membership (403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed(request.user, "community.use_directory"):
        return render(request, "community/directory/members_only.html", status=403)
    return None


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@require_safe
def directory(request):
    if refused := _members_only(request):
        return refused
    platforms = selectors.platform_choices()
    if request.GET.get("show") == ORGANIZATIONS:
        form = OrganizationFilterForm(
            request.GET, platforms=platforms, size_bands=selectors.size_band_choices()
        )
        page = paginate(
            request, selectors.search_organizations(**form.values()), selectors.PAGE_SIZE
        )
        cards = selectors.organization_cards(request.user, page.object_list)
        show = ORGANIZATIONS
    else:
        form = PeopleFilterForm(request.GET, platforms=platforms, topics=selectors.topic_choices())
        page = paginate(request, selectors.search_people(**form.values()), selectors.PAGE_SIZE)
        cards, show = page.object_list, "people"
    context = {
        "show": show,
        "form": form,
        "page": page,
        "cards": cards,
        "filtered": bool(form.values()),
        "querystring": querystring_without_page(request),
    }
    return render(request, "community/directory/directory.html", context)


@require_safe
def person(request, public_id):
    if refused := _members_only(request):
        return refused
    profile = selectors.listed_person(public_id)
    context = {
        "profile": profile,
        "own": profile.user_id == request.user.pk,
        "organization_listed": profile.shows_organization
        and selectors.listed_organizations()
        .filter(organization_id=profile.organization_id)
        .exists(),
    }
    return render(request, "community/directory/person.html", context)


@require_http_methods(["GET", "POST"])
def contact_person(request, public_id):
    if refused := _members_only(request):
        return refused
    profile = selectors.listed_person(public_id)
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.send_message(
                sender=request.user,
                recipient_public_id=public_id,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except NotFound:
            raise
        except DomainError as error:
            add_error_to_form(form, error)
            status = error.status_code
        else:
            messages.success(
                request,
                f"Your message was sent to {profile.user.full_name}. "
                "If they answer, the reply comes to your email address.",
            )
            return redirect("community:person", public_id=public_id)
    elif request.method == "POST":
        status = 400
    sent_today = selectors.messages_sent_today(request.user)
    context = {
        "profile": profile,
        "form": form,
        "own": profile.user_id == request.user.pk,
        "limit": selectors.DAILY_MESSAGE_LIMIT,
        "limit_reached": sent_today >= selectors.DAILY_MESSAGE_LIMIT,
    }
    return render(request, "community/directory/contact.html", context, status=status)


@require_safe
def organization(request, public_id):
    if refused := _members_only(request):
        return refused
    page = selectors.organization_page(request.user, public_id)
    return render(request, "community/directory/organization.html", {"page": page})


def _entry_initial(user, profile, organizations) -> dict:
    if profile is not None:
        return {
            "is_listed": profile.is_listed,
            "role_title": profile.role_title,
            "organization": profile.organization_id,
            "bio": profile.bio,
            "platforms": list(profile.platforms.all()),
            "expertise": list(profile.expertise.all()),
            "accepts_messages": profile.accepts_messages,
        }
    members = [organization for organization in organizations if organization.holds_benefits]
    first = (members or organizations or [None])[0]
    return {
        "role_title": user.professional_title,
        "organization": first.pk if first else None,
        "accepts_messages": True,
    }


@require_http_methods(["GET", "POST"])
def my_entry(request):
    if refused := _members_only(request):
        return refused
    organizations = selectors.organizations_of(request.user)
    profile = selectors.own_entry(request.user)
    form = DirectoryEntryForm(
        request.POST if request.method == "POST" else None,
        organizations=organizations,
        initial=_entry_initial(request.user, profile, list(organizations)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_directory_entry(actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, "Your directory entry was saved.")
            return redirect("community:my_entry")
    context = {
        "form": form,
        "profile": profile,
        "listed_now": profile is not None and selectors.is_listed_now(request.user),
    }
    return render(
        request, "community/directory/my_entry.html", context, status=_status(request, form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_entry(request, public_id):
    organization_ = organization_for(request.user, public_id, "community.list_organization")
    entry = selectors.own_organization_entry(organization_)
    initial = {"is_listed": False}
    if entry is not None:
        initial = {
            "is_listed": entry.is_listed,
            "description": entry.description,
            "platforms": list(entry.platforms.all()),
        }
    form = OrganizationEntryForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization_entry(
                actor=request.user, organization=organization_, data=form.cleaned_data
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, "The organization's directory entry was saved.")
            return redirect("community:organization_entry", public_id=public_id)
    context = {
        "organization": organization_,
        "entry": entry,
        "form": form,
        "listed_now": entry is not None
        and selectors.listed_organizations().filter(pk=entry.pk).exists(),
    }
    return render(
        request,
        "community/directory/organization_entry.html",
        context,
        status=_status(request, form),
    )
