"""Executive briefs: the person's organizations and their briefs, an organization's briefs,
drawing one (POST), a brief's page and its PDF.

Who: the organization's people and center staff read its briefs (`toolkit.view_brief`); an
org admin of a member organization, or staff, draws one (`toolkit.draw_brief`). Anyone else
gets the same 404 as for a brief that does not exist; a person of the organization who may
not draw is told why (403). The page and the PDF are drawn from the brief's kept figures
only, so a brief reads the same whenever it is opened."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from socialrx.core.errors import DomainError
from socialrx.core.pdf import html_to_pdf
from socialrx.core.pdf_downloads import limits_pdf_downloads
from socialrx.core.permissions import allowed

from ..selectors import briefs as selectors
from ..selectors.brief_view import BriefView
from ..services.briefs import draw_brief as draw


@require_GET
def brief_list(request):
    """The person's organizations with their latest briefs; for a person whose organizations
    are not members (or who has none), and for a visitor, what a brief is and how to get
    one."""
    rows = (
        selectors.organizations_with_briefs(request.user) if request.user.is_authenticated else []
    )
    return render(
        request,
        "toolkit/briefs/list.html",
        {"rows": rows},
    )


@login_required
@require_GET
def organization_briefs(request, organization_id):
    organization = selectors.organization_for(request.user, organization_id)
    return render(
        request,
        "toolkit/briefs/organization.html",
        {
            "organization": organization,
            "briefs": list(selectors.briefs_of(organization)),
            "may_draw": allowed(request.user, "toolkit.draw_brief", organization),
        },
    )


@login_required
@require_POST
def draw_brief(request, organization_id):
    organization = selectors.organization_for(request.user, organization_id)
    if not allowed(request.user, "toolkit.draw_brief", organization):
        return render(
            request,
            "toolkit/briefs/may_not_draw.html",
            {"organization": organization},
            status=403,
        )
    try:
        brief = draw(actor=request.user, organization=organization)
    except DomainError as refusal:
        return render(
            request,
            "toolkit/briefs/organization.html",
            {
                "organization": organization,
                "briefs": list(selectors.briefs_of(organization)),
                "may_draw": True,
                "refusal": refusal.message,
            },
            status=refusal.status_code,
        )
    messages.success(request, "The brief is drawn with today's figures.")
    return redirect("toolkit:brief", brief.public_id)


@login_required
@require_GET
def brief_detail(request, brief_id):
    brief = selectors.brief_for(request.user, brief_id)
    return render(
        request,
        "toolkit/briefs/detail.html",
        {
            "brief": brief,
            "view": BriefView(brief),
            "may_draw": allowed(request.user, "toolkit.draw_brief", brief.organization),
        },
    )


@login_required
@require_GET
@limits_pdf_downloads
def brief_pdf(request, brief_id):
    brief = selectors.brief_for(request.user, brief_id)
    view = BriefView(brief)
    html = render_to_string(
        "toolkit/briefs/pdf.html",
        # A PDF's links leave the site: they need its address.
        {"brief": brief, "view": view, "link_base": settings.SITE_URL.rstrip("/")},
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{view.filename}"'
    return response
