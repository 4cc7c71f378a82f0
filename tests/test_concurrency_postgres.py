"""Single-use and uniqueness rules under real concurrent transactions (PostgreSQL only:
SQLite serialises every writer, so it cannot show a race)."""

import threading

import pytest

from socialrx.core.errors import DomainError
from socialrx.organizations import services
from socialrx.organizations.models import Invitation, Organization, Seat
from tests.concurrency import require_postgres, run_at_once
from tests.factories import UserFactory, org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_an_invitation_accepted_concurrently_gives_exactly_one_seat():
    organization, admin = org_with_admin()
    invitee = UserFactory(email="colleague@example-health.org")
    invitation = services.invite_person(actor=admin, organization=organization, email=invitee.email)
    token = services.invitation_token(invitation)

    results = run_at_once(8, lambda _: services.accept_invitation(user=invitee, token=token))

    accepted = [r for r in results if isinstance(r, Seat)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(accepted) == 1
    assert len(refused) == 7
    assert Seat.objects.filter(organization=organization, user=invitee).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"


def test_the_same_organization_created_concurrently_exists_once():
    creators = [UserFactory() for _ in range(6)]
    queue = list(creators)
    lock = threading.Lock()

    def create(_):
        with lock:
            creator = queue.pop()
        return services.create_organization(
            creator=creator,
            data={
                "org_type": "hospital",
                "name": "Mercy Hospital",
                "city": "Springfield",
                "state": "IL",
                "licensed_beds": 200,
            },
        )

    results = run_at_once(6, create)

    created = [r for r in results if isinstance(r, Organization)]
    assert len(created) == 1
    assert all(isinstance(r, DomainError) for r in results if r not in created)
    assert Organization.objects.filter(name="Mercy Hospital").count() == 1
    assert Seat.objects.filter(organization__name="Mercy Hospital").count() == 1
