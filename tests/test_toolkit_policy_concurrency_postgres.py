"""The policy builder under real concurrency on PostgreSQL: a double-click (or two admins) on
"Assemble" makes one numbered version, and the others are told nothing has changed; two
"Start" clicks make one policy, audited once."""

import pytest
from django.db import close_old_connections

from socialrx.core.errors import Conflict
from socialrx.core.models import AuditEvent
from socialrx.toolkit.models import Policy, PolicyVersion
from socialrx.toolkit.services.policies import assemble_version, start_policy
from tests.concurrency import require_postgres, run_at_once
from tests.factories import org_with_admin
from tests.toolkit.factories import make_clause_per_section, make_policy, make_policy_member

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_four_assemble_clicks_make_one_version():
    organization, admin = org_with_admin(name="Riverside Medical Center")
    make_policy_member(organization)
    make_clause_per_section()
    policy = make_policy(organization, created_by=admin)

    def assemble(index):
        close_old_connections()
        return assemble_version(actor=admin, policy=policy)

    results = run_at_once(4, assemble)

    made = [r for r in results if isinstance(r, PolicyVersion)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert (len(made), len(refused)) == (1, 3), results
    assert list(PolicyVersion.objects.filter(policy=policy).values_list("number", flat=True)) == [1]
    assert AuditEvent.objects.filter(action="toolkit.policy.version_created").count() == 1


def test_two_start_clicks_make_one_policy_audited_once():
    organization, admin = org_with_admin(name="Lakeside Clinic")
    make_policy_member(organization)

    def start(index):
        close_old_connections()
        return start_policy(actor=admin, organization=organization)

    results = run_at_once(4, start)

    assert all(isinstance(r, Policy) for r in results), results
    assert Policy.objects.filter(organization=organization).count() == 1
    assert AuditEvent.objects.filter(action="toolkit.policy.started").count() == 1
