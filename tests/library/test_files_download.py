"""Downloading a resource's file (library:file): only people who may read the resource get it
(everyone else a 404, visitors included, whatever the address); byte ranges; documents as
attachments, audio inline; a download counted once per fetch from the start."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as project_settings
from django.urls import reverse

from socialrx.library.models import (
    Access,
    DailyUse,
    ResourceKind,
    ResourceStatus,
    UseKind,
)
from socialrx.library.services import files as file_services
from tests.library.factories import PDF_BYTES, attach_pdf, make_resource, member_org
from tests.library.files_support import MP3, upload, use_private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


@pytest.fixture
def member_template():
    resource = make_resource(
        title="Social media policy", kind=ResourceKind.POLICY_TEMPLATE, access=Access.MEMBER
    )
    return resource, attach_pdf(resource, name="Social media policy.pdf")


def url(attached, name="Social media policy.pdf"):
    return reverse("library:file", args=[attached.public_id, name])


def downloads(resource) -> int:
    row = DailyUse.objects.filter(resource=resource, kind=UseKind.DOWNLOAD).first()
    return row.count if row else 0


def test_a_member_downloads_a_member_only_template(client, member_template):
    resource, attached = member_template
    _, _, member = member_org()
    client.force_login(member)

    response = client.get(url(attached))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Social media policy.pdf"'
    assert response["Cache-Control"] == "private"
    assert downloads(resource) == 1


def test_a_visitor_gets_404_for_a_member_only_file(client, member_template):
    resource, attached = member_template

    response = client.get(url(attached))

    assert response.status_code == 404
    assert downloads(resource) == 0


def test_a_signed_in_non_member_gets_404(client, user, member_template):
    _, attached = member_template
    client.force_login(user)

    assert client.get(url(attached)).status_code == 404


def test_a_file_of_a_draft_is_for_staff_only(client, staff):
    draft = make_resource(status=ResourceStatus.DRAFT, access=Access.PUBLIC)
    attached = attach_pdf(draft)
    _, _, member = member_org()
    client.force_login(member)
    assert client.get(url(attached)).status_code == 404

    client.force_login(staff)
    assert client.get(url(attached)).status_code == 200


def test_the_file_is_outside_media_and_not_served_from_its_storage_path(client, member_template):
    _, attached = member_template
    private_root = Path(project_settings.STORAGES["private"]["OPTIONS"]["location"]).resolve()
    media_root = Path(project_settings.MEDIA_ROOT).resolve()

    assert not private_root.is_relative_to(media_root)
    assert client.get(project_settings.MEDIA_URL + attached.file.name).status_code == 404
    assert client.get("/" + attached.file.name).status_code == 404


def test_a_byte_range_is_206_and_counted_once(client, member_template):
    resource, attached = member_template
    _, _, member = member_org()
    client.force_login(member)

    first = client.get(url(attached), headers={"Range": "bytes=0-9"})
    later = client.get(url(attached), headers={"Range": "bytes=10-"})

    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-9/{len(PDF_BYTES)}"
    assert b"".join(first.streaming_content) == b"%PDF-1.4\n1"
    assert later.status_code == 206
    assert downloads(resource) == 1


def test_a_head_request_is_not_a_download(client, member_template):
    resource, attached = member_template
    _, _, member = member_org()
    client.force_login(member)

    assert client.head(url(attached)).status_code == 200
    assert downloads(resource) == 0


def test_any_name_in_the_address_serves_the_file_under_its_own_name(client, member_template):
    _, attached = member_template
    _, _, member = member_org()
    client.force_login(member)

    response = client.get(url(attached, name="renamed.exe"))

    assert response["Content-Disposition"] == 'attachment; filename="Social media policy.pdf"'


def test_public_podcast_audio_plays_inline_and_may_be_cached(client, staff):
    episode = make_resource(kind=ResourceKind.PODCAST_EPISODE, access=Access.PUBLIC)
    audio = file_services.add_file(user=staff, resource=episode, uploaded=upload("e1.mp3", MP3))

    response = client.get(url(audio, name="e1.mp3"))

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "public, max-age=3600"


def test_member_only_audio_stays_private(client, staff):
    episode = make_resource(kind=ResourceKind.PODCAST_EPISODE, access=Access.MEMBER)
    audio = file_services.add_file(user=staff, resource=episode, uploaded=upload("e1.mp3", MP3))
    client.force_login(staff)

    response = client.get(url(audio, name="e1.mp3"))

    assert response["Cache-Control"] == "private"
