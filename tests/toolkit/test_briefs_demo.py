"""The brief's demo: Riverside's executive brief, drawn once by its admin through the service
(audited) after the demo's assessment, policy and saved checks, however often the demo runs."""

from __future__ import annotations

import pytest

from socialrx.core.demo import DemoContext
from socialrx.core.models import AuditEvent
from socialrx.organizations.models import Organization
from socialrx.toolkit.demo import briefs as demo_briefs
from socialrx.toolkit.models import ExecutiveBrief
from tests.toolkit.factories import make_check_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(org_a):
    hospital, admin, _ = org_a
    make_check_member(hospital)
    context = DemoContext(profile="small")
    context.put("demo_hospital", hospital)
    context.put("demo_hospital_admin", admin)
    return context


def test_riverside_gets_its_brief_once(context):
    hospital, admin = context.get("demo_hospital"), context.get("demo_hospital_admin")

    lines, made = demo_briefs.seed(context)

    brief = ExecutiveBrief.objects.get()
    assert made == {"executive briefs": 1}
    assert (brief.organization, brief.drawn_by) == (hospital, admin)
    assert AuditEvent.objects.filter(action="toolkit.brief.drawn").count() == 1
    assert f"/toolkit/briefs/{brief.public_id}/" in lines[0]
    assert demo_briefs.seed(context)[1] == {"executive briefs": 0}
    assert ExecutiveBrief.objects.count() == 1


def test_the_seeded_demo_brief_cites_the_demo_and_says_what_it_lacks(demo_small):
    riverside = Organization.objects.get(name="Riverside Regional Medical Center")
    figures = ExecutiveBrief.objects.get(organization=riverside).figures

    # Its listing is generated and unclaimed: read by the CCN on its profile, marked.
    listing = figures["presence"]["listing"]
    assert (listing["ccn"], listing["claimed"], listing["is_generated"]) == (
        riverside.cms_certification_number, False, True
    )  # fmt: skip
    assert {a["label"] for a in figures["presence"]["accounts"]} == {
        "Facebook", "X (Twitter)", "YouTube"
    }  # fmt: skip
    assert all(a["is_generated"] for a in figures["presence"]["accounts"])
    assert figures["peers"]["generated_accounts"] > 0
    # A fictional CMS number: no HCAHPS of its own, said plainly, with Minnesota's and the
    # nation's as the reference (CMS's files shipped with the registry, Oct 2022-Sep 2023:
    # nurses "always" communicated well MN 84, nation 80; rating 9 or 10 MN 78, nation 72).
    experience = figures["experience"]
    assert experience["available"] is False
    assert experience["reason"].startswith(
        f"CMS certification number {riverside.cms_certification_number} ("
    )
    assert "is not in the CMS HCAHPS files the registry holds" in experience["reason"]
    reference = experience["reference"]
    assert reference["state_name"] == "Minnesota"
    by_label = {row["label"]: (row["state"], row["nation"]) for row in reference["rows"]}
    assert by_label["Communication with nurses"] == (84.0, 80.0)
    assert by_label["Overall rating of hospital"] == (78.0, 72.0)
    assert reference["state_period"] == {"start": "2022-10-01", "end": "2023-09-30"}
    assert reference["national_period"] == {"start": "2022-10-01", "end": "2023-09-30"}
    # The demo's assessment, policy and saved checks came before it.
    assert figures["plan"]["available"] is True
    policy = figures["safeguards"]["policy"]
    assert (policy["adopted"], policy["version"]) == (True, 2)
    assert figures["safeguards"]["checker"]["saved_checks"] >= 1
