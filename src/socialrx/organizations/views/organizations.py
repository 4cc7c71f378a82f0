"""Pages of one organization: create, profile, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import allowed
from socialrx.organizations import selectors, services
from socialrx.organizations.forms import OrganizationForm


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.create_organization(
                creator=request.user, data=form.cleaned_data
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{organization} was created. You are its admin.")
            return redirect("organizations:detail", organization.public_id)
    return render(request, "organizations/form.html", {"form": form, "creating": True})


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
