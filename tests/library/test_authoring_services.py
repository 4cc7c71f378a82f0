"""Staff writing the library (services.authoring): create, update, publish, withdraw; the
Markdown rendered and sanitised, the search words rebuilt, each write audited, staff only."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import Access, Audience, Resource, ResourceKind, ResourceStatus
from socialrx.library.services import authoring
from socialrx.library.services.authoring import ResourceData
from socialrx.taxonomy.models import Platform, Topic
from tests.library.factories import attach_pdf, make_resource, member_org
from tests.library.files_support import use_private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


def data(**changes) -> ResourceData:
    values = {
        "title": "Responding to a crisis on social media",
        "kind": ResourceKind.GUIDE,
        "summary": "What to post in the first hour.",
        "body": "## First hour\n\nPost a *holding* statement.<script>alert(1)</script>",
        "access": Access.MEMBER,
        "minutes": 12,
        "reviewed_on": date(2025, 1, 15),
        "topics": list(Topic.objects.filter(slug="crisis-response")),
        "platforms": list(Platform.objects.filter(code="facebook")),
        "audiences": list(Audience.objects.filter(slug="communications")),
    }
    values.update(changes)
    return ResourceData(**values)


def test_staff_create_a_draft_with_sanitised_html_and_search_words(staff):
    resource = authoring.create_resource(actor=staff, data=data())

    assert resource.status == ResourceStatus.DRAFT
    assert resource.slug == "responding-to-a-crisis-on-social-media"
    assert resource.author == staff
    assert "<script" not in resource.body_html
    assert "<h2>First hour</h2>" in resource.body_html
    assert "<em>holding</em>" in resource.body_html
    assert resource.search_text == (
        "Responding to a crisis on social media What to post in the first hour. First hour "
        "Post a holding statement.<script>alert(1)</script> Crisis response Facebook "
        "Communication and marketing teams"
    )
    event = AuditEvent.objects.get(action="library.resource.created")
    assert event.after["topics"] == ["crisis-response"]


def test_a_member_may_not_write_resources():
    _, _, member = member_org()

    with pytest.raises(PermissionDenied):
        authoring.create_resource(actor=member, data=data())
    assert not Resource.objects.exists()


def test_an_address_in_use_is_refused_on_its_field(staff):
    make_resource(slug="crisis-guide")

    with pytest.raises(DomainError) as refused:
        authoring.create_resource(actor=staff, data=data(slug="crisis-guide"))

    assert refused.value.field == "slug"
    assert (
        refused.value.message == "Another resource has the address “crisis-guide”: choose another."
    )


def test_an_empty_title_is_refused(staff):
    with pytest.raises(DomainError, match="Give the resource a title."):
        authoring.create_resource(actor=staff, data=data(title="   "))


def test_an_update_is_audited_with_what_changed(staff):
    resource = authoring.create_resource(actor=staff, data=data())

    authoring.update_resource(
        actor=staff, resource=resource, data=data(access=Access.PUBLIC, minutes=15)
    )

    event = AuditEvent.objects.get(action="library.resource.updated")
    assert event.before == {"access": "member", "minutes": 12}
    assert event.after == {"access": "public", "minutes": 15}


def test_publishing_sets_the_date_once(staff):
    resource = authoring.create_resource(actor=staff, data=data())

    authoring.publish(actor=staff, resource=resource)
    resource.refresh_from_db()
    first_date = resource.published_on
    authoring.withdraw(actor=staff, resource=resource)
    authoring.publish(actor=staff, resource=resource)

    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED
    assert resource.published_on == first_date
    actions = list(
        AuditEvent.objects.filter(action__startswith="library.resource.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "library.resource.created",
        "library.resource.published",
        "library.resource.withdrawn",
        "library.resource.published",
    ]


def test_publishing_twice_is_a_conflict(staff):
    resource = make_resource(status=ResourceStatus.PUBLISHED)

    with pytest.raises(Conflict, match="This resource is published already."):
        authoring.publish(actor=staff, resource=resource)


def test_a_resource_without_text_or_file_is_not_published(staff):
    resource = authoring.create_resource(actor=staff, data=data(body=""))

    with pytest.raises(Conflict, match="Write the text or attach a file before publishing."):
        authoring.publish(actor=staff, resource=resource)
    attach_pdf(resource)
    authoring.publish(actor=staff, resource=resource)
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.PUBLISHED


def test_a_contribution_under_review_is_published_through_its_review(staff):
    resource = make_resource(status=ResourceStatus.SUBMITTED)

    with pytest.raises(Conflict, match="publish it by approving it"):
        authoring.publish(actor=staff, resource=resource)


def test_only_a_published_resource_is_withdrawn(staff):
    resource = make_resource(status=ResourceStatus.DRAFT)

    with pytest.raises(Conflict, match="Only a published resource can be withdrawn."):
        authoring.withdraw(actor=staff, resource=resource)
