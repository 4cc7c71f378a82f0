"""Pages of one organization: create, profile, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.organizations import selectors, services
from socialrx.organizations.forms import OrganizationForm


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """The form, filled in from the query string when a page sends the person here with what
    it knows (the registry's listing: /organizations/new/?name=…&city=…), and, after creating,
    on to `next` (a page of this site) with `organization=<its public id>`."""
    then = _continuation(request)
    prefill = {
        name: request.GET[name] for name in OrganizationForm._meta.fields if request.GET.get(name)
    }
    form = OrganizationForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.create_organization(
                creator=request.user, data=form.cleaned_data
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{organization} was created. You are its admin.")
            if then:
                separator = "&" if "?" in then else "?"
                return redirect(f"{then}{separator}organization={organization.public_id}")
            return redirect("organizations:detail", organization.public_id)
    return render(
        request,
        "organizations/form.html",
        {
            "form": form,
            "creating": True,
            "prefilled": bool(prefill),
            "next": then,
            "finder_url": selectors.organization_finder_url(),
        },
    )


def _continuation(request) -> str:
    """The page to go on to after creating: a path on this site, or ""."""
    then = request.POST.get("next") or request.GET.get("next") or ""
    is_local = then.startswith("/") and url_has_allowed_host_and_scheme(
        then, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return then if is_local else ""


@login_required
def detail(request, public_id):
    organization = selectors.organization_for(request.user, public_id)
    people = list(selectors.people_of(organization))
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "people": people,
            "can_manage": allowed(request.user, "organizations.manage_people", organization),
            "can_edit": allowed(request.user, "organizations.edit_profile", organization),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, public_id):
    organization = selectors.organization_for(request.user, public_id, "organizations.edit_profile")
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(
                actor=request.user, organization=organization, data=form.cleaned_data
            )
        except DomainError as error:
            add_error_to_form(form, error)
            organization.refresh_from_db()
        else:
            messages.success(request, "The organization's profile was saved.")
            return redirect("organizations:detail", organization.public_id)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "organization": organization, "creating": False},
    )
