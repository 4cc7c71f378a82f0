"""A person's own profile and API tokens, and the staff's directory of people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import require

from . import services
from .forms import ApiTokenForm, CenterRolesForm, PeopleSearchForm, ProfileForm
from .models import User


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=request.user, data=form.cleaned_data)
        messages.success(request, "Your profile was saved.")
        return redirect("profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": ApiTokenForm(),
            "tokens": list(request.user.api_tokens.all()[:50]),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def create_token(request):
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = services.create_api_token(
                user=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            return render(request, "accounts/token_created.html", {"token": token, "raw": raw})
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("profile")


@login_required
@require_POST
def revoke_token(request, token_id):
    try:
        token = services.revoke_api_token(user=request.user, token_id=token_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The token “{token.name}” was revoked.")
    return redirect("profile")


@login_required
def people_directory(request):
    """Staff: everyone with an account, searchable, with their center roles."""
    require(request.user, "accounts.view_people_directory")
    form = PeopleSearchForm(request.GET or None)
    people = User.objects.order_by("email")
    if form.is_valid():
        if query := form.cleaned_data["q"]:
            people = people.filter(Q(email__icontains=query) | Q(full_name__icontains=query))
        if role := form.cleaned_data["role"]:
            field = services.ROLE_FIELDS[role]
            people = people.filter(**{field: True})
    return render(
        request,
        "accounts/people_directory.html",
        {
            "form": form,
            "page": paginate(request, people),
            "querystring": querystring_without_page(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def center_roles(request, public_id):
    require(request.user, "accounts.grant_center_roles")
    person = get_object_or_404(User, public_id=public_id)
    form = CenterRolesForm(request.POST or None, initial={"roles": person.center_roles})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_center_roles(
                actor=request.user, user=person, roles=set(form.cleaned_data["roles"])
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"Center roles of {person} were saved.")
            return redirect("people_directory")
    return render(request, "accounts/center_roles.html", {"form": form, "person": person})
