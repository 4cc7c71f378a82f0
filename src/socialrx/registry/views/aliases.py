"""Center staff keep the short names listings are known by ("MGH", "CHOP"): search finds a
listing by them. Each change is in the listing's history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.permissions import require

from ..forms import AliasForm
from ..models import EntityAlias
from ..selectors import reviews
from ..selectors.aliases import aliases_for_staff, listing_for_reference
from ..services import aliases as alias_services


@login_required
@require_http_methods(["GET", "POST"])
def aliases(request):
    require(request.user, "registry.edit_details")
    form, status = AliasForm(), 200
    if request.method == "POST":
        form = AliasForm(request.POST)
        added = _add(request, form)
        if added is not None:
            messages.success(
                request, f"Search now finds {added.entity.display_name} by “{added.alias}”."
            )
            return redirect("registry:staff_aliases")
        status = 400
    # PostgreSQL cannot compare text holding a NUL character: such a search is no search.
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:120]
    return render(
        request,
        "registry/staff/aliases.html",
        {
            "form": form,
            "query": query,
            "page": paginate(request, aliases_for_staff(query)),
            "querystring": f"q={query}" if query else "",
            "counts": reviews.pending_counts(),
        },
        status=status,
    )


def _add(request, form: AliasForm) -> EntityAlias | None:
    if not form.is_valid():
        return None
    listing = listing_for_reference(form.cleaned_data["listing"])
    if listing is None:
        form.add_error("listing", "No listing has that CMS certification number, NPI or page.")
        return None
    try:
        return alias_services.add_alias(
            actor=request.user, entity=listing, alias=form.cleaned_data["alias"]
        )
    except DomainError as error:
        add_error_to_form(form, error)
        return None


@login_required
@require_POST
def remove_alias(request, alias_id):
    require(request.user, "registry.edit_details")
    alias = EntityAlias.objects.select_related("entity").filter(public_id=alias_id).first()
    if alias is None:
        raise NotFound("No such short name.")
    try:
        alias_services.remove_alias(actor=request.user, alias=alias)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Search no longer finds {alias.entity.display_name} by “{alias.alias}”."
        )
    return redirect("registry:staff_aliases")
