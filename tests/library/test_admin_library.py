"""The library's admin pages are read-only, and a resource's files show their name, type and
size only: never a link to the private storage."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import UserFactory, give_mfa
from tests.library.factories import attach_pdf, make_resource
from tests.library.files_support import use_private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


@pytest.mark.parametrize("who", ["superuser", "staff"])
def test_a_resources_files_are_listed_without_a_link_to_their_storage(client, staff, who):
    person = staff
    if who == "superuser":
        person = UserFactory(is_staff=True, is_superuser=True)
        give_mfa(person)
    resource = make_resource(title="Crisis checklist")
    attached = attach_pdf(resource, name="Crisis checklist.pdf")
    client.force_login(person)

    response = client.get(f"/admin/library/resource/{resource.pk}/change/")

    assertContains(response, "Crisis checklist.pdf")
    assertContains(response, "application/pdf")
    assertNotContains(response, attached.file.name)
    assertNotContains(response, "/media/")
    assertNotContains(response, "Save")  # read-only


def test_staff_may_not_add_resources_in_the_admin(client, staff):
    client.force_login(staff)

    assert client.get("/admin/library/resource/add/").status_code == 403
