"""core.pdf_downloads: a person may draw a bounded number of PDFs in ten minutes (staff are
not limited), and every route that answers a PDF is wrapped in the limit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse

from socialrx.core.pdf_downloads import limits_pdf_downloads
from tests.factories import StaffFactory, UserFactory
from tests.route_inventory import all_routes

pytestmark = pytest.mark.django_db

# Every route that draws a PDF, written out by hand (a new one must join the list).
PDF_ROUTES = {
    "billing:invoice_pdf",
    "billing:receipt_pdf",
    "billing:my_statement",
    "billing:organization_statement",
    "events:badges",
    "events:ticket_pdf",
    "toolkit:assessment_pdf",
    "toolkit:brief_pdf",
    "toolkit:policy_version_pdf",
    "training:certificate_pdf",
}


@limits_pdf_downloads
def a_pdf(request):
    return HttpResponse(b"%PDF-1.7", content_type="application/pdf")


@limits_pdf_downloads(when=lambda request: request.GET.get("format") == "pdf")
def a_page_or_a_pdf(request):
    return HttpResponse(b"<p>Statement</p>")


def ask(view, user, query: str = "", address: str = "203.0.113.7"):
    request = RequestFactory().get(f"/x/{query}", REMOTE_ADDR=address)
    request.user = user
    return view(request)


@pytest.fixture(autouse=True)
def three_a_window(settings):
    settings.PDF_DOWNLOADS_PER_10_MINUTES = 3


def test_the_fourth_pdf_in_ten_minutes_is_refused_with_a_reason():
    person = UserFactory()

    statuses = [ask(a_pdf, person).status_code for _ in range(4)]
    refused = ask(a_pdf, person)

    assert statuses == [200, 200, 200, 429]
    assert refused["Retry-After"] == "600"
    page = refused.content.decode()
    assert "Too many PDFs at once" in page
    assert "You asked for more than 3 PDF documents in 10 minutes" in page


def test_each_person_has_their_own_count_and_staff_have_none():
    first, second, staff = UserFactory(), UserFactory(), StaffFactory()
    for _ in range(4):
        ask(a_pdf, first)

    assert ask(a_pdf, second).status_code == 200
    assert [ask(a_pdf, staff).status_code for _ in range(6)] == [200] * 6


def test_signed_out_requests_count_by_address():
    visitor = AnonymousUser()
    for _ in range(3):
        ask(a_pdf, visitor, address="198.51.100.1")

    assert ask(a_pdf, visitor, address="198.51.100.1").status_code == 429
    assert ask(a_pdf, visitor, address="198.51.100.2").status_code == 200


def test_a_view_that_answers_a_page_counts_only_its_pdfs():
    person = UserFactory()

    pages = [ask(a_page_or_a_pdf, person).status_code for _ in range(10)]
    pdfs = [ask(a_page_or_a_pdf, person, "?format=pdf").status_code for _ in range(4)]

    assert pages == [200] * 10
    assert pdfs == [200, 200, 200, 429]


def test_every_route_that_answers_a_pdf_is_limited():
    routes = all_routes()
    by_name = {route.name: route.callback for route in routes if route.name}
    pdf_like = {
        route.name for route in routes if route.pattern.endswith(("pdf/", ".pdf", "receipt/"))
    }

    assert pdf_like <= PDF_ROUTES, f"PDF routes missing from the list: {pdf_like - PDF_ROUTES}"
    unlimited = sorted(
        name for name in PDF_ROUTES if not getattr(by_name[name], "limits_pdf_downloads", False)
    )
    assert not unlimited, f"Routes that draw PDFs without the limit: {unlimited}"
    assert resolve(reverse("billing:my_statement")).func.limits_pdf_downloads
