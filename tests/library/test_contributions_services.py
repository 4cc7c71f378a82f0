"""A member's contribution, written through the services: started as a draft (rendered,
sanitised, credited, audited), saved again by its author or its organization's admin, submitted
once (audited, emailed to staff), and refused when the kind, the organization, the person or
the state does not allow it, with nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import Resource
from socialrx.library.services.contributions import (
    AlreadySubmitted,
    save_contribution,
    start_contribution,
    submit_contribution,
)
from tests.factories import SeatFactory, StaffFactory, UserFactory, org_with_admin
from tests.library.contributions_support import draft_resource, resource_draft
from tests.library.factories import member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _links(settings):
    settings.SITE_URL = "https://socialrx.example"


@pytest.fixture
def member():
    """(organization, admin, member) of a member organization."""
    return member_org("Riverside Regional Medical Center")


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_a_member_starts_a_draft_credited_to_their_organization(member):
    organization, _admin, person = member

    resource = start_contribution(actor=person, draft=resource_draft(organization))

    resource.refresh_from_db()
    assert (resource.status, resource.kind, resource.access) == ("draft", "checklist", "member")
    assert (resource.author, resource.contributed_by_organization) == (person, organization)
    assert resource.slug == "patient-photo-consent-checklist"
    assert resource.body_html == (
        "<h2>Before you post</h2>\n<p>Ask the patient for written consent.</p>\n"
        "<ul>\n<li>Keep the form on file.</li>\n</ul>\n"
    )
    assert "Policy and legal" in resource.search_text
    assert "Facebook" in resource.search_text
    assert [t.slug for t in resource.topics.all()] == ["policy-legal"]
    assert actions() == ["library.contribution.started"]


def test_a_script_in_the_markdown_is_stripped_from_the_page(member):
    organization, _admin, person = member
    body = "Hello <script>alert('x')</script> [click](javascript:alert(1))"

    resource = start_contribution(actor=person, draft=resource_draft(organization, body=body))

    assert "<script" not in resource.body_html
    assert "href" not in resource.body_html  # the javascript: link is left as plain text
    assert resource.body == body  # the source is kept as written


def test_a_second_draft_with_the_same_title_gets_its_own_slug(member):
    organization, _admin, person = member
    first = draft_resource(person, organization)

    second = draft_resource(person, organization)

    assert first.slug == "patient-photo-consent-checklist"
    assert second.slug.startswith("patient-photo-consent-checklist-")
    assert len(second.slug) == len("patient-photo-consent-checklist-") + 8


def test_crediting_an_organization_the_person_is_not_in_is_refused(member):
    _organization, _admin, person = member
    elsewhere, _other_admin, _other_member = member_org("Lakeside Family Physicians")

    with pytest.raises(DomainError) as refused:
        start_contribution(actor=person, draft=resource_draft(elsewhere))

    assert refused.value.field == "organization"
    assert Resource.objects.count() == 0
    assert actions() == []


def test_crediting_an_organization_that_is_not_a_member_is_refused(member):
    _organization, _admin, person = member
    not_member, _admin_of_it = org_with_admin(name="Hillcrest Clinic")
    SeatFactory(organization=not_member, user=person)

    with pytest.raises(DomainError) as refused:
        start_contribution(actor=person, draft=resource_draft(not_member))

    assert refused.value.field == "organization"
    assert Resource.objects.count() == 0


def test_a_person_of_no_member_organization_may_not_contribute():
    organization, admin = org_with_admin(name="Hillcrest Clinic")

    with pytest.raises(PermissionDenied):
        start_contribution(actor=admin, draft=resource_draft(organization))

    assert Resource.objects.count() == 0


@pytest.mark.parametrize("kind", ["podcast_episode", "webinar_recording", "case_study", "memo"])
def test_kinds_members_do_not_contribute_here_are_refused(member, kind):
    organization, _admin, person = member

    with pytest.raises(DomainError) as refused:
        start_contribution(actor=person, draft=resource_draft(organization, kind=kind))

    assert refused.value.field == "kind"
    assert Resource.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"summary": ""}, "summary"),
        ({"access": "premium"}, "access"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 601}, "minutes"),
        ({"body": "x" * 60_001}, "body"),
    ],
)
def test_bad_answers_are_refused_beside_their_field(member, changes, field):
    organization, _admin, person = member

    with pytest.raises(DomainError) as refused:
        start_contribution(actor=person, draft=resource_draft(organization, **changes))

    assert refused.value.field == field
    assert Resource.objects.count() == 0


def test_the_author_saves_the_draft_again(member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)

    save_contribution(
        actor=person,
        resource=resource,
        draft=resource_draft(organization, title="Photo consent, step by step", body="*New*"),
    )

    resource.refresh_from_db()
    assert (resource.title, resource.body_html) == (
        "Photo consent, step by step",
        "<p><em>New</em></p>\n",
    )
    assert actions() == ["library.contribution.started"]  # drafts are not audited


def test_the_organizations_admin_may_save_a_members_draft(member):
    organization, admin, person = member
    resource = draft_resource(person, organization)

    save_contribution(
        actor=admin, resource=resource, draft=resource_draft(organization, title="Edited")
    )

    resource.refresh_from_db()
    assert resource.title == "Edited"


def test_someone_of_another_organization_may_not_save_it(member):
    organization, _admin, person = member
    _elsewhere, other_admin, _other = member_org("Lakeside Family Physicians")
    resource = draft_resource(person, organization)

    with pytest.raises(PermissionDenied):
        save_contribution(
            actor=other_admin, resource=resource, draft=resource_draft(organization, title="X")
        )

    resource.refresh_from_db()
    assert resource.title == "Patient photo consent checklist"


def test_submitting_sends_it_to_staff_once_audited_and_emailed(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    organization, _admin, person = member
    StaffFactory(email="reviewer@socialrx.example")
    resource = draft_resource(person, organization)

    with django_capture_on_commit_callbacks(execute=True):
        submit_contribution(actor=person, resource=resource)

    resource.refresh_from_db()
    assert resource.status == "submitted"
    assert actions() == ["library.contribution.started", "library.contribution.submitted"]
    submitted = AuditEvent.objects.get(action="library.contribution.submitted")
    assert (submitted.before, submitted.after["status"]) == ({"status": "draft"}, "submitted")
    (mail,) = mailoutbox
    assert mail.to == ["reviewer@socialrx.example"]
    assert mail.subject == (
        "Contribution to review: Patient photo consent checklist "
        "(Riverside Regional Medical Center)"
    )
    assert f"https://socialrx.example/staff/library/reviews/{resource.public_id}/" in mail.body


def test_a_second_submission_is_refused_and_changes_nothing(member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)
    submit_contribution(actor=person, resource=resource)

    with pytest.raises(AlreadySubmitted) as refused:
        submit_contribution(actor=person, resource=resource)

    assert refused.value.status_code == 409
    assert actions().count("library.contribution.submitted") == 1


def test_saving_after_submission_is_refused(member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)
    submit_contribution(actor=person, resource=resource)

    with pytest.raises(AlreadySubmitted):
        save_contribution(
            actor=person, resource=resource, draft=resource_draft(organization, title="Late")
        )

    resource.refresh_from_db()
    assert resource.title == "Patient photo consent checklist"


def test_submitting_without_text_or_file_is_refused(member):
    organization, _admin, person = member
    resource = draft_resource(person, organization, body="")

    with pytest.raises(DomainError) as refused:
        submit_contribution(actor=person, resource=resource)

    assert refused.value.message == "Write the text or attach a file before submitting."
    resource.refresh_from_db()
    assert resource.status == "draft"


def test_someone_else_may_not_submit_it(member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)

    with pytest.raises(PermissionDenied):
        submit_contribution(actor=UserFactory(), resource=resource)

    resource.refresh_from_db()
    assert resource.status == "draft"
