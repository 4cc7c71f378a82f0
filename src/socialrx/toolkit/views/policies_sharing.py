"""Review links: creating one for a version (the link is shown once), revoking one, and the
reviewer's page behind the link, where someone without an account reads the version and
comments on its clauses.

Making a link is POST, redirect, GET: the POST keeps the new secret in the maker's session and
redirects to the page that shows it, which takes it out of the session as it draws it. A refresh
of that page makes no second link and shows no secret again (it leads back to the version); the
secret is never in a URL the browser keeps in its history.

The reviewer's page is never cached, sends no referrer (a link in a clause would otherwise
carry the secret to another site) and asks search engines not to index it. An unknown link
is a 404 page, a revoked or expired one a 410 page saying which."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.requests import client_ip

from ..forms_policies import ReviewCommentForm, ShareLinkForm
from ..models import PolicyShareLink
from ..policy_assembly import clause_keys
from ..review_links import LIVE, link_state
from ..selectors.policies import link_comments, link_for_secret, policy_for, version_of
from ..services.policy_reviews import (
    LinkClosed,
    RateLimited,
    add_review_comment,
    create_share_link,
    revoke_share_link,
)
from .policies_access import buildable_policy, refusals
from .policies_versions import version_page

REVIEWER_NAME = "toolkit_reviewer_name"  # the session remembers the reviewer's name
NEW_LINK = "toolkit_new_review_link"  # the link just made, until its page is shown once


@login_required
@require_POST
@refusals
def policy_share_new(request, policy_id, number):
    policy = buildable_policy(request.user, policy_id)
    version = version_of(policy, number)
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        try:
            made = create_share_link(
                actor=request.user,
                version=version,
                label=form.cleaned_data["label"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            request.session[NEW_LINK] = {"link": str(made.link.public_id), "secret": made.secret}
            return redirect("toolkit:policy_share_made", policy.public_id, version.number)
    return version_page(request, policy, version, share_form=form, status=400)


@never_cache
@login_required
@require_GET
@refusals
def policy_share_made(request, policy_id, number):
    """The link just made, shown once; afterwards (a refresh, a bookmark) back to the version."""
    policy = buildable_policy(request.user, policy_id)
    version = version_of(policy, number)
    made = request.session.pop(NEW_LINK, None) or {}
    link = (
        version.share_links.filter(public_id=made.get("link")).first()
        if made.get("link") and made.get("secret")
        else None
    )
    if link is None:
        messages.info(
            request,
            "A review link is shown only once, right after it is made. If it was not copied, "
            "make another one and revoke the first.",
        )
        url = reverse("toolkit:policy_version", args=[policy.public_id, version.number])
        return redirect(f"{url}#review-heading")
    url = request.build_absolute_uri(reverse("toolkit:policy_review", args=[made["secret"]]))
    response = render(
        request,
        "toolkit/policies/share_created.html",
        {"policy": policy, "version": version, "link": link, "url": url},
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def policy_share_revoke(request, policy_id, link_id):
    policy = policy_for(request.user, policy_id)
    link = (
        PolicyShareLink.objects.select_related("version__policy__organization")
        .filter(public_id=link_id, version__policy=policy)
        .first()
    )
    if link is None:
        raise Http404("No such review link.")
    try:
        revoke_share_link(actor=request.user, link=link)
    except DomainError as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(
            request,
            f"The link for “{link.label}” is revoked: it no longer opens the policy. The "
            "comments made through it stay below.",
        )
    return redirect("toolkit:policy_version", policy.public_id, link.version.number)


def _private(response):
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _closed(request, link, state: str):
    context = {"link": link, "state": state, "organization": link.version.organization_name}
    return _private(render(request, "toolkit/policies/review_closed.html", context, status=410))


def _review_page(request, link, *, forms=None, error: str = "", status: int = 200):
    version = link.version
    comments = link_comments(link)
    name = request.session.get(REVIEWER_NAME, "")
    forms = forms or {}
    sections = [
        {
            **section,
            "clauses": [
                {
                    **clause,
                    "comments": comments.get(clause["key"], []),
                    "form": forms.get(clause["key"])
                    or ReviewCommentForm(initial={"clause": clause["key"], "name": name}),
                }
                for clause in section["clauses"]
            ],
        }
        for section in version.sections
    ]
    context = {"link": link, "version": version, "sections": sections, "error": error}
    return _private(render(request, "toolkit/policies/review.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def policy_review(request, secret):
    link = link_for_secret(secret)
    if link is None:
        return _private(render(request, "toolkit/policies/review_missing.html", status=404))
    state = link_state(link)
    if state != LIVE:
        return _closed(request, link, state)
    if request.method == "GET":
        return _review_page(request, link)
    form = ReviewCommentForm(request.POST)
    clause = request.POST.get("clause", "")
    if clause not in clause_keys(link.version.sections):
        error = "Choose a clause of this policy to comment on."
        return _review_page(request, link, error=error, status=400)
    if not form.is_valid():
        return _review_page(request, link, forms={clause: form}, status=400)
    try:
        add_review_comment(
            link=link,
            clause_key=form.cleaned_data["clause"],
            reviewer_name=form.cleaned_data["name"],
            body=form.cleaned_data["comment"],
            client=client_ip(request) or "unknown",
        )
    except LinkClosed as closed:
        return _closed(request, link, closed.state)
    except RateLimited as limited:
        form.add_error(None, limited.message)
        return _review_page(request, link, forms={clause: form}, error=limited.message, status=429)
    except DomainError as refusal:
        add_error_to_form(form, refusal)
        return _review_page(request, link, forms={clause: form}, status=400)
    request.session[REVIEWER_NAME] = form.cleaned_data["name"]
    messages.success(request, "Thank you: your comment is saved and the organization can read it.")
    url = reverse("toolkit:policy_review", args=[secret])
    return redirect(f"{url}#clause-{form.cleaned_data['clause']}")
