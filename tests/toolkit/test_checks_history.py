"""Saving a check from the page, an organization's history of checks, one saved check and
deleting it: the organization's alone (another's is not found), and the history's queries do
not grow with its rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.core.models import AuditEvent
from socialrx.toolkit.models import SavedCheck
from tests.factories import SeatFactory, UserFactory
from tests.toolkit.factories import SavedCheckFactory, make_check_member

pytestmark = pytest.mark.django_db

DRAFT = "So proud of our patient Maria Lopez, admitted on March 3 to room 412!"


@pytest.fixture
def riverside(org_a):
    organization, admin, member = org_a
    make_check_member(organization)
    return organization, admin, member


def history_url(organization) -> str:
    return reverse("toolkit:check_history", args=[organization.public_id])


def saved_url(saved) -> str:
    return reverse("toolkit:saved_check", args=[saved.organization.public_id, saved.public_id])


def delete_url(saved) -> str:
    return reverse(
        "toolkit:saved_check_delete", args=[saved.organization.public_id, saved.public_id]
    )


def test_a_member_saves_a_check_and_lands_on_it(client, riverside):
    organization, _, member = riverside
    client.force_login(member)
    response = client.post(
        reverse("toolkit:check_save"),
        {"text": DRAFT, "image_description": "", "organization": str(organization.public_id)},
    )
    saved = SavedCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == saved_url(saved)
    assert (saved.organization, saved.saved_by, saved.draft) == (organization, member, DRAFT)
    assert AuditEvent.objects.filter(action="toolkit.check.saved").count() == 1
    page = client.get(saved_url(saved)).content.decode()
    assert 'Maria Lopez<span class="check-mark-label">' in page
    assert "history of checks" in page  # the success message


def test_a_person_of_no_member_organization_is_told_they_cannot_save(client, org_b):
    organization, admin = org_b
    client.force_login(admin)
    response = client.post(
        reverse("toolkit:check_save"),
        {"text": DRAFT, "organization": str(organization.public_id)},
    )
    assert response.status_code == 400
    assert "Choose one of your member organizations." in response.content.decode()
    assert SavedCheck.objects.count() == 0


def test_saving_to_another_organization_is_refused(client, riverside, org_b):
    _, _, member = riverside
    client.force_login(member)
    response = client.post(
        reverse("toolkit:check_save"),
        {"text": DRAFT, "organization": str(org_b[0].public_id)},
    )
    assert response.status_code == 400
    assert SavedCheck.objects.count() == 0


def test_a_one_megabyte_save_is_refused_before_it_is_read(client, riverside):
    organization, _, member = riverside
    client.force_login(member)
    response = client.post(
        reverse("toolkit:check_save"),
        {"text": "x" * 1_000_000, "organization": str(organization.public_id)},
    )
    assert response.status_code == 413
    assert SavedCheck.objects.count() == 0


def test_a_draft_holding_a_character_that_is_not_text_is_not_saved(client, riverside):
    organization, _, member = riverside
    client.force_login(member)
    # A form in the charset unicode_escape: Django decodes "\\ud800" to a lone surrogate.
    boundary = "save-boundary"
    fields = {"text": "Maria \\ud800 was admitted", "organization": str(organization.public_id)}
    body = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        )
        + f"--{boundary}--\r\n"
    )
    response = client.generic(
        "POST",
        reverse("toolkit:check_save"),
        body.encode("ascii"),
        content_type=f"multipart/form-data; boundary={boundary}; charset=unicode_escape",
    )
    assert response.status_code == 422
    assert "contains a character that is not valid text" in response.content.decode()
    assert SavedCheck.objects.count() == 0
    assert not AuditEvent.objects.filter(action="toolkit.check.saved").exists()


def test_the_history_lists_date_person_counts_and_first_words(client, riverside, org_b):
    organization, _, member = riverside
    member.full_name = "Emily Sorensen"
    member.save()
    SavedCheckFactory(organization=organization, saved_by=member)
    SavedCheckFactory(organization=org_b[0], draft="Lakeside's own draft")
    client.force_login(member)
    response = client.get(history_url(organization))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Emily Sorensen" in page
    assert "Welcome home, Maria Lopez! Our team is proud of you." in page
    assert "Lakeside" not in page.split("<main", 1)[1]
    assert [saved.identifier_count for saved in response.context["page"].object_list] == [1]


def test_the_history_is_newest_first(client, riverside):
    organization, _, member = riverside
    now = timezone.now()
    SavedCheckFactory(organization=organization, draft="Older draft", saved_at=now - timedelta(1))
    SavedCheckFactory(organization=organization, draft="Newer draft", saved_at=now)
    client.force_login(member)
    rows = client.get(history_url(organization)).context["page"].object_list
    assert [row.opening for row in rows] == ["Newer draft", "Older draft"]


def test_another_organizations_history_and_check_are_not_found(client, riverside, org_b):
    saved = SavedCheckFactory(organization=riverside[0], saved_by=riverside[2])
    client.force_login(org_b[1])
    assert client.get(history_url(riverside[0])).status_code == 404
    assert client.get(saved_url(saved)).status_code == 404
    assert client.post(delete_url(saved)).status_code == 404
    assert SavedCheck.objects.count() == 1


def test_a_check_asked_for_under_another_organization_is_not_found(client, riverside, org_b):
    # org B's person asks for org B's address with org A's check id: not found either.
    theirs = SavedCheckFactory(organization=riverside[0])
    client.force_login(org_b[1])
    url = reverse("toolkit:saved_check", args=[org_b[0].public_id, theirs.public_id])
    assert client.get(url).status_code == 404


def test_center_staff_do_not_read_an_organizations_checks(client, riverside, staff):
    saved = SavedCheckFactory(organization=riverside[0])
    client.force_login(staff)
    assert client.get(history_url(riverside[0])).status_code == 404
    assert client.get(saved_url(saved)).status_code == 404


def test_the_saved_check_shows_what_was_found_then(client, riverside):
    organization, _, member = riverside
    saved = SavedCheckFactory(organization=organization, saved_by=member)
    client.force_login(member)
    page = client.get(saved_url(saved)).content.decode()
    assert "1 identifier found" in page
    assert "A person&#x27;s name in a post about care." in page
    assert "Delete this check" in page


def test_the_saver_deletes_and_the_deletion_is_audited(client, riverside):
    organization, _, member = riverside
    saved = SavedCheckFactory(organization=organization, saved_by=member)
    client.force_login(member)
    response = client.post(delete_url(saved))
    assert response.status_code == 302
    assert response["Location"] == history_url(organization)
    assert SavedCheck.objects.count() == 0
    assert AuditEvent.objects.filter(action="toolkit.check.deleted").count() == 1


def test_a_colleague_reads_but_may_not_delete(client, riverside):
    organization, _, member = riverside
    colleague = SeatFactory(organization=organization).user
    saved = SavedCheckFactory(organization=organization, saved_by=member)
    client.force_login(colleague)
    page = client.get(saved_url(saved)).content.decode()
    assert "Delete this check" not in page
    assert client.post(delete_url(saved)).status_code == 403
    assert SavedCheck.objects.count() == 1


def test_deleting_needs_a_post(client, riverside):
    saved = SavedCheckFactory(organization=riverside[0], saved_by=riverside[2])
    client.force_login(riverside[2])
    assert client.get(delete_url(saved)).status_code == 405


def test_the_history_pages_need_a_sign_in(client, riverside):
    response = client.get(history_url(riverside[0]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _history_queries(client, organization) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(history_url(organization))
    assert response.status_code == 200
    return len(queries)


def test_the_history_reads_a_fixed_number_of_queries_however_many_rows(client, riverside):
    organization, _, member = riverside
    client.force_login(member)
    for _ in range(2):
        SavedCheckFactory(organization=organization, saved_by=UserFactory())
    few = _history_queries(client, organization)
    for _ in range(20):
        SavedCheckFactory(organization=organization, saved_by=UserFactory())
    many = _history_queries(client, organization)
    # The session and the person, the organization and the person's seats, the count, the
    # person's memberships (the menus) and the page of checks with who saved each.
    assert few == many == 7


def test_the_history_list_never_reads_the_whole_drafts(client, riverside):
    organization, _, member = riverside
    SavedCheckFactory(organization=organization, draft="Start of the draft " + "z" * 5_000)
    client.force_login(member)
    (row,) = client.get(history_url(organization)).context["page"].object_list
    assert {"draft", "findings", "risks", "image_description"} <= row.get_deferred_fields()
    assert row.opening == "Start of the draft " + "z" * 121  # the first 140 characters
