"""The assessment as a PDF for leadership: opened, and its text read back: the scores table,
the maturity, the recommendations and the staffing with its assumptions."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.library.factories import make_resource
from tests.toolkit.factories import make_assessment, make_check_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line, spaces collapsed (a table's cells come out in reading
    order)."""
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_holds_the_scores_recommendations_and_staffing(client, org_a):
    organization, admin, member = org_a
    make_check_member(organization)
    guide = make_resource(title="Writing a social media policy", topics=("policy-legal",))
    take = make_assessment(organization, taken_by=admin)
    client.force_login(member)

    response = client.get(reverse("toolkit:assessment_pdf", args=[take.public_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="readiness-assessment-')
    text = pdf_text(response.content)
    assert f"Readiness and staffing assessment: {organization.name}" in text
    assert "Maturity: Level 2 of 4: Developing, overall score 58 out of 100" in text
    # The scores table, by hand in test_scoring.
    for row in (
        "Strategy 70 3 Established",
        "Governance 46 2 Developing",
        "Capacity 31 1 Starting",
        "Skills 94 4 Leading",
        "Measurement 50 2 Developing",
        "Overall 58 2 Developing",
    ):
        assert row in text
    # Recommendations: the weak dimensions, with what exists on their topics.
    assert "Capacity: 31 (Starting)" in text
    assert "Governance: 46 (Developing)" in text
    assert "Writing a social media policy" in text
    assert reverse("library:resource", args=[guide.slug]) in text
    # Staffing by hand in test_staffing: 18.5 h a week, 0.46 FTE, Facebook 6.1 h.
    assert "18.5 hours a week, that is 0.46 FTE at 40 hours a week" in text
    assert "Facebook 5 a week 5.0 2.5 0.8 1.0 1.8 6.1" in text
    assert "Approval per post (minutes) 10" in text
    assert "YouTube: minutes to make one post 180" in text
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 1


def test_a_visitor_is_sent_to_sign_in_and_an_outsider_gets_404(client, org_a, org_b):
    organization = org_a[0]
    make_check_member(organization)
    take = make_assessment(organization)
    url = reverse("toolkit:assessment_pdf", args=[take.public_id])

    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(org_b[1])
    assert client.get(url).status_code == 404
