"""The assessment's demo: Riverside improving over two takes months apart, Lakeside's one
take, the latest Riverside take handed to the brief; a second run makes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from socialrx.core.demo import DemoContext
from socialrx.core.models import AuditEvent
from socialrx.toolkit.demo import assessments as demo
from socialrx.toolkit.models import Assessment
from socialrx.toolkit.selectors.assessments import progress
from tests.factories import org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def context():
    context = DemoContext(profile="small")
    hospital, hospital_admin = org_with_admin(name="Riverside Regional Medical Center")
    practice, practice_admin = org_with_admin(name="Lakeside Family Physicians")
    for name, thing in [
        ("demo_hospital", hospital),
        ("demo_hospital_admin", hospital_admin),
        ("demo_practice", practice),
        ("demo_practice_admin", practice_admin),
    ]:
        context.put(name, thing)
    return context


def test_riverside_improves_over_two_takes_months_apart(context):
    lines, made = demo.seed(context)

    hospital = context.get("demo_hospital")
    first, second = Assessment.objects.filter(organization=hospital).order_by("taken_at")
    assert made == {"assessments": 3}
    assert second.taken_at - first.taken_at == timedelta(days=210)
    assert timezone.now() - second.taken_at < timedelta(days=22)
    # First take, by hand: strategy 2+2+1+1+2 = 8/20 → 40; governance 1+1+1+1+1+2+2 = 9/28
    # → 32; capacity 1+2+1+2 = 6/16 → 38; skills 1+2+2+2 = 7/16 → 44; measurement 3/12 → 25.
    assert first.scores.as_dict() == {
        "strategy": 40,
        "governance": 32,
        "capacity": 38,
        "skills": 44,
        "measurement": 25,
    }
    # Second: strategy 3+3+2+2+3 = 13/20 → 65; governance 3+3+2+2+3+3+3 = 19/28 → 68;
    # capacity 2+3+2+3 = 10/16 → 63; skills 3+2+3+2 = 10/16 → 63; measurement 6/12 → 50.
    assert second.scores.as_dict() == {
        "strategy": 65,
        "governance": 68,
        "capacity": 63,
        "skills": 63,
        "measurement": 50,
    }
    changes = progress(second.scores, first).changes
    assert str(changes[0]).startswith("Up 36 points in governance since ")
    assert second.taken_by == context.get("demo_hospital_admin")
    assert context.get("demo_assessment") == second
    assert Assessment.objects.filter(organization=context.get("demo_practice")).count() == 1
    assert AuditEvent.objects.filter(action="toolkit.assessment.submitted").count() == 3
    assert lines[0].startswith("Riverside Regional Medical Center: 2 readiness assessments")


def test_a_second_run_makes_nothing(context):
    demo.seed(context)
    again = DemoContext(profile="small")
    for name in ("demo_hospital", "demo_hospital_admin", "demo_practice", "demo_practice_admin"):
        again.put(name, context.get(name))

    _, made = demo.seed(again)

    assert made == {"assessments": 0}
    assert again.get("demo_assessment") == context.get("demo_assessment")
