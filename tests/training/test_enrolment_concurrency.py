"""Enrolling from two tabs at once (PostgreSQL only: SQLite serialises every writer, so it
cannot show a race): one enrolment, the same one for every request, never an error."""

import pytest

from socialrx.core.models import AuditEvent
from socialrx.training.models import Enrolment
from socialrx.training.services.enrolment import enrol
from tests.concurrency import require_postgres, run_at_once
from tests.training.factories import make_course, member_org

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_a_member_enrolling_six_times_at_once_gets_one_enrolment():
    member = member_org(name="Lakeview Health")[2]
    course = make_course(title="X for physicians", slug="x-for-physicians")

    def work(_):
        person = type(member).objects.get(pk=member.pk)  # each request loads its own user
        return enrol(person, course)

    results = run_at_once(6, work)

    assert all(isinstance(result, Enrolment) for result in results), results
    assert {result.pk for result in results} == {Enrolment.objects.get().pk}
    assert AuditEvent.objects.filter(action="training.enrolment.created").count() == 1
