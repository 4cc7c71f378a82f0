"""The training catalogue, a course's page and enrolling in it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialrx.core.errors import DomainError
from socialrx.core.markdown import render as render_markdown
from socialrx.core.pagination import querystring_without_page
from socialrx.taxonomy.selectors import platforms, topics

from ..forms_catalog import CatalogFilterForm
from ..selectors import catalog as catalog_selectors
from ..selectors import learning
from ..selectors.catalog import ONSITE_TEXT
from ..services import enrolment as enrolment_service


def catalog(request):
    form = CatalogFilterForm(
        request.GET or None, topics=list(topics()), platforms=list(platforms())
    )
    filters = form.filters()
    listing = catalog_selectors.catalogue(request.user, filters, request.GET.get("page"))
    return render(
        request,
        "training/catalog.html",
        {
            "form": form,
            "catalogue": listing,
            "page": listing.page,
            "querystring": querystring_without_page(request),
            "onsite_text": ONSITE_TEXT,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def course(request, slug):
    page = learning.course_page(request.user, slug)
    return render(
        request,
        "training/course.html",
        {
            "page": page,
            "course": page.course,
            "description_html": render_markdown(page.course.description),
        },
    )


@login_required
@require_POST
def enrol(request, slug):
    page = learning.course_page(request.user, slug)
    try:
        enrolment_service.enrol(request.user, page.course)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("training:course", slug)
    if page.enrolment is None:
        messages.success(request, f"You are enrolled in {page.course.title}. Enjoy the course!")
    return redirect("training:continue", slug)
