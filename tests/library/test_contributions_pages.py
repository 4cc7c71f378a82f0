"""The member's contribution pages: who may open them, the resource form (only their member
organizations offered; empty or foreign answers refused with nothing written; a file judged by
its content), "Save draft" and "Submit for review", and the contribution's page before and
after submission."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from socialrx.library.models import Resource, ResourceFile
from tests.factories import StaffFactory, org_with_admin
from tests.library.contributions_support import draft_resource
from tests.library.factories import PDF_BYTES, member_org
from tests.library.files_support import EXE, upload, use_private_storage

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHOOSE = reverse("library:contribute")
NEW = reverse("library:contribute_resource")
NEW_CASE_STUDY = reverse("library:contribute_case_study")
MINE = reverse("library:my_contributions")


@pytest.fixture
def member():
    return member_org("Riverside Regional Medical Center")


@pytest.fixture
def storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


def page_of(resource) -> str:
    return reverse("library:contribution", args=[resource.public_id])


def form_data(organization, **changes) -> dict:
    data = {
        "kind": "checklist",
        "title": "Patient photo consent checklist",
        "summary": "What to check before a patient's photo goes online.",
        "body": "## Before you post\n\nAsk for written consent.",
        "minutes": "5",
        "topics": ["policy-legal"],
        "platforms": ["facebook"],
        "audiences": ["communications"],
        "organization": str(organization.public_id),
        "access": "member",
        "save": "1",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url", [CHOOSE, NEW, NEW_CASE_STUDY, MINE])
def test_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)

    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("url", [CHOOSE, NEW, NEW_CASE_STUDY])
def test_a_person_of_no_member_organization_is_told_why(client, url):
    _organization, admin = org_with_admin(name="Hillcrest Clinic")
    client.force_login(admin)

    response = client.get(url)

    assert response.status_code == 403
    assert "Contributions come from member organizations" in response.content.decode()


def test_the_choice_page_offers_a_resource_or_a_case_study(client, member):
    client.force_login(member[2])

    page = client.get(CHOOSE).content.decode()

    assert f'href="{NEW}"' in page
    assert f'href="{NEW_CASE_STUDY}"' in page


def test_the_form_offers_only_the_persons_member_organizations(client, member):
    organization, _admin, person = member
    elsewhere, _a, _m = member_org("Lakeside Family Physicians")
    client.force_login(person)

    page = client.get(NEW).content.decode()

    assert f'value="{organization.public_id}"' in page
    assert str(elsewhere.public_id) not in page
    assert "Podcast episode" not in page  # the center's own recordings are not offered


def test_saving_a_new_resource_keeps_a_draft(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(NEW, form_data(organization))

    resource = Resource.objects.get()
    assert (response.status_code, response.url) == (302, page_of(resource))
    assert (resource.status, resource.author, resource.contributed_by_organization) == (
        "draft",
        person,
        organization,
    )
    page = client.get(response.url).content.decode()
    assert "Draft saved." in page
    assert "Submit for review" in page


def test_submitting_from_the_new_form_sends_it_to_staff(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    organization, _admin, person = member
    StaffFactory(email="reviewer@socialrx.example")
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, form_data(organization, save="", submit="1"))

    resource = Resource.objects.get()
    assert (response.status_code, resource.status) == (302, "submitted")
    assert [mail.to for mail in mailoutbox] == [["reviewer@socialrx.example"]]


def test_empty_required_answers_are_shown_and_nothing_is_written(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(
        NEW, form_data(organization, title="", summary="", body="", topics=[], kind="")
    )

    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Write the title.",
        "Write a short summary.",
        "Write the text or attach a file.",
        "Choose at least one topic.",
        "Choose the kind of resource.",
    ):
        assert message in page
    assert Resource.objects.count() == 0


def test_crediting_an_organization_the_person_is_not_in_is_refused(client, member):
    _organization, _admin, person = member
    elsewhere, _a, _m = member_org("Lakeside Family Physicians")
    client.force_login(person)

    response = client.post(NEW, form_data(elsewhere))

    assert response.status_code == 400
    assert "Credit one of your member organizations." in response.content.decode()
    assert Resource.objects.count() == 0


def test_a_pdf_is_attached_to_the_contribution(client, member, storage):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(
        NEW, form_data(organization, body="", file=upload("consent.pdf", PDF_BYTES))
    )

    assert response.status_code == 302
    attached = ResourceFile.objects.get()
    assert (attached.original_name, attached.content_type) == ("consent.pdf", "application/pdf")
    assert attached.resource.contributed_by_organization == organization


def test_a_program_named_pdf_is_refused_with_why_and_nothing_is_written(client, member, storage):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(NEW, form_data(organization, file=upload("policy.pdf", EXE)))

    assert response.status_code == 400
    assert "This file&#x27;s content is a Windows program." in response.content.decode()
    assert (Resource.objects.count(), ResourceFile.objects.count()) == (0, 0)


# --- the contribution's page ----------------------------------------------------------------


def test_the_author_edits_the_draft_on_its_page(client, member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)
    client.force_login(person)

    assert 'name="title" value="Patient photo consent checklist"' in (
        client.get(page_of(resource)).content.decode()
    )
    response = client.post(page_of(resource), form_data(organization, title="Consent, in short"))

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Consent, in short"


def test_once_submitted_the_page_is_read_only_and_a_second_submit_is_refused(client, member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)
    client.force_login(person)
    client.post(page_of(resource), form_data(organization, save="", submit="1"))

    page = client.get(page_of(resource)).content.decode()
    again = client.post(page_of(resource), form_data(organization, save="", submit="1"))

    assert "Submitted for review: staff will read it" in page
    assert 'name="title"' not in page
    assert again.status_code == 409
    assert "already submitted" in again.content.decode()


def test_someone_of_another_organization_finds_nothing(client, member):
    organization, _admin, person = member
    resource = draft_resource(person, organization)
    _elsewhere, other_admin, _other = member_org("Lakeside Family Physicians")
    client.force_login(other_admin)

    assert client.get(page_of(resource)).status_code == 404
    assert client.post(page_of(resource), form_data(organization, title="X")).status_code == 404
    resource.refresh_from_db()
    assert resource.title == "Patient photo consent checklist"


def test_a_colleague_reads_it_but_may_not_change_it(client, member):
    organization, admin, person = member
    resource = draft_resource(admin, organization)  # written by the admin
    client.force_login(person)  # a member of the organization, not its admin

    page = client.get(page_of(resource))
    post = client.post(page_of(resource), form_data(organization, title="X"))

    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()
    assert post.status_code == 403


def test_once_published_the_page_links_to_the_library(client, member):
    from socialrx.library.services.contribution_reviews import approve_contribution  # noqa: PLC0415
    from tests.library.contributions_support import submitted_resource  # noqa: PLC0415

    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    approve_contribution(actor=StaffFactory(), resource=resource, access="public", note="Lovely")
    client.force_login(person)

    page = client.get(page_of(resource)).content.decode()

    assert 'href="/library/r/patient-photo-consent-checklist/"' in page
    assert "Lovely" in page
    assert 'name="title"' not in page


def test_my_contributions_lists_mine_and_my_organizations_with_staffs_notes(client, member):
    from socialrx.library.services.contribution_reviews import request_changes  # noqa: PLC0415
    from tests.library.contributions_support import submitted_resource  # noqa: PLC0415

    organization, admin, person = member
    mine = submitted_resource(person, organization, title="My checklist")
    request_changes(actor=StaffFactory(), resource=mine, note="Shorten the intro.")
    draft_resource(admin, organization, title="The admin's guide")
    elsewhere, other_admin, _other = member_org("Lakeside Family Physicians")
    draft_resource(other_admin, elsewhere, title="Someone else's")
    client.force_login(person)

    page = client.get(MINE).content.decode()

    assert "My checklist" in page
    assert "Shorten the intro." in page
    assert "Changes requested" in page
    assert "The admin&#x27;s guide" in page
    assert "Someone else" not in page


def test_the_upload_form_still_needs_its_csrf_token(member):
    organization, _admin, person = member
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)

    response = client.post(NEW, form_data(organization))

    assert response.status_code == 403
    assert Resource.objects.count() == 0


NOT_MULTIPART = "Send the form as multipart/form-data"


def _not_multipart(client, url, data, content_type):
    if content_type == "application/x-www-form-urlencoded":
        data = urlencode(data, doseq=True)  # read by the NUL check before the view
    return client.post(url, data, content_type=content_type)


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "application/json"])
def test_a_new_resource_not_sent_as_multipart_is_refused_saying_how(client, member, content_type):
    organization, _admin, person = member
    client.force_login(person)

    response = _not_multipart(client, NEW, form_data(organization), content_type)

    assert response.status_code == 400
    assert NOT_MULTIPART in response.content.decode()
    assert Resource.objects.count() == 0


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "application/json"])
def test_a_draft_not_sent_as_multipart_is_refused_and_unchanged(client, member, content_type):
    organization, _admin, person = member
    resource = draft_resource(person, organization)
    client.force_login(person)

    response = _not_multipart(
        client, page_of(resource), form_data(organization, title="Changed"), content_type
    )

    assert response.status_code == 400
    assert NOT_MULTIPART in response.content.decode()
    resource.refresh_from_db()
    assert resource.title == "Patient photo consent checklist"


def test_a_broken_multipart_body_is_refused_saying_so(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(NEW, b"--x\r\nbroken", content_type="multipart/form-data; boundary=")

    assert response.status_code == 400
    assert "The upload was incomplete: try again." in response.content.decode()
    assert Resource.objects.count() == 0


@pytest.mark.parametrize("size", [1, 3])
def test_my_contributions_take_the_same_queries_whatever_their_number(
    client, member, size, django_assert_num_queries
):
    from socialrx.library.services.contribution_reviews import request_changes  # noqa: PLC0415
    from tests.library.contributions_support import submitted_resource  # noqa: PLC0415

    organization, admin, person = member
    staff = StaffFactory()
    for number in range(size):
        sent_back = submitted_resource(person, organization, title=f"Checklist {number}")
        request_changes(actor=staff, resource=sent_back, note="Shorter.")
        draft_resource(admin, organization, title=f"Guide {number}")
    client.force_login(person)
    client.get(MINE)

    with django_assert_num_queries(6):
        response = client.get(MINE)

    assert response.status_code == 200
