"""On-site training: the organization's answers to a proposal (decline with a reason,
withdraw) free the trainers' time and tell staff; a request is answered once."""

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from socialrx.training.models import OnsiteRequest, OnsiteStep
from socialrx.training.services import onsite as services
from tests.training import onsite_factories as make

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _february_2031():
    with make.frozen():
        yield


def steps(onsite) -> list[tuple]:
    return list(
        OnsiteStep.objects.filter(request=onsite).values_list("event", "status", "actor__email")
    )


def actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="training.onsite.")
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- declining and withdrawing ----------------------------------------------------------------


def test_the_admin_declines_with_a_reason_the_time_is_freed_and_staff_are_told(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_onsite(actor=admin, onsite=onsite, reason="Our survey is that week.")

    onsite.refresh_from_db()
    assert (onsite.status, onsite.decline_reason) == ("declined", "Our survey is that week.")
    assert Commitment.objects.count() == 0
    assert steps(onsite)[-1] == ("declined", "declined", admin.email)
    assert actions()[-1] == "training.onsite.declined"
    [message] = mailoutbox
    assert message.to == [staff.email]
    assert "Our survey is that week." in message.body


def test_declining_needs_a_reason(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    with pytest.raises(DomainError, match="Enter a reason for declining."):
        services.decline_onsite(actor=admin, onsite=onsite, reason="  ")

    assert OnsiteRequest.objects.get().status == "proposed"
    assert Commitment.objects.count() == 1


def test_a_declined_request_cannot_be_answered_twice(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)
    services.decline_onsite(actor=admin, onsite=onsite, reason="Too expensive.")

    with pytest.raises(Conflict, match="This request is declined: it cannot be declined now."):
        services.decline_onsite(actor=admin, onsite=onsite, reason="Still too expensive.")
    with pytest.raises(Conflict, match="This request is declined: it cannot be accepted now."):
        services.accept_onsite(actor=admin, onsite=onsite)
    with pytest.raises(Conflict, match="cannot be proposed now"):
        services.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=make.STARTS,
            ends_at=make.ENDS,
            trainers=[make.trainer("Sam Ortiz")],
            quote_cents=1,
        )

    onsite.refresh_from_db()
    assert onsite.decline_reason == "Too expensive."
    assert [event for event, _, _ in steps(onsite)][-1] == "declined"


def test_a_request_not_yet_proposed_cannot_be_accepted_or_declined(org_a):
    organization, admin, _ = org_a
    onsite = make.requested(organization, admin)

    with pytest.raises(Conflict, match="This request is requested: it cannot be accepted now."):
        services.accept_onsite(actor=admin, onsite=onsite)
    with pytest.raises(Conflict):
        services.decline_onsite(actor=admin, onsite=onsite, reason="No.")


def test_the_admin_withdraws_a_request_or_a_proposal_and_the_time_is_freed(org_a, staff):
    organization, admin, _ = org_a
    waiting = make.requested(organization, admin)
    answered = make.proposed(organization, admin, staff)

    services.withdraw_onsite(actor=admin, onsite=waiting)
    services.withdraw_onsite(actor=admin, onsite=answered, reason="Budget frozen.")

    assert sorted(OnsiteRequest.objects.values_list("status", flat=True)) == ["withdrawn"] * 2
    assert Commitment.objects.count() == 0
    assert OnsiteStep.objects.filter(request=answered).last().note == "Budget frozen."
    with pytest.raises(Conflict, match="is withdrawn"):
        services.withdraw_onsite(actor=admin, onsite=answered)


def test_answers_are_the_organizations_admins_own(org_a, org_b, staff):
    organization, admin, member = org_a
    onsite = make.proposed(organization, admin, staff)
    for person in (member, org_b[1], staff):
        with pytest.raises(PermissionDenied):
            services.decline_onsite(actor=person, onsite=onsite, reason="No.")
        with pytest.raises(PermissionDenied):
            services.withdraw_onsite(actor=person, onsite=onsite)
        with pytest.raises(PermissionDenied):
            services.accept_onsite(actor=person, onsite=onsite)
    assert OnsiteRequest.objects.get().status == "proposed"
