"""What the library and community browser journeys share (issue 24): two member
organizations with one member each, a library in which one member-only policy template holds
a PDF, and a members-only forum category.

- Maria Lopez (Riverside Regional Medical Center) searches the library, downloads the
  template and asks her question in "Policy and legal";
- Dev Patel (Lakeside Children's Hospital, another member organization) answers it.

Rows are written with tests/library/factories.py and tests/community/factories.py; the live
server runs in the test's process and reads them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from socialrx.library.models import Access, ResourceKind
from socialrx.library.selectors.files import file_url
from tests.community.factories import make_category
from tests.library.factories import attach_pdf, make_resource, member_org

from .browser import assert_accessible, assert_fits_the_screen, screenshot

RIVERSIDE = "Riverside Regional Medical Center"
LAKESIDE = "Lakeside Children's Hospital"
TEMPLATE = "Social media policy template for hospitals"
TEMPLATE_FILE = "Social media policy.pdf"
CATEGORY = "Policy and legal"

# Full-page screenshots cost CI seconds: taken with SOCIALRX_SCREENSHOTS=1 only.
SCREENSHOTS = os.environ.get("SOCIALRX_SCREENSHOTS") == "1"


def look(page, name: str) -> None:
    """axe clean, nothing wider than the screen, and (SOCIALRX_SCREENSHOTS=1) a screenshot in
    test-artifacts/screenshots/library-community-<name>-<width>.png."""
    width = page.viewport_size["width"]
    assert_accessible(page, context=f"{name}, {width}px wide")
    assert_fits_the_screen(page)
    if SCREENSHOTS:
        screenshot(page, f"library-community-{name}-{width}")


def named(person, full_name: str):
    person.full_name = full_name
    person.save(update_fields=["full_name"])
    return person


@dataclass
class World:
    asker: object  # Maria Lopez, Riverside
    answerer: object  # Dev Patel, Lakeside
    template: object  # the member-only policy template
    template_file_url: str  # its PDF's address
    category: object


def library_community_world() -> World:
    """Two member organizations, three published resources (two match "policy": the
    member-only template with its PDF, and a public guide; a checklist does not), and the
    members-only forum category "Policy and legal"."""
    _, _, asker = member_org(RIVERSIDE)
    _, _, answerer = member_org(LAKESIDE)
    named(asker, "Maria Lopez")
    named(answerer, "Dev Patel")
    template = make_resource(
        title=TEMPLATE,
        slug="social-media-policy-template",
        kind=ResourceKind.POLICY_TEMPLATE,
        access=Access.MEMBER,
        summary="A policy your legal team can adapt: who posts, who approves, what never goes out.",
        body="## Scope\n\nThis policy applies to every account the hospital runs.",
        topics=("policy-legal", "hipaa-privacy"),
        platforms=("facebook", "instagram"),
        audiences=("communications", "legal-compliance"),
        published_days_ago=3,
    )
    attached = attach_pdf(template, name=TEMPLATE_FILE)
    make_resource(
        title="Writing a social media policy your staff will read",
        slug="writing-a-policy",
        summary="Short rules, real examples, and who to ask before posting.",
        body="Keep the policy short and give examples of posts that are fine.",
        topics=("policy-legal",),
        published_days_ago=20,
    )
    make_resource(
        title="Crisis response checklist",
        slug="crisis-checklist",
        kind=ResourceKind.CHECKLIST,
        summary="The first hour of an outage or an incident, step by step.",
        body="Name a spokesperson. Pause scheduled posts.",
        topics=("crisis-response",),
        published_days_ago=40,
    )
    category = make_category(name=CATEGORY, slug="policy-and-legal")
    category.description = "Policies, approvals, disclaimers and what legal asks for."
    category.save(update_fields=["description"])
    return World(asker, answerer, template, file_url(attached), category)
