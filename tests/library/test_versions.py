"""Versions of policy templates and checklists: kept when a changed text is published, listed
and compared line by line for the people who may read the resource (404 for anyone else)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.diff import ADDED, FOLDED, REMOVED, SAME, Line, line_diff
from socialrx.core.models import AuditEvent
from socialrx.library.models import Access, ResourceKind, ResourceStatus, ResourceVersion
from socialrx.library.services import authoring
from socialrx.library.services.authoring import ResourceData
from tests.library.factories import make_resource, member_org

pytestmark = pytest.mark.django_db

V1 = "## Purpose\n\nStaff may post.\n\n## Approval\n\nThe manager approves."
V2 = "## Purpose\n\nStaff may post.\n\n## Approval\n\nCommunications approves <b>every</b> post."


def template_data(resource, body, **changes) -> ResourceData:
    values = {
        "title": resource.title,
        "kind": resource.kind,
        "summary": resource.summary,
        "body": body,
        "slug": resource.slug,
        "access": resource.access,
    }
    values.update(changes)
    return ResourceData(**values)


@pytest.fixture
def template(staff):
    """A member template published as version 1, then changed as version 2."""
    resource = make_resource(
        title="Social media policy",
        kind=ResourceKind.POLICY_TEMPLATE,
        access=Access.MEMBER,
        status=ResourceStatus.DRAFT,
        body=V1,
        slug="social-media-policy",
    )
    authoring.publish(actor=staff, resource=resource)
    authoring.update_resource(
        actor=staff,
        resource=resource,
        data=template_data(resource, V2),
        change_note="Communications approves posts.",
    )
    resource.refresh_from_db()
    return resource


def test_publishing_then_changing_a_template_keeps_two_versions(template):
    versions = list(
        template.versions.order_by("number").values_list("number", "body", "change_note")
    )

    assert versions == [
        (1, V1, "As first published."),
        (2, V2, "Communications approves posts."),
    ]
    assert template.current_version == 2
    assert AuditEvent.objects.filter(action="library.version.created").count() == 2


def test_saving_an_unchanged_text_or_republishing_makes_no_version(staff, template):
    authoring.update_resource(
        actor=staff, resource=template, data=template_data(template, V2, minutes=5)
    )
    authoring.withdraw(actor=staff, resource=template)
    authoring.publish(actor=staff, resource=template)

    assert template.versions.count() == 2


def test_a_template_published_without_versions_keeps_its_first_text(staff):
    resource = make_resource(kind=ResourceKind.CHECKLIST, body="- one\n- two")

    authoring.update_resource(
        actor=staff, resource=resource, data=template_data(resource, "- one\n- three")
    )

    assert list(resource.versions.order_by("number").values_list("number", "body")) == [
        (1, "- one\n- two"),
        (2, "- one\n- three"),
    ]


def test_a_guide_keeps_no_versions(staff):
    resource = make_resource(kind=ResourceKind.GUIDE, status=ResourceStatus.DRAFT)

    authoring.publish(actor=staff, resource=resource)

    assert not ResourceVersion.objects.exists()


def test_the_line_diff_marks_removed_and_added_lines():
    diff = line_diff("a\nb\nc\nd\ne\nf\ng\nh\ni", "a\nb\nc\nd\nE\nf\ng\nh\ni", context=2)

    assert diff.lines == (
        Line(FOLDED, folded=2),
        Line(SAME, "c", old_number=3, new_number=3),
        Line(SAME, "d", old_number=4, new_number=4),
        Line(REMOVED, "e", old_number=5),
        Line(ADDED, "E", new_number=5),
        Line(SAME, "f", old_number=6, new_number=6),
        Line(SAME, "g", old_number=7, new_number=7),
        Line(FOLDED, folded=2),
    )
    assert (diff.added, diff.removed) == (1, 1)


def _member_client(client):
    _, _, member = member_org()
    client.force_login(member)
    return client


def test_a_member_reads_the_versions(client, template):
    response = _member_client(client).get(reverse("library:versions", args=[template.slug]))

    assertContains(response, "<h1>Versions of “Social media policy”</h1>", html=True)
    assertContains(response, "Communications approves posts.")
    assertContains(response, "?from=1&amp;to=2")


def test_the_comparison_shows_what_changed_escaped_and_labelled(client, template):
    url = reverse("library:version_compare", args=[template.slug]) + "?from=1&to=2"

    response = _member_client(client).get(url)

    assertContains(response, "1 line added, 1 line removed.")
    assertContains(
        response,
        '<del><span class="library-diff-sign">− Removed:</span> The manager approves.</del>',
        html=True,
    )
    assertContains(
        response,
        '<ins><span class="library-diff-sign">+ Added:</span> Communications approves '
        "&lt;b&gt;every&lt;/b&gt; post.</ins>",
        html=True,
    )
    assertNotContains(response, "<b>every</b>")


def test_comparing_a_version_with_itself_says_so(client, template):
    url = reverse("library:version_compare", args=[template.slug]) + "?from=2&to=2"

    response = _member_client(client).get(url)

    assertContains(response, "Choose two different versions to see what changed.")


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("?from=1&to=7", "There is no version 7 of this resource."),
        ("?from=one&to=2", "“one” is not a version number."),
        ("?from=-1&to=2", "“-1” is not a version number."),
    ],
)
def test_a_bad_version_number_is_404_with_its_reason(client, template, query, reason):
    url = reverse("library:version_compare", args=[template.slug]) + query

    response = _member_client(client).get(url)

    assertContains(response, reason, status_code=404)


@pytest.mark.parametrize("page", ["library:versions", "library:version_compare"])
def test_people_who_may_not_read_the_template_get_404(client, user, template, page):
    assert client.get(reverse(page, args=[template.slug])).status_code == 404
    client.force_login(user)
    assert client.get(reverse(page, args=[template.slug])).status_code == 404


def test_a_guide_has_no_versions_page(client):
    guide = make_resource(kind=ResourceKind.GUIDE, access=Access.PUBLIC)

    assert client.get(reverse("library:versions", args=[guide.slug])).status_code == 404
