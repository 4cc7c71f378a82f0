"""The post safety checker's pages: the checker (a full page, and its results alone for htmx
while the person types), saving a check, and an organization's history of saved checks.

The checker works without JavaScript: the form posts to the page, which answers with the same
page and its results. With htmx, the form posts to the results address as the person types and
the answer replaces the results (htmx swaps only a 2xx answer, so a refused draft is answered
200 there, with the reason; the full page answers 400, 413 or 422).

What is pasted is never kept: no answer holding a draft may be cached (a clinic's shared
browser would show it again from its history), and an error report of a crash shows neither
the posted fields nor the views' variables (they hold the draft)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.ratelimit import count_hit
from socialrx.core.requests import client_ip
from socialrx.privacy.detect import check_readable

from ..checking import FULL_LIMIT, IMAGE_LIMIT, SHORT_LIMIT, run_check
from ..forms_checks import CheckForm, SaveCheckForm
from ..selectors import checks as selectors
from ..services import checks as services

CHECK_TEMPLATE = "toolkit/checks/check.html"
RESULTS_TEMPLATE = "toolkit/checks/_results.html"
HISTORY_PAGE_SIZE = 25
# The largest body a legitimate check sends: the longest draft and image description with
# every character percent-encoded from four UTF-8 bytes (12 bytes each), and the form's other
# fields. A bigger one (a 1 MB paste) is refused before it is read.
MAX_BODY_BYTES = (FULL_LIMIT + IMAGE_LIMIT) * 12 + 16_384
# Checks per minute for one signed-in person, or for the visitors of one client address:
# typing sends one check per pause (htmx waits 500 ms), far fewer than this; a script looping
# on the page is asked to wait.
CHECKS_PER_MINUTE = 60
# Checks per minute by signed-in people from one client address: a whole hospital may reach us
# through one address, so only a flood from it is refused.
SIGNED_IN_CHECKS_PER_ADDRESS_MINUTE = 600
DRAFT_FIELDS = ("text", "image_description")
# The detector's name for each posted field (privacy.detect).
DETECTOR_FIELDS = {"text": "text", "image_description": "image"}
# Half of a UTF-16 pair: no encoding writes it, so a page holding one cannot be sent.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
TOO_MANY = "You have checked many drafts in the last minute: wait a moment, then check again."


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def _check_form(request, data=None) -> CheckForm:
    return CheckForm(
        data,
        limit=selectors.check_limit(request.user),
        signed_in=request.user.is_authenticated,
    )


def _draft_length(form: CheckForm) -> int:
    if not form.is_bound:
        return 0
    return len(str(form.data.get("text", "")).replace("\r\n", "\n"))


def _context(request, form: CheckForm, *, result=None, save_form=None, refusal: str = ""):
    organizations = selectors.organizations_to_save_to(request.user)
    if result is not None and save_form is None and organizations:
        save_form = SaveCheckForm(
            initial={"text": result.text, "image_description": result.image_description},
            organizations=organizations,
            limit=form.limit,
            signed_in=True,
        )
    return {
        "form": form,
        "result": result,
        "refusal": refusal,
        "limit": form.limit,
        "short_limit": form.limit == SHORT_LIMIT,
        "draft_length": _draft_length(form),
        "save_form": save_form,
        "may_save": bool(organizations),
        "history_organizations": selectors.organizations_with_history(request.user),
    }


def _answer(request, context: dict, *, partial: bool, status: int):
    if partial:
        # htmx replaces the results; the field's counter and the announced summary follow
        # out of band. A 2xx answer, or htmx would not show the reason.
        return render(request, RESULTS_TEMPLATE, context | {"oob": True})
    return render(request, CHECK_TEMPLATE, context, status=status)


def _printable(data):
    """The posted draft with each character no encoding writes replaced by U+FFFD, so the
    page can show it back beside the reason it was not checked."""
    data = data.copy()
    for name in DRAFT_FIELDS:
        if name in data:
            data[name] = LONE_SURROGATE.sub("\ufffd", data[name])
    return data


def _too_many(request) -> bool:
    """Over the limit: a signed-in person's own, or their address's ceiling; a visitor's
    address (shared by the visitors behind it)."""
    address = client_ip(request)
    if not request.user.is_authenticated:
        hits = count_hit(f"toolkit-check-page:visitors:{address}", window_seconds=60)
        return hits > CHECKS_PER_MINUTE
    person = count_hit(f"toolkit-check-page:person:{request.user.pk}", window_seconds=60)
    at_address = count_hit(f"toolkit-check-page:signed-in:{address}", window_seconds=60)
    return person > CHECKS_PER_MINUTE or at_address > SIGNED_IN_CHECKS_PER_ADDRESS_MINUTE


@sensitive_variables()
def _checked(request, *, partial: bool, save_form=None, status: int = 200):
    if _too_many(request):
        form = _check_form(request)
        context = _context(request, form, refusal=TOO_MANY)
        return _answer(request, context, partial=partial, status=429)
    if _too_large(request):
        form = _check_form(request)
        refusal = form.too_long_message()
        return _answer(
            request, _context(request, form, refusal=refusal), partial=partial, status=413
        )
    try:
        for name, field in DETECTOR_FIELDS.items():
            check_readable(str(request.POST.get(name, "")), field)
    except DomainError as error:
        # Such a draft cannot be sent back as it is, nor checked: it is shown as far as it can
        # be written, with the reason, and nothing to save.
        form = _check_form(request, _printable(request.POST))
        context = _context(request, form, refusal=error.message)
        return _answer(request, context, partial=partial, status=error.status_code)
    form = _check_form(request, request.POST)
    if not form.is_valid():
        context = _context(request, form, save_form=save_form)
        return _answer(request, context, partial=partial, status=400)
    values = form.cleaned_data
    try:
        result = run_check(values["text"], values["image_description"])
    except DomainError as error:  # the detector's own refusal (privacy.detect)
        context = _context(request, form, refusal=error.message)
        return _answer(request, context, partial=partial, status=error.status_code)
    context = _context(request, form, result=result, save_form=save_form)
    return _answer(request, context, partial=partial, status=status)


@sensitive_post_parameters(*DRAFT_FIELDS)
@require_http_methods(["GET", "POST"])
def check(request):
    """The checker: empty, or (POSTed without JavaScript) with its results."""
    if request.method == "POST":
        response = _checked(request, partial=False)
        add_never_cache_headers(response)
        return response
    return render(request, CHECK_TEMPLATE, _context(request, _check_form(request)))


@sensitive_post_parameters(*DRAFT_FIELDS)
@never_cache
@require_POST
def check_results(request):
    """The results alone for htmx while the person types; the whole page otherwise."""
    return _checked(request, partial=bool(request.htmx))


@sensitive_post_parameters(*DRAFT_FIELDS)
@never_cache
@login_required
@require_POST
@sensitive_variables()
def check_save(request):
    """Keep a checked draft in one of the person's member organizations' history."""
    if _too_large(request):
        return _checked(request, partial=False)
    organizations = selectors.organizations_to_save_to(request.user)
    form = SaveCheckForm(
        request.POST,
        organizations=organizations,
        limit=selectors.check_limit(request.user),
        signed_in=True,
    )
    if form.is_valid():
        values = form.cleaned_data
        try:
            saved = services.save_check(
                actor=request.user,
                organization=values["organization"],
                text=values["text"],
                image_description=values["image_description"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                f"Saved to {saved.organization.name}’s history of checks. Its people can read it "
                "there; nothing else you checked was kept.",
            )
            return redirect("toolkit:saved_check", saved.organization.public_id, saved.public_id)
    # The page again with the draft checked and the reason the save was refused.
    return _checked(request, partial=False, save_form=form, status=400)


@never_cache
@login_required
def check_history(request, public_id):
    """An organization's saved checks, newest first."""
    organization = selectors.history_organization(request.user, public_id)
    page = paginate(request, selectors.history_of(organization), per_page=HISTORY_PAGE_SIZE)
    return render(
        request,
        "toolkit/checks/history.html",
        {"organization": organization, "page": page},
    )


@never_cache
@login_required
def saved_check(request, public_id, check_id):
    """One saved check, as it was found when it was saved."""
    organization = selectors.history_organization(request.user, public_id)
    saved = selectors.saved_check_in(organization, check_id)
    return render(
        request,
        "toolkit/checks/saved.html",
        {
            "organization": organization,
            "saved": saved,
            "result": selectors.result_of(saved),
            "may_delete": selectors.may_delete(request.user, saved),
        },
    )


@login_required
@require_POST
def saved_check_delete(request, public_id, check_id):
    organization = selectors.history_organization(request.user, public_id)
    saved = selectors.saved_check_in(organization, check_id)
    services.delete_check(actor=request.user, saved=saved)
    messages.success(request, "The check was deleted from the history.")
    return redirect("toolkit:check_history", organization.public_id)
