"""Needs assessments under real concurrency on PostgreSQL: a double-click (or two tabs)
submitting the same draft submits it once, audits once and emails staff once; two "Start"
clicks make one draft."""

from decimal import Decimal

import pytest
from django.db import close_old_connections

from socialrx.coaching.models import Intake
from socialrx.coaching.services.intakes import AlreadySubmitted, start_intake, submit_intake
from socialrx.core.models import AuditEvent
from socialrx.taxonomy.models import Platform
from tests.concurrency import require_postgres, run_at_once
from tests.factories import org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _answers() -> dict:
    return {
        "goals": ["reputation"],
        "platforms_in_use": list(Platform.objects.filter(code="facebook")),
        "audience": "Patients",
        "people_available": 2,
        "hours_per_week": Decimal("4"),
        "policy_status": "none",
    }


def test_a_double_click_submits_once():
    organization, admin = org_with_admin(name="Riverside Medical Center")
    draft = start_intake(actor=admin, organization=organization)

    def submit(index):
        close_old_connections()
        return submit_intake(actor=admin, intake=draft, data=_answers())

    results = run_at_once(4, submit)

    submitted = [r for r in results if isinstance(r, Intake)]
    refused = [r for r in results if isinstance(r, AlreadySubmitted)]
    assert (len(submitted), len(refused)) == (1, 3)
    assert AuditEvent.objects.filter(action="coaching.intake.submitted").count() == 1


def test_two_start_clicks_make_one_draft():
    organization, admin = org_with_admin(name="Lakeside Clinic")

    def start(index):
        close_old_connections()
        return start_intake(actor=admin, organization=organization)

    results = run_at_once(4, start)

    assert all(isinstance(r, Intake) for r in results), results
    assert Intake.objects.filter(organization=organization).count() == 1
    assert len({r.pk for r in results}) == 1
