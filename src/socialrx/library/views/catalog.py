"""The library's reading pages: the catalogue with search and facets, one resource, and the
reader's own history.

Who sees what (rules.py `library.read_resource`):
- The catalogue lists every published resource to everyone; member-only and premium ones carry
  their badge. They are the library's pitch: a visitor sees what membership brings.
- A resource's page shows the whole resource to whoever may open it. A published member or
  premium resource the person may not open answers 200 with a teaser (title, summary, topics,
  and how to get access: sign in, become a member, or a plan with premium resources); its body
  and files are never in the page. A draft, submitted, rejected or withdrawn resource is "not
  found" (404) for everyone but center staff and its contributors, like a missing one.
- The history page is the signed-in person's own (visitors are sent to sign in)."""

from __future__ import annotations

import nh3
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialrx.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import require
from socialrx.core.related import related_items
from socialrx.membership.selectors import may_read_member_content

from ..forms_catalog import SearchForm
from ..models import Access, ResourceStatus
from ..selectors import catalog, search
from ..selectors.files import download_name
from ..selectors.search_params import MAX_QUERY_LENGTH, read_params
from ..services import usage

PAGE_SIZE = 20
HISTORY_PAGE_SIZE = 25


@require_GET
def home(request):
    words = search.vocabulary()
    params = read_params(request.GET, words.labels)
    tiers = catalog.tiers_of(request.user)
    page = paginate(request, search.search(params, words), PAGE_SIZE)
    since = usage.note_library_visit(request.user)
    context = {
        "form": SearchForm(initial={"q": params.query, "sort": request.GET.get("sort", "")}),
        "params": params,
        "facets": search.facets(params, words),
        "page": page,
        "rows": catalog.result_rows(page.object_list, params.words, tiers),
        "querystring": querystring_without_page(request),
        "most_used": catalog.most_used_this_month(),
        "since": since,
        "new_since": catalog.published_since(since) if since else [],
        "max_query_length": MAX_QUERY_LENGTH,
        "filtered": params.has_query or bool(params.chosen),
    }
    return render(request, "library/catalog/home.html", context)


@require_GET
def resource(request, slug):
    page = catalog.resource_page(request.user, slug)
    resource = page.resource
    url = catalog.resource_url(resource)
    context = {
        "page": page,
        "resource": resource,
        "kind": resource.get_kind_display(),
        "badge": catalog.BADGES.get(resource.access, ""),
        "time": catalog.time_label(resource),
        "related": related_items(
            request.user,
            topic_ids=[topic.pk for topic in page.topics],
            platform_ids=[platform.pk for platform in page.platforms],
            exclude_urls=[url],
        ),
    }
    if not page.may_open:
        context["is_member"] = may_read_member_content(request.user)
        context["premium"] = resource.access == Access.PREMIUM
        return render(request, "library/catalog/teaser.html", context)
    if resource.status == ResourceStatus.PUBLISHED:
        usage.record_view(resource, request.user)
    context["body_html"] = nh3.clean(
        resource.body_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    context["is_preview"] = resource.status != ResourceStatus.PUBLISHED
    # Each file with the name it downloads under (its address ends with it).
    context["files"] = [(attached, download_name(attached)) for attached in page.files]
    return render(request, "library/catalog/resource.html", context)


@login_required
@require_GET
def history(request):
    require(request.user, "library.view_history")
    page = paginate(request, catalog.reading_history(request.user), HISTORY_PAGE_SIZE)
    return render(
        request,
        "library/catalog/history.html",
        {"page": page, "querystring": querystring_without_page(request)},
    )
