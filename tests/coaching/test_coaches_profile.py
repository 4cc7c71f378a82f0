"""Coach profiles: made on the coach's first visit (or by staff) with a unique slug, unlisted,
on the coach's own time zone; kept by the coach or staff only. Refused with a message beside
the field: an unknown time zone ("EST", "Mars/Base"), an http meeting link, a file that is no
image, a photo without a description. A photo is re-encoded under its real format."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from socialrx.coaching.forms_coaches import CoachProfileForm
from socialrx.coaching.models import CoachProfile
from socialrx.coaching.services import coaches as service
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.taxonomy.models import Platform, Topic
from tests.coaching.factories import make_coach
from tests.factories import CoachFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def image_bytes(format: str = "PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=format)
    return buffer.getvalue()


def upload(name="portrait.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


DATA = {
    "headline": "Crisis communications for hospitals",
    "bio": "Ran **social media** at a 12-hospital system.",
    "time_zone": "America/Denver",
    "default_meeting_url": "https://meet.example.org/maya",
    "photo_alt": "",
    "organization_types": ["hospital", "health_system"],
    "accepting_engagements": True,
    "is_listed": True,
}


# --- making a profile -----------------------------------------------------------------------


def test_a_coachs_first_visit_makes_an_unlisted_profile_on_their_zone():
    coach = CoachFactory(full_name="Maya Lindqvist", time_zone="America/Denver")

    profile = service.own_profile(actor=coach)

    assert (profile.user, profile.slug, profile.time_zone, profile.is_listed) == (
        coach,
        "maya-lindqvist",
        "America/Denver",
        False,
    )
    assert service.own_profile(actor=coach) == profile  # the second visit finds it
    assert AuditEvent.objects.filter(action="coaching.coach_profile.created").count() == 1


def test_slugs_are_unique_and_an_unknown_zone_falls_back_to_chicago():
    first = service.own_profile(actor=CoachFactory(full_name="Jo Park"))
    second = service.own_profile(actor=CoachFactory(full_name="Jo Park", time_zone="EST"))

    assert (first.slug, second.slug, second.time_zone) == (
        "jo-park",
        "jo-park-2",
        "America/Chicago",
    )


def test_staff_make_a_profile_for_a_coach_and_only_once(staff):
    coach = CoachFactory(full_name="Omar Haddad")

    profile = service.create_profile(actor=staff, coach=coach)

    assert profile.user == coach
    with pytest.raises(Conflict):
        service.create_profile(actor=staff, coach=coach)


def test_a_person_who_is_not_a_coach_gets_no_profile(staff):
    with pytest.raises(DomainError) as refused:
        service.create_profile(actor=staff, coach=UserFactory())

    assert refused.value.field == "coach"
    assert not CoachProfile.objects.exists()


def test_a_coach_cannot_make_or_edit_someone_elses_profile():
    coach, other = CoachFactory(), make_coach(full_name="Other Coach")

    with pytest.raises(PermissionDenied):
        service.create_profile(actor=coach, coach=CoachFactory())
    with pytest.raises(PermissionDenied):
        service.update_profile(actor=coach, profile=other, data=DATA)
    with pytest.raises(PermissionDenied):
        service.own_profile(actor=UserFactory())


# --- keeping it -----------------------------------------------------------------------------


def test_a_coach_saves_their_profile_and_it_is_audited():
    profile = make_coach(full_name="Maya Lindqvist")
    data = DATA | {
        "platforms": list(Platform.objects.filter(code__in=["facebook", "tiktok"])),
        "topics": list(Topic.objects.filter(slug="crisis-response")),
    }

    saved = service.update_profile(actor=profile.user, profile=profile, data=data)

    saved.refresh_from_db()
    assert (saved.headline, saved.time_zone, saved.default_meeting_url, saved.is_listed) == (
        "Crisis communications for hospitals",
        "America/Denver",
        "https://meet.example.org/maya",
        True,
    )
    assert sorted(p.code for p in saved.platforms.all()) == ["facebook", "tiktok"]
    assert [t.slug for t in saved.topics.all()] == ["crisis-response"]
    assert saved.organization_types == ["hospital", "health_system"]
    event = AuditEvent.objects.get(action="coaching.coach_profile.updated")
    assert (event.before["time_zone"], event.after["time_zone"]) == (
        "America/Chicago",
        "America/Denver",
    )
    assert event.after["platforms"] == ["facebook", "tiktok"]


def test_staff_may_edit_any_coachs_profile():
    profile = make_coach()

    service.update_profile(actor=StaffFactory(), profile=profile, data=DATA)

    profile.refresh_from_db()
    assert profile.headline == "Crisis communications for hospitals"


@pytest.mark.parametrize("zone", ["EST", "Mars/Base", "", "Etc/GMT+5"])
def test_an_unknown_time_zone_is_refused_beside_the_field(zone):
    profile = make_coach()

    with pytest.raises(DomainError) as refused:
        service.update_profile(actor=profile.user, profile=profile, data=DATA | {"time_zone": zone})

    assert refused.value.field == "time_zone"
    assert refused.value.message == (
        f"“{zone}” is not a time zone we know: choose a place from the list, such as "
        "America/Denver (not an abbreviation such as EST)."
    )
    profile.refresh_from_db()
    assert profile.time_zone == "America/Chicago"


@pytest.mark.parametrize(
    "link", ["http://meet.example.org/maya", "javascript:alert(1)", "not a link"]
)
def test_a_meeting_link_must_be_https(link):
    profile = make_coach()

    with pytest.raises(DomainError) as refused:
        service.update_profile(
            actor=profile.user, profile=profile, data=DATA | {"default_meeting_url": link}
        )

    assert (refused.value.field, refused.value.message) == (
        "default_meeting_url",
        "Use a secure link that starts with https://.",
    )


def test_an_unknown_organization_type_is_refused():
    profile = make_coach()

    with pytest.raises(DomainError) as refused:
        service.update_profile(
            actor=profile.user, profile=profile, data=DATA | {"organization_types": ["spa"]}
        )

    assert refused.value.field == "organization_types"


# --- the photo ------------------------------------------------------------------------------


def test_a_photo_is_re_encoded_and_stored_under_its_real_format():
    profile = make_coach()
    # A JPEG sent with a .png name and type is stored as the JPEG it is, scaled to 800 px.
    photo = upload("me.png", image_bytes("JPEG", size=(1600, 1200)), "image/png")

    saved = service.update_profile(
        actor=profile.user,
        profile=profile,
        data=DATA | {"photo_alt": "Maya at a lectern"},
        photo=photo,
    )

    assert saved.photo.name == f"coaching/coaches/{profile.public_id}.jpg"
    with saved.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert (image.format, image.size) == ("JPEG", (800, 600))


def test_a_file_that_is_no_image_is_refused():
    profile = make_coach()

    with pytest.raises(DomainError) as refused:
        service.update_profile(
            actor=profile.user,
            profile=profile,
            data=DATA | {"photo_alt": "Me"},
            photo=upload("me.png", b"%PDF-1.4 not a picture"),
        )

    assert (refused.value.field, refused.value.message) == (
        "photo",
        "Upload a JPEG, PNG or WebP photo; this file is not an image.",
    )
    profile.refresh_from_db()
    assert not profile.photo


def test_a_photo_needs_a_description_and_keeps_needing_one():
    profile = make_coach()

    with pytest.raises(DomainError) as refused:
        service.update_profile(actor=profile.user, profile=profile, data=DATA, photo=upload())
    assert (refused.value.field, refused.value.message) == (
        "photo_alt",
        "Describe the photo for people who cannot see it.",
    )

    service.update_profile(
        actor=profile.user, profile=profile, data=DATA | {"photo_alt": "Maya"}, photo=upload()
    )
    with pytest.raises(DomainError) as still:
        service.update_profile(actor=profile.user, profile=profile, data=DATA)
    assert still.value.field == "photo_alt"

    removed = service.update_profile(
        actor=profile.user, profile=profile, data=DATA, remove_photo=True
    )
    assert not removed.photo


# --- the form -------------------------------------------------------------------------------


def _form(profile, **changes):
    data = {
        "headline": "Crisis communications",
        "bio": "",
        "time_zone": "America/Denver",
        "default_meeting_url": "",
        "photo_alt": "",
        "accepting_engagements": "on",
    } | changes
    files = {"photo": changes.pop("photo")} if "photo" in changes else {}
    data.pop("photo", None)
    return CoachProfileForm(data, files, profile=profile)


@pytest.mark.parametrize("zone", ["EST", "Mars/Base"])
def test_the_form_refuses_an_unknown_time_zone_with_a_message(zone):
    form = _form(make_coach(), time_zone=zone)

    assert form.errors == {
        "time_zone": [
            f"“{zone}” is not a time zone we know: choose a place from the list, such as "
            "America/Denver (not an abbreviation such as EST)."
        ]
    }


def test_the_form_refuses_an_http_link_and_reads_a_bare_host_as_https():
    profile = make_coach()

    assert _form(profile, default_meeting_url="http://meet.example.org/x").errors == {
        "default_meeting_url": ["Use a secure link that starts with https://."]
    }
    form = _form(profile, default_meeting_url="meet.example.org/x")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["default_meeting_url"] == "https://meet.example.org/x"


def test_the_form_refuses_a_photo_that_is_no_image_and_a_photo_without_description():
    profile = make_coach()

    assert _form(profile, photo=upload("x.png", b"GIF89a-but-not-really")).errors == {
        "photo": ["Upload a JPEG, PNG or WebP photo; this file is not an image."]
    }
    assert _form(profile, photo=upload()).errors == {
        "photo_alt": ["Describe the photo for people who cannot see it."]
    }
    assert _form(profile, photo=upload(), photo_alt="Maya smiling").is_valid()
