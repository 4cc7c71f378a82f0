"""Two "Submit for review" clicks at the same moment (PostgreSQL, real threads): the row is
locked before its status is read, so one submits and the other is told it was already
submitted; one audit row, one email to staff."""

from __future__ import annotations

import pytest
from django.db import close_old_connections

from socialrx.core.models import AuditEvent
from socialrx.library.models import Resource
from socialrx.library.services.contributions import AlreadySubmitted, submit_contribution
from tests.concurrency import require_postgres, run_at_once
from tests.library.contributions_support import draft_resource
from tests.library.factories import member_org

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_two_submissions_at_once_submit_once():
    organization, _admin, person = member_org("Riverside Regional Medical Center")
    resource = draft_resource(person, organization)

    def work(index):
        close_old_connections()
        return submit_contribution(actor=person, resource=Resource.objects.get(pk=resource.pk))

    outcomes = run_at_once(2, work)

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "AlreadySubmitted",
        "Resource",
    ]
    assert any(isinstance(outcome, AlreadySubmitted) for outcome in outcomes)
    assert AuditEvent.objects.filter(action="library.contribution.submitted").count() == 1
    resource.refresh_from_db()
    assert resource.status == "submitted"
