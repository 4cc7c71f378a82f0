"""A policy version's downloads, opened and read: the Word document (headings, numbered
sections and clauses, paragraphs and list items, the footer) and the PDF's text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from socialrx.toolkit.services.policies import adopt_version
from tests.factories import org_with_admin
from tests.toolkit.factories import (
    assembled_policy,
    make_clause,
    make_clause_per_section,
    make_policy_member,
)
from tests.toolkit.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def version_world():
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    make_clause_per_section()
    make_clause(
        "response-times",
        "moderation",
        "Comments get a first answer within {{ response_hours }} hours:\n\n"
        "- during {{ monitoring_hours }};\n- on every official account.\n\n"
        "1. Acknowledge.\n2. Move to {{ patient_portal_name }}.",
        title="Response times",
        position=20,
    )
    policy, version = assembled_policy(organization, admin)
    return organization, admin, policy, version


def test_the_word_document_opens_with_the_policy_in_it(client, version_world):
    organization, admin, policy, version = version_world
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy_version_docx", args=[policy.public_id, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="lakeside-family-physicians-social-media-policy-v1.docx"'
    )
    document = Document(io.BytesIO(response.content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "Social media policy")
    assert paragraphs[1] == ("Subtitle", "Lakeside Family Physicians")
    assert paragraphs[2][1].startswith("Version 1, assembled on ")
    assert paragraphs[3] == ("Normal", "Not adopted yet")
    assert ("Heading 1", "1. Who may post for the organization") in paragraphs
    assert ("Heading 1", "10. Accessibility") in paragraphs
    start = paragraphs.index(("Heading 1", "6. Comment moderation and response times"))
    assert paragraphs[start : start + 9] == [
        ("Heading 1", "6. Comment moderation and response times"),
        ("Heading 2", "6.1 Basics of comment moderation and response times"),
        (
            "Normal",
            "Lakeside Family Physicians follows this rule on comment moderation and response "
            "times.",
        ),
        ("Heading 2", "6.2 Response times"),
        ("Normal", "Comments get a first answer within 6 hours:"),
        ("List Bullet", "during 8 a.m. to 5 p.m. on weekdays;"),
        ("List Bullet", "on every official account."),
        ("List Continue", "1. Acknowledge."),
        ("List Continue", "2. Move to MyChart."),
    ]
    assert sum(1 for style, _ in paragraphs if style == "Heading 1") == 10
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Lakeside Family Physicians · Social media policy · version 1 · page")
    assert document.core_properties.title == "Social media policy: Lakeside Family Physicians"


def test_the_word_document_says_when_the_version_was_adopted(client, version_world):
    organization, admin, policy, version = version_world
    adopt_version(actor=admin, version=version, adopted_on=version.created_at.date())
    version.refresh_from_db()
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy_version_docx", args=[policy.public_id, 1]))
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert (
        f"Adopted on {version.adopted_on:%B} {version.adopted_on.day}, {version.adopted_on.year}"
        in texts
    )


def test_the_pdf_holds_the_policy_text(client, version_world):
    organization, admin, policy, version = version_world
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy_version_pdf", args=[policy.public_id, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="lakeside-family-physicians-social-media-policy-v1.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    lines = [line.strip() for line in text.splitlines()]
    assert "Social media policy" in lines
    assert "Lakeside Family Physicians" in lines
    assert "6. Comment moderation and response times" in lines
    assert "6.2 Response times" in lines
    flat = " ".join(text.split())
    assert "Comments get a first answer within 6 hours:" in flat
    assert "during 8 a.m. to 5 p.m. on weekdays;" in flat
    assert "Move to MyChart." in flat
    assert "It is a starting point, not legal advice" in flat
    assert "Page 1 of" in flat


def test_the_templates_review_dates_are_in_both_exports(client, version_world):
    organization, admin, policy, version = version_world
    version.templates_reviewed_from = date(2026, 2, 3)
    version.templates_reviewed_to = date(2026, 5, 20)
    version.save()
    client.force_login(admin)
    docx = client.get(reverse("toolkit:policy_version_docx", args=[policy.public_id, 1]))
    texts = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert (
        "Based on the center's clause templates reviewed between February 3, 2026 and May 20, 2026"
        in texts
    )
    pdf = client.get(reverse("toolkit:policy_version_pdf", args=[policy.public_id, 1]))
    assert (
        "Based on the center's clause templates reviewed between February 3, 2026 and May 20, 2026."
        in " ".join(pdf_text(pdf.content).split())
    )
