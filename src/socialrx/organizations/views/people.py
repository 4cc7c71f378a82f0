"""The people of an organization: seats and org roles, managed by its admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialrx.core.errors import DomainError
from socialrx.core.permissions import allowed
from socialrx.organizations import selectors, services
from socialrx.organizations.forms import InvitationForm, MemberRoleForm


@login_required
def people(request, public_id):
    organization = selectors.organization_for(request.user, public_id, "organizations.view_people")
    can_manage = allowed(request.user, "organizations.manage_people", organization)
    return render(
        request,
        "organizations/people.html",
        {
            "organization": organization,
            "people": list(selectors.people_of(organization)),
            "can_manage": can_manage,
            "invite_form": InvitationForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def change_role(request, public_id, seat_id):
    organization = selectors.organization_for(
        request.user, public_id, "organizations.manage_people"
    )
    seat = selectors.seat_in(organization, seat_id)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role: admin or member.")
        return redirect("organizations:people", organization.public_id)
    try:
        services.change_member_role(actor=request.user, seat=seat, role=form.cleaned_data["role"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{seat.user} is now {form.cleaned_data['role']} of {organization}."
        )
    return redirect("organizations:people", organization.public_id)


@login_required
@require_POST
def remove(request, public_id, seat_id):
    organization = selectors.organization_for(
        request.user, public_id, "organizations.manage_people"
    )
    seat = selectors.seat_in(organization, seat_id)
    try:
        services.remove_member(actor=request.user, seat=seat)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{seat.user} was removed from {organization}.")
    return redirect("organizations:people", organization.public_id)
