"""The coach's own profile page (made on the first visit, saved, errors beside the fields, an
oversized upload refused before it is read) and staff's coaches: the list (every coach, with
or without a profile, expertise, status, free hours, engagements; constant queries), making a
profile for a coach, and editing any coach's profile."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from socialrx.coaching.models import CoachProfile, EngagementStatus
from socialrx.taxonomy.models import Platform, Topic
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import CoachFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (10, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), "image/png")


def _post(**changes) -> dict:
    return {
        "headline": "Crisis communications for hospitals",
        "bio": "Ran social media at a 12-hospital system.",
        "time_zone": "America/Denver",
        "platforms": [Platform.objects.get(code="facebook").pk],
        "topics": [Topic.objects.get(slug="crisis-response").pk],
        "organization_types": ["hospital"],
        "default_meeting_url": "https://meet.example.org/maya",
        "photo_alt": "",
        "accepting_engagements": "on",
        "is_listed": "on",
    } | changes


# --- the coach's own page -------------------------------------------------------------------


def test_a_coachs_first_visit_makes_their_profile(client, coach):
    client.force_login(coach)

    response = client.get(reverse("coaching:coach_profile"))

    assert response.status_code == 200
    profile = CoachProfile.objects.get(user=coach)
    assert response.context["profile"] == profile
    assert "Not listed on the public page" in response.content.decode()


def test_a_coach_saves_their_profile(client, coach):
    client.force_login(coach)

    response = client.post(
        reverse("coaching:coach_profile"), _post(photo=png(), photo_alt="Maya smiling")
    )

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("coaching:coach_profile")
    profile = CoachProfile.objects.get(user=coach)
    assert (profile.headline, profile.time_zone, profile.is_listed, profile.photo_alt) == (
        "Crisis communications for hospitals",
        "America/Denver",
        True,
        "Maya smiling",
    )
    assert profile.photo.name == f"coaching/coaches/{profile.public_id}.png"


def test_errors_are_shown_beside_their_fields_and_nothing_is_saved(client, coach):
    client.force_login(coach)

    response = client.post(
        reverse("coaching:coach_profile"),
        _post(time_zone="EST", default_meeting_url="http://meet.example.org/x", photo=png()),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert '<span class="field-error" id="id_time_zone_error">“EST” is not a time zone' in html
    assert "Use a secure link that starts with https://." in html
    assert "Describe the photo for people who cannot see it." in html
    assert CoachProfile.objects.get(user=coach).headline == ""


def test_an_upload_larger_than_any_photo_is_refused_before_it_is_read(client, coach):
    client.force_login(coach)

    response = client.post(
        reverse("coaching:coach_profile"), _post(), CONTENT_LENGTH=str(6 * 1024 * 1024)
    )

    assert response.status_code == 413
    assert "The photo must be 5 MB or smaller." in response.content.decode()


def test_people_who_do_not_coach_have_no_profile_page(client):
    client.force_login(UserFactory())

    assert client.get(reverse("coaching:coach_profile")).status_code == 403
    assert not CoachProfile.objects.exists()


# --- staff's list ---------------------------------------------------------------------------


def test_the_list_shows_every_coach_their_expertise_status_free_time_and_engagements(client, staff):
    maya = make_coach(
        full_name="Maya Lindqvist",
        platforms=("facebook",),
        topics=("crisis-response",),
        organization_types=("hospital",),
    )
    CoachProfile.objects.filter(pk=maya.pk).update(accepting_engagements=False, is_listed=False)
    organization, _admin, _member = member_org()
    make_engagement(organization, [maya], status=EngagementStatus.ACTIVE)
    make_engagement(organization, [maya], status=EngagementStatus.COMPLETED)
    CoachFactory(full_name="Newly Appointed")
    client.force_login(staff)

    response = client.get(reverse("coaching:staff_coaches"))

    rows = {row.user.full_name: row for row in response.context["rows"]}
    assert set(rows) == {"Maya Lindqvist", "Newly Appointed"}
    assert (rows["Maya Lindqvist"].active_engagements, rows["Maya Lindqvist"].engagements) == (1, 2)
    # office hours: 7 h a weekday; the next 28 days hold 20 weekdays, the first maybe partly
    assert 19 * 7 * 60 <= rows["Maya Lindqvist"].free_minutes <= 20 * 7 * 60
    assert (rows["Newly Appointed"].profile, rows["Newly Appointed"].free_text) == (None, "—")
    html = response.content.decode()
    assert "Facebook · Crisis response · Hospital" in html
    assert '<span class="badge badge-warning">Not accepting</span>' in html
    assert '<span class="badge">Unlisted</span>' in html
    assert "1 active" in html and "(2 in all)" in html
    assert '<span class="badge badge-warning">No profile</span>' in html
    assert reverse("coaching:staff_coach_new") in html


@pytest.mark.parametrize("count", [2, 6])
def test_the_list_takes_the_same_queries_for_2_and_6_coaches(
    client, staff, django_assert_num_queries, count
):
    organization, _admin, _member = member_org()
    for number in range(count):
        coach = make_coach(full_name=f"Coach {number}", platforms=("facebook", "x"))
        make_engagement(organization, [coach])
    CoachFactory(full_name="Without Profile")
    client.force_login(staff)

    # session, person, their authenticator (the staff MFA gate); coaches with profiles and
    # engagement counts, platforms, topics; windows, exceptions, commitments; whether any
    # coach lacks a profile
    with django_assert_num_queries(10):
        response = client.get(reverse("coaching:staff_coaches"))

    assert len(response.context["rows"]) == count + 1


def test_free_time_excludes_commitments(client, staff):
    maya = make_coach(full_name="Maya Lindqvist")
    organization, _admin, _member = member_org()
    engagement = make_engagement(organization, [maya])
    client.force_login(staff)
    free_before = client.get(reverse("coaching:staff_coaches")).context["rows"][0].free_minutes
    # 15:00 UTC on a weekday a week ahead is 9:00 or 10:00 in Chicago: inside office hours
    starts = (timezone.now() + timedelta(days=7)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    while starts.weekday() >= 5:
        starts += timedelta(days=1)
    make_session(engagement, coach=maya, starts_at=starts)

    free_after = client.get(reverse("coaching:staff_coaches")).context["rows"][0].free_minutes

    assert free_before - free_after == 60


# --- making and editing profiles ------------------------------------------------------------


def test_staff_make_a_profile_for_a_coach_then_fill_it_in(client, staff):
    person = CoachFactory(full_name="Omar Haddad")
    make_coach(full_name="Has One")
    client.force_login(staff)

    page = client.get(reverse("coaching:staff_coach_new") + f"?coach={person.pk}")
    assert [user.full_name for user in page.context["form"].fields["coach"].queryset] == [
        "Omar Haddad"
    ]
    response = client.post(reverse("coaching:staff_coach_new"), {"coach": person.pk})

    profile = CoachProfile.objects.get(user=person)
    assert response.headers["Location"] == reverse(
        "coaching:staff_coach_edit", args=[profile.public_id]
    )
    assert client.post(reverse("coaching:staff_coach_new"), {"coach": person.pk}).status_code == 400


def test_staff_edit_any_coachs_profile(client, staff):
    profile = make_coach(full_name="Maya Lindqvist")
    client.force_login(staff)

    assert (
        client.get(reverse("coaching:staff_coach_edit", args=[profile.public_id])).status_code
        == 200
    )
    response = client.post(reverse("coaching:staff_coach_edit", args=[profile.public_id]), _post())

    assert response.headers["Location"] == reverse("coaching:staff_coaches")
    profile.refresh_from_db()
    assert profile.headline == "Crisis communications for hospitals"


def test_an_unknown_coach_is_not_found(client, staff):
    client.force_login(staff)
    missing = "00000000-0000-0000-0000-000000000000"

    assert client.get(reverse("coaching:staff_coach_edit", args=[missing])).status_code == 404


@pytest.mark.parametrize("name", ["coaching:staff_coaches", "coaching:staff_coach_new"])
def test_coaches_cannot_reach_staffs_pages(client, coach, name):
    client.force_login(coach)

    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("count", [2, 6])
def test_the_profile_pages_take_the_same_queries_however_much_expertise(
    client, coach, staff, django_assert_num_queries, count
):
    profile = CoachProfile.objects.create(user=coach, slug="maya-lindqvist")
    profile.platforms.set(Platform.objects.all()[:count])
    profile.topics.set(Topic.objects.all()[:count])

    client.force_login(coach)
    # session, person, authenticator (the MFA gate); the profile; its platforms and topics
    # (the form's ticks); the person's seats (the menu); every platform and topic (the boxes)
    with django_assert_num_queries(9):
        client.get(reverse("coaching:coach_profile"))
    client.force_login(staff)
    # the same, with the profile's platforms and topics prefetched, and no seats read for the
    # staff menu
    with django_assert_num_queries(8):
        client.get(reverse("coaching:staff_coach_edit", args=[profile.public_id]))
