"""Invitations: admins send, resend and revoke them; the invited person accepts."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.organizations import selectors, services
from socialrx.organizations.forms import InvitationForm


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request, public_id):
    organization = selectors.organization_for(
        request.user, public_id, "organizations.manage_invitations"
    )
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_person(
                actor=request.user,
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"An invitation was emailed to {invitation.email}.")
            return redirect("organizations:invitations", organization.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organizations/invitations.html",
        {
            "organization": organization,
            "invitations": list(selectors.invitations_of(organization)),
            "form": form,
        },
        status=status,
    )


def _invitation_action(request, public_id, invitation_id, action, done_message):
    organization = selectors.organization_for(
        request.user, public_id, "organizations.manage_invitations"
    )
    invitation = selectors.invitation_in(organization, invitation_id)
    try:
        action(actor=request.user, invitation=invitation)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done_message.format(email=invitation.email))
    return redirect("organizations:invitations", organization.public_id)


@login_required
@require_POST
def resend(request, public_id, invitation_id):
    return _invitation_action(
        request,
        public_id,
        invitation_id,
        services.resend_invitation,
        "A new invitation link was emailed to {email}; the earlier link no longer works.",
    )


@login_required
@require_POST
def revoke(request, public_id, invitation_id):
    return _invitation_action(
        request,
        public_id,
        invitation_id,
        services.revoke_invitation,
        "The invitation to {email} was revoked.",
    )


@require_http_methods(["GET", "POST"])
def accept(request, token):
    """Open to visitors: they see whom the invitation is from, then sign up or sign in."""
    try:
        invitation = services.invitation_from_token(token)
    except NotFound as error:
        return render(
            request, "organizations/invitation_invalid.html", {"reason": error.message}, status=404
        )
    except DomainError as error:
        return render(
            request, "organizations/invitation_invalid.html", {"reason": error.message}, status=410
        )
    if not request.user.is_authenticated:
        # The link proves the person reads this mailbox: signing up with it needs no
        # second verification email.
        get_adapter(request).stash_verified_email(request, invitation.email)
        here = reverse("organizations:invitation_accept", args=[token])
        return render(
            request,
            "organizations/invitation_accept.html",
            {"invitation": invitation, "next": here},
        )
    error_message = None
    if request.method == "POST":
        try:
            seat = services.accept_invitation(user=request.user, token=token)
        except DomainError as error:
            error_message = error.message
        else:
            messages.success(request, f"Welcome to {seat.organization}.")
            return redirect("organizations:detail", seat.organization.public_id)
    return render(
        request,
        "organizations/invitation_accept.html",
        {"invitation": invitation, "error_message": error_message},
        status=400 if error_message else 200,
    )
