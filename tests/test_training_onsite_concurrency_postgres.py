"""On-site training under real concurrency on PostgreSQL: two staff proposing the same trainer
for overlapping sessions at the same moment get exactly one proposal through (the exclusion
constraint decides, not a Python check), and an organization's two admins accepting at once
get one invoice."""

from datetime import UTC, datetime

import pytest

from socialrx.billing.models import Invoice
from socialrx.core.errors import Conflict
from socialrx.schedules.models import Commitment
from socialrx.schedules.services import DoubleBooked
from socialrx.taxonomy.models import Topic
from socialrx.taxonomy.vocabulary import TOPICS
from socialrx.training.models import OnsiteRequest
from socialrx.training.services import onsite as services
from tests.concurrency import require_postgres, run_at_once
from tests.factories import OrganizationFactory, SeatFactory, StaffFactory, give_mfa
from tests.training import onsite_factories as make

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()
    # A transactional test empties every table afterwards, the topics seeded by migration too.
    for position, (slug, name, description) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    with make.frozen():
        yield


def test_two_overlapping_proposals_for_one_trainer_at_once_let_exactly_one_through():
    staff = StaffFactory()
    give_mfa(staff)
    dana = make.trainer()
    requests = []
    for name in ("Riverside Regional Medical Center", "Lakeside Family Physicians"):
        organization = OrganizationFactory(name=name)
        admin = SeatFactory(organization=organization, role="admin").user
        requests.append(make.requested(organization, admin))
    # 9:00 AM – 3:00 PM and 1:00 PM – 5:00 PM on March 4 (CST): two hours overlap.
    times = [
        (make.STARTS, make.ENDS),
        (datetime(2031, 3, 4, 19, 0, tzinfo=UTC), datetime(2031, 3, 4, 23, 0, tzinfo=UTC)),
    ]

    def propose(index: int):
        starts_at, ends_at = times[index]
        return services.propose_onsite(
            actor=staff,
            onsite=requests[index],
            starts_at=starts_at,
            ends_at=ends_at,
            trainers=[dana],
            quote_cents=450_000,
        )

    results = run_at_once(2, propose)

    proposed = [r for r in results if isinstance(r, OnsiteRequest)]
    refused = [r for r in results if isinstance(r, DoubleBooked)]
    assert (len(proposed), len(refused)) == (1, 1), results
    assert refused[0].message.startswith(
        "Dana Whitfield is already booked at that time: On-site training at "
    )
    assert Commitment.objects.filter(person=dana).count() == 1
    assert sorted(OnsiteRequest.objects.values_list("status", flat=True)) == [
        "proposed",
        "requested",
    ]
    winner = OnsiteRequest.objects.get(status="proposed")
    assert list(winner.trainers.all()) == [dana]
    assert Commitment.objects.get().source_public_id == winner.public_id


def test_two_admins_accepting_at_once_make_one_invoice():
    staff = StaffFactory()
    give_mfa(staff)
    organization = OrganizationFactory(name="Riverside Regional Medical Center")
    admins = [SeatFactory(organization=organization, role="admin").user for _ in range(2)]
    onsite = make.proposed(organization, admins[0], staff)

    results = run_at_once(2, lambda i: services.accept_onsite(actor=admins[i], onsite=onsite))

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "OnsiteRequest"]
    assert [r.message for r in results if isinstance(r, Conflict)] == [
        "This request is accepted, invoiced: it cannot be accepted now."
    ]
    assert Invoice.objects.count() == 1
    assert OnsiteRequest.objects.get().invoice == Invoice.objects.get()
