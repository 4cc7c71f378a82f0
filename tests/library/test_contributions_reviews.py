"""Staff's decisions on a submitted contribution: approve (published today with the access staff
chose, credited), request changes (a note is required; the contributor edits and submits
again), reject (a reason is required). Each is a ResourceReview row, an audit event and an
email to the author and the organization's admins with the note; only staff decide, once."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import ResourceReview
from socialrx.library.services.contribution_reviews import (
    AlreadyDecided,
    approve_contribution,
    reject_contribution,
    request_changes,
)
from socialrx.library.services.contributions import (
    AlreadySubmitted,
    save_contribution,
    submit_contribution,
)
from tests.factories import StaffFactory
from tests.library.contributions_support import (
    draft_resource,
    resource_draft,
    submitted_resource,
)
from tests.library.factories import member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _links(settings):
    settings.SITE_URL = "https://socialrx.example"


@pytest.fixture
def frozen():
    """March 10, 2026 at the center, from before the data is made."""
    with time_machine.travel("2026-03-10 15:00:00Z", tick=False):
        yield


@pytest.fixture
def member():
    organization, admin, person = member_org("Riverside Regional Medical Center")
    admin.email, person.email = "admin@riverside.example", "writer@riverside.example"
    admin.save(update_fields=["email"])
    person.save(update_fields=["email"])
    return organization, admin, person


@pytest.fixture
def reviewer():
    return StaffFactory(email="reviewer@socialrx.example")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_approving_publishes_it_today_with_the_access_staff_chose(
    frozen, member, reviewer, mailoutbox, commit
):
    organization, _admin, person = member
    resource = submitted_resource(person, organization, title="Consent checklist")
    mailoutbox.clear()

    with commit():
        approve_contribution(actor=reviewer, resource=resource, access="premium", note="Thanks!")

    resource.refresh_from_db()
    assert (resource.status, resource.access) == ("published", "premium")
    assert (resource.published_on, resource.reviewed_on) == (date(2026, 3, 10), date(2026, 3, 10))
    assert resource.contributed_by_organization == organization
    review = ResourceReview.objects.get(resource=resource)
    assert (review.decision, review.note, review.reviewer) == ("approved", "Thanks!", reviewer)
    event = AuditEvent.objects.get(action="library.contribution.approved")
    assert event.before == {"status": "submitted", "access": "member"}
    assert event.after["status"] == "published"
    (mail,) = mailoutbox
    assert mail.to == ["admin@riverside.example", "writer@riverside.example"]
    assert mail.subject == "Published in the library: Consent checklist"
    assert "Thanks!" in mail.body
    assert "https://socialrx.example/library/r/consent-checklist/" in mail.body


def test_requesting_changes_needs_a_note(member, reviewer):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)

    with pytest.raises(DomainError) as refused:
        request_changes(actor=reviewer, resource=resource, note="  ")

    assert refused.value.field == "note"
    resource.refresh_from_db()
    assert resource.status == "submitted"
    assert ResourceReview.objects.count() == 0


def test_changes_requested_go_back_to_the_contributor_who_submits_again(
    member, reviewer, mailoutbox, commit
):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    mailoutbox.clear()

    with commit():
        request_changes(actor=reviewer, resource=resource, note="Add the consent form's wording.")

    resource.refresh_from_db()
    assert resource.status == "changes_requested"
    (mail,) = mailoutbox
    assert mail.subject == "Changes requested: Patient photo consent checklist"
    assert "Add the consent form's wording." in mail.body
    assert f"https://socialrx.example/library/contributions/{resource.public_id}/" in mail.body

    save_contribution(
        actor=person, resource=resource, draft=resource_draft(organization, body="With wording")
    )
    submit_contribution(actor=person, resource=resource)
    resource.refresh_from_db()
    assert resource.status == "submitted"
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "library.contribution.started",
        "library.contribution.submitted",
        "library.contribution.changes_requested",
        "library.contribution.submitted",
    ]


def test_rejecting_needs_a_reason_and_closes_it(member, reviewer, mailoutbox, commit):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    with pytest.raises(DomainError):
        reject_contribution(actor=reviewer, resource=resource, note="")
    mailoutbox.clear()

    with commit():
        reject_contribution(actor=reviewer, resource=resource, note="We have one like it.")

    resource.refresh_from_db()
    assert resource.status == "rejected"
    (mail,) = mailoutbox
    assert mail.subject == "Not published: Patient photo consent checklist"
    assert "We have one like it." in mail.body
    assert AuditEvent.objects.filter(action="library.contribution.rejected").count() == 1
    # A decided contribution is no longer theirs to edit, and they are told why.
    with pytest.raises(AlreadySubmitted, match="Staff have already decided on this contribution"):
        save_contribution(actor=person, resource=resource, draft=resource_draft(organization))


def test_only_staff_decide(member):
    organization, admin, person = member
    resource = submitted_resource(person, organization)

    with pytest.raises(PermissionDenied):
        approve_contribution(actor=admin, resource=resource, access="public")

    resource.refresh_from_db()
    assert resource.status == "submitted"


def test_a_second_decision_is_refused(member, reviewer):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    approve_contribution(actor=reviewer, resource=resource, access="member")

    with pytest.raises(AlreadyDecided) as refused:
        reject_contribution(actor=reviewer, resource=resource, note="Too late")

    assert refused.value.status_code == 409
    assert ResourceReview.objects.count() == 1


def test_a_draft_is_not_decided(member, reviewer):
    organization, _admin, person = member
    resource = draft_resource(person, organization)

    with pytest.raises(AlreadyDecided):
        approve_contribution(actor=reviewer, resource=resource, access="member")


def test_approving_needs_a_known_access(member, reviewer):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)

    with pytest.raises(DomainError) as refused:
        approve_contribution(actor=reviewer, resource=resource, access="everyone")

    assert refused.value.field == "access"
    resource.refresh_from_db()
    assert resource.status == "submitted"
