"""The library's back office pages: the list (filters, counts, constant queries), writing and
editing a resource, publishing and withdrawing, files through the page (streamed size limit),
and the month's usage with its CSV."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.library.models import (
    Access,
    DailyUse,
    Resource,
    ResourceFile,
    ResourceKind,
    ResourceStatus,
    UseKind,
)
from tests.library.factories import PDF_BYTES, attach_pdf, make_resource
from tests.library.files_support import padded_pdf, stored_files, upload, use_private_storage

pytestmark = pytest.mark.django_db

HOME = "/staff/library/"


@pytest.fixture(autouse=True)
def storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _edit_url(resource) -> str:
    return reverse("library:staff_resource_edit", args=[resource.public_id])


def test_the_list_counts_every_status_and_filters(staff_client):
    make_resource(title="Crisis guide", status=ResourceStatus.PUBLISHED)
    make_resource(title="Crisis checklist draft", status=ResourceStatus.DRAFT)
    make_resource(title="Hiring guide", status=ResourceStatus.DRAFT)

    response = staff_client.get(HOME, {"status": "draft", "q": "crisis"})

    assertContains(response, "1 resource matching the filters")
    assertContains(response, "Crisis checklist draft")
    assertNotContains(response, "Hiring guide")
    assertContains(response, 'Draft <span class="queue-count">2</span>', html=True)
    assertContains(response, 'Published <span class="queue-count">1</span>', html=True)


def test_an_unknown_filter_value_is_ignored_not_an_error(staff_client):
    make_resource(title="Crisis guide")

    response = staff_client.get(HOME, {"status": "<script>", "kind": "nope"})

    assert response.status_code == 200
    assertContains(response, "Crisis guide")


def test_the_list_runs_the_same_queries_at_two_sizes(staff_client, django_assert_num_queries):
    make_resource(title="Warm up")
    staff_client.get(HOME)  # the session and the person's facts are loaded once

    for _ in range(2):
        attach_pdf(make_resource())
    with django_assert_num_queries(6):
        assert staff_client.get(HOME).status_code == 200
    for _ in range(20):
        attach_pdf(make_resource())
    with django_assert_num_queries(6):
        assert staff_client.get(HOME).status_code == 200


def test_writing_a_resource_saves_a_draft_and_opens_its_page(staff_client):
    response = staff_client.post(
        "/staff/library/resources/new/",
        {
            "title": "Measuring social media ROI",
            "kind": "guide",
            "summary": "What to count and how.",
            "body": "## Count\n\nFollowers are not outcomes.",
            "access": "public",
        },
    )

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _edit_url(resource)
    assert (resource.slug, resource.status) == ("measuring-social-media-roi", "draft")


def test_the_edit_page_shows_the_files_and_what_publishing_needs(staff_client):
    template = make_resource(
        title="Crisis checklist",
        kind=ResourceKind.CHECKLIST,
        status=ResourceStatus.DRAFT,
        body="- Call the manager",
    )
    attached = attach_pdf(template, name="Crisis checklist.pdf")

    response = staff_client.get(_edit_url(template))

    assertContains(response, "<h1>Edit “Crisis checklist”</h1>", html=True)
    assertContains(
        response, reverse("library:file", args=[attached.public_id, "Crisis checklist.pdf"])
    )
    assertContains(response, "Publishing a changed text keeps it as version 1.")
    assertContains(response, "Documents up to 25.0 MB, audio and video up to 500.0 MB.")


def test_the_new_page_asks_for_the_fields(staff_client):
    response = staff_client.get("/staff/library/resources/new/")

    assertContains(response, "<h1>Write a resource</h1>", html=True)
    assertContains(response, "It is sanitised: HTML, scripts and unsafe links are removed")


def test_bad_input_is_shown_on_the_form(staff_client):
    response = staff_client.post(
        "/staff/library/resources/new/", {"title": "", "kind": "guide", "access": "public"}
    )

    assertContains(response, "This field is required.", status_code=400)
    assert not Resource.objects.exists()


def test_the_edit_page_saves_and_keeps_versions_of_a_published_template(staff_client):
    template = make_resource(
        title="Crisis checklist", kind=ResourceKind.CHECKLIST, body="- Call the manager"
    )

    response = staff_client.post(
        _edit_url(template),
        {
            "title": "Crisis checklist",
            "slug": template.slug,
            "kind": "checklist",
            "summary": template.summary,
            "body": "- Call the communications lead",
            "access": "public",
            "change_note": "Who to call first.",
        },
    )

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.current_version == 2
    assert template.versions.get(number=2).change_note == "Who to call first."


def test_publish_and_withdraw_through_the_page(staff_client):
    draft = make_resource(title="Crisis guide", status=ResourceStatus.DRAFT)

    staff_client.post(reverse("library:staff_resource_publish", args=[draft.public_id]))
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.PUBLISHED
    response = staff_client.post(
        reverse("library:staff_resource_withdraw", args=[draft.public_id]), follow=True
    )

    assertContains(response, "“Crisis guide” was withdrawn")
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.WITHDRAWN


def test_a_refused_publication_says_why(staff_client):
    draft = make_resource(status=ResourceStatus.DRAFT, body="")

    response = staff_client.post(
        reverse("library:staff_resource_publish", args=[draft.public_id]), follow=True
    )

    assertContains(response, "Write the text or attach a file before publishing.")


def _upload_url(resource) -> str:
    return reverse("library:staff_file_upload", args=[resource.public_id])


def test_a_file_uploaded_through_the_page(staff_client, storage):
    resource = make_resource()

    response = staff_client.post(
        _upload_url(resource), {"file": upload("policy.docx", PDF_BYTES)}, follow=True
    )

    assertContains(
        response,
        "“policy.docx” was added. Its content is PDF, so it is kept and downloaded as .pdf.",
    )
    assert len(stored_files(storage)) == 1


def test_an_oversized_file_is_stopped_while_streaming_naming_the_limit(staff, storage, settings):
    settings.LIBRARY_DOCUMENT_MAX_MB = 1
    resource = make_resource()
    # A browser sends the CSRF token first, then the file.
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    client.get(_edit_url(resource))
    token = client.cookies["csrftoken"].value

    response = client.post(
        _upload_url(resource),
        {"csrfmiddlewaretoken": token, "file": upload("policy.pdf", padded_pdf(1536 * 1024))},
    )

    assertContains(
        response,
        "This file is 1.5 MB; documents may be up to 1.0 MB. Nothing was saved.",
        status_code=413,
    )
    assert not ResourceFile.objects.exists()
    assert stored_files(storage) == []


def test_a_declared_2_gb_upload_is_refused_before_it_is_read(staff, storage):
    resource = make_resource()
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(
        _upload_url(resource),
        {"file": upload("talk.mp4", b"x")},
        CONTENT_LENGTH=2 * 1024**3,
    )

    assertContains(
        response,
        "This upload is 2.0 GB; audio and video files may be up to 500.0 MB and documents up "
        "to 25.0 MB.",
        status_code=413,
    )
    assert not ResourceFile.objects.exists()


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("application/x-www-form-urlencoded", "file=policy.pdf"),  # read by the NUL check
        ("application/json", '{"file": "policy.pdf"}'),
    ],
)
def test_an_upload_not_sent_as_multipart_is_refused_saying_how(
    staff_client, storage, content_type, data
):
    resource = make_resource()

    response = staff_client.post(_upload_url(resource), data, content_type=content_type)

    assertContains(response, "Send the form as multipart/form-data", status_code=400)
    assert not ResourceFile.objects.exists()
    assert stored_files(storage) == []


def test_a_program_is_refused_through_the_page(staff_client, storage):
    resource = make_resource()

    response = staff_client.post(
        _upload_url(resource), {"file": upload("policy.pdf", b"MZ" + b"\x00" * 300)}
    )

    assertContains(response, "This file&#x27;s content is a Windows program.", status_code=400)
    assert stored_files(storage) == []


def test_files_are_removed_and_moved_through_the_page(staff_client):
    resource = make_resource()
    first, second = attach_pdf(resource, name="a.pdf"), attach_pdf(resource, name="b.pdf")
    ResourceFile.objects.filter(pk=second.pk).update(position=2)
    ResourceFile.objects.filter(pk=first.pk).update(position=1)

    staff_client.post(
        reverse("library:staff_file_move", args=[second.public_id]), {"direction": "up"}
    )
    assert list(resource.files.values_list("original_name", flat=True)) == ["b.pdf", "a.pdf"]
    staff_client.post(reverse("library:staff_file_remove", args=[first.public_id]))
    assert list(resource.files.values_list("original_name", flat=True)) == ["b.pdf"]


@pytest.fixture
def march_uses():
    guide = make_resource(title="Crisis guide", access=Access.PUBLIC)
    template = make_resource(title="Policy template", kind=ResourceKind.POLICY_TEMPLATE)
    for resource, day, kind, count in [
        (guide, date(2025, 3, 2), UseKind.VIEW, 30),
        (guide, date(2025, 3, 9), UseKind.VIEW, 12),
        (guide, date(2025, 3, 9), UseKind.DOWNLOAD, 3),
        (template, date(2025, 3, 31), UseKind.VIEW, 20),
        (template, date(2025, 3, 31), UseKind.DOWNLOAD, 25),
        (template, date(2025, 4, 1), UseKind.DOWNLOAD, 99),  # April: not counted
    ]:
        DailyUse.objects.create(resource=resource, day=day, kind=kind, count=count)


def test_the_usage_of_a_month(staff_client, march_uses, time_machine):
    time_machine.move_to("2025-04-15 12:00:00-05:00")

    response = staff_client.get("/staff/library/usage/", {"month": "2025-03"})

    rows = [(r.title, r.views, r.downloads, r.total) for r in response.context["rows"]]
    assert rows == [("Policy template", 20, 25, 45), ("Crisis guide", 42, 3, 45)]
    assert response.context["totals"] == {"views": 62, "downloads": 28, "resources": 2, "total": 90}
    assertContains(response, "<h1>Usage in March 2025</h1>", html=True)


def test_the_usage_csv(staff_client, march_uses, time_machine):
    time_machine.move_to("2025-04-15 12:00:00-05:00")

    response = staff_client.get("/staff/library/usage/", {"month": "2025-03", "format": "csv"})

    assert response["Content-Disposition"] == 'attachment; filename="library-usage-2025-03.csv"'
    assert response.content.decode().splitlines() == [
        "Title,Kind,Access,Views,Downloads,Total",
        "Policy template,Policy template,Public,20,25,45",
        "Crisis guide,Guide,Public,42,3,45",
    ]
