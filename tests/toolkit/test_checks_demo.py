"""The checker's demo: checks Riverside saved to its history, through the service (audited,
found by the real detector), made once however often the demo runs."""

from __future__ import annotations

import pytest

from socialrx.core.demo import DemoContext
from socialrx.core.models import AuditEvent
from socialrx.toolkit.demo import checks as demo_checks
from socialrx.toolkit.models import SavedCheck
from tests.factories import SeatFactory
from tests.toolkit.factories import make_check_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(org_a):
    hospital, admin, _ = org_a
    make_check_member(hospital)
    context = DemoContext(profile="small")
    context.put("demo_hospital", hospital)
    context.put("demo_hospital_admin", admin)
    context.put("demo_physician", SeatFactory(organization=hospital).user)
    return context


def test_riverside_gets_its_saved_checks_once(context):
    lines, made = demo_checks.seed(context)
    hospital = context.get("demo_hospital")
    assert made == {"saved checks": 4}
    assert SavedCheck.objects.filter(organization=hospital).count() == 4
    assert AuditEvent.objects.filter(action="toolkit.check.saved").count() == 4
    assert "has 4 saved checks" in lines[0]

    assert demo_checks.seed(context)[1] == {"saved checks": 0}
    assert SavedCheck.objects.count() == 4


def test_the_demo_history_shows_what_the_checker_catches(context):
    demo_checks.seed(context)
    story, advice, reply, event = SavedCheck.objects.order_by("saved_at")
    assert ("name", "Olivia Martinez") in {
        (f["kind"], story.draft[f["start"] : f["end"]]) for f in story.findings
    }
    assert "face_photo" in {f["kind"] for f in story.findings}
    assert {r["kind"] for r in advice.risks} == {"medical_advice"}
    assert advice.saved_by == context.get("demo_physician")
    assert {r["kind"] for r in reply.risks} == {"public_reply"}
    assert (event.identifier_count, event.risk_count) == (0, 0)
