"""A person's profile and API tokens; the staff's directory of people and center roles."""

import io
import os

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from socialrx.accounts import services
from socialrx.accounts.models import ApiToken, User, hash_token
from socialrx.core.models import AuditEvent
from tests.factories import CoachFactory, StaffFactory, UserFactory, give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PROFILE_URL = reverse("profile")
CREATE_TOKEN_URL = reverse("create_token")
DIRECTORY_URL = reverse("people_directory")
PROFILE = {
    "full_name": "Dana Lee",
    "professional_title": "Director of Digital Communications",
    "credentials": "MPH",
    "specialty": "",
    "time_zone": "America/Denver",
}


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def roles_url(person) -> str:
    return reverse("center_roles", args=[person.public_id])


def png(size=(8, 8), noise=False) -> SimpleUploadedFile:
    image = (
        Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        if noise
        else Image.new("RGB", size, "teal")
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


# --- profile --------------------------------------------------------------------------------


def test_a_person_sees_their_profile_and_tokens(client, user):
    services.create_api_token(user=user, name="Monthly report")
    client.force_login(user)

    response = client.get(PROFILE_URL)

    assert response.status_code == 200
    assert response.context["form"].instance == user
    assert [token.name for token in response.context["tokens"]] == ["Monthly report"]
    assert b"Monthly report" in response.content


def test_a_visitor_is_sent_to_sign_in_for_the_profile(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PROFILE_URL}"


def test_a_person_saves_their_profile(client, user):
    client.force_login(user)

    response = client.post(PROFILE_URL, PROFILE)

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    assert messages_of(response) == ["Your profile was saved."]
    saved = User.objects.get(pk=user.pk)
    assert (saved.full_name, saved.credentials, saved.time_zone) == (
        "Dana Lee",
        "MPH",
        "America/Denver",
    )


def test_a_visitor_cannot_save_a_profile(client):
    response = client.post(PROFILE_URL, PROFILE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert User.objects.filter(full_name="Dana Lee").count() == 0


def test_an_unknown_time_zone_is_shown_beside_the_field_and_nothing_is_saved(client, user):
    client.force_login(user)

    response = client.post(PROFILE_URL, {**PROFILE, "time_zone": "Mars/Olympus_Mons"})

    message = "Select a valid choice. Mars/Olympus_Mons is not one of the available choices."
    assert response.status_code == 400
    assert response.context["form"].errors == {"time_zone": [message]}
    assert f'<span class="field-error" id="id_time_zone_error">{message}</span>' in (
        response.content.decode()
    )
    assert User.objects.get(pk=user.pk).full_name == user.full_name


def test_a_profile_post_cannot_grant_a_center_role(client, user):
    client.force_login(user)

    client.post(PROFILE_URL, {**PROFILE, "is_staff": "on", "is_coach": "on"})

    assert User.objects.get(pk=user.pk).center_roles == []


def test_a_person_uploads_a_photo(client, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user)

    response = client.post(PROFILE_URL, {**PROFILE, "photo": png()})

    assert response.status_code == 302
    saved = User.objects.get(pk=user.pk)
    assert saved.photo.name == f"profile-photos/{user.public_id}.png"
    assert (tmp_path / saved.photo.name).is_file()


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(client, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user)
    fake = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")

    response = client.post(PROFILE_URL, {**PROFILE, "photo": fake})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["photo"]
    assert User.objects.get(pk=user.pk).photo.name == ""


def test_a_photo_over_two_megabytes_is_refused(client, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user)
    big = png(size=(1000, 1000), noise=True)
    assert big.size > 2 * 1024 * 1024

    response = client.post(PROFILE_URL, {**PROFILE, "photo": big})

    assert response.status_code == 400
    assert response.context["form"].errors == {"photo": ["The photo must be 2 MB or smaller."]}
    assert User.objects.get(pk=user.pk).photo.name == ""


# --- API tokens -----------------------------------------------------------------------------


def test_a_new_token_is_shown_once_and_stored_hashed(client, user):
    client.force_login(user)

    response = client.post(CREATE_TOKEN_URL, {"name": "Monthly report"})

    assert response.status_code == 200
    raw = response.context["raw"]
    token = ApiToken.objects.get(user=user)
    assert token.token_hash == hash_token(raw)
    assert raw.encode() in response.content
    assert raw.encode() not in client.get(PROFILE_URL).content


def test_a_token_without_a_name_is_refused_with_a_message(client, user):
    client.force_login(user)

    response = client.post(CREATE_TOKEN_URL, {"name": ""})

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    assert messages_of(response) == ["This field is required."]
    assert ApiToken.objects.count() == 0


def test_the_twenty_first_token_is_refused_with_a_message(client, user):
    for n in range(20):
        services.create_api_token(user=user, name=f"Script {n}")
    client.force_login(user)

    response = client.post(CREATE_TOKEN_URL, {"name": "One too many"})

    assert response.status_code == 302
    assert messages_of(response) == ["You have 20 active tokens. Revoke one first."]
    assert user.api_tokens.count() == 20


def test_a_visitor_cannot_create_a_token(client):
    response = client.post(CREATE_TOKEN_URL, {"name": "Script"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert ApiToken.objects.count() == 0


def test_creating_a_token_needs_a_post(client, user):
    client.force_login(user)

    assert client.get(CREATE_TOKEN_URL).status_code == 405


def test_a_person_revokes_their_token(client, user):
    token, raw = services.create_api_token(user=user, name="Monthly report")
    client.force_login(user)

    response = client.post(reverse("revoke_token", args=[token.pk]))

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    assert messages_of(response) == ["The token “Monthly report” was revoked."]
    assert services.user_for_api_token(raw) is None


def test_nobody_can_revoke_someone_elses_token(client, user):
    token, raw = services.create_api_token(user=user, name="Monthly report")
    client.force_login(UserFactory())

    response = client.post(reverse("revoke_token", args=[token.pk]))

    assert response.status_code == 302
    assert messages_of(response) == ["Token not found."]
    assert services.user_for_api_token(raw) == user


# --- the staff's directory of people --------------------------------------------------------


def test_staff_see_everyone_with_their_center_roles(client, staff, coach, user):
    client.force_login(staff)

    response = client.get(DIRECTORY_URL)

    assert response.status_code == 200
    people = list(response.context["page"].object_list)
    assert people == sorted([staff, coach, user], key=lambda person: person.email)
    assert b"Coach / trainer" in response.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "DANA"}, ["dana.lee@example-health.org"]),
        ({"q": "okafor"}, ["james@example-health.org"]),
        ({"role": "coach"}, ["james@example-health.org"]),
        ({"q": "dana", "role": "coach"}, []),
        ({"role": "wizard"}, ["dana.lee@example-health.org", "james@example-health.org"]),
    ],
    ids=["email", "name", "role", "both", "unknown role ignored"],
)
def test_staff_search_the_directory_by_name_email_or_role(client, db, query, expected):
    staff_member = StaffFactory(email="zed.staff@center.example")
    give_mfa(staff_member)
    UserFactory(email="dana.lee@example-health.org", full_name="Dana Lee")
    CoachFactory(email="james@example-health.org", full_name="James Okafor")
    client.force_login(staff_member)

    response = client.get(DIRECTORY_URL, query)

    emails = [person.email for person in response.context["page"].object_list]
    assert [email for email in emails if email != staff_member.email] == expected


@pytest.mark.parametrize("who", ["user", "coach", "researcher"])
def test_only_staff_see_the_directory(client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(DIRECTORY_URL)

    assert response.status_code == 403
    assert b"You do not have access to this page" in response.content


def test_the_directory_makes_as_many_queries_for_five_people_as_for_one(client, staff):
    client.force_login(staff)
    client.get(DIRECTORY_URL)  # warm the per-process caches

    with CaptureQueriesContext(connection) as with_one:
        assert client.get(DIRECTORY_URL).status_code == 200
    UserFactory.create_batch(4)
    with CaptureQueriesContext(connection) as with_five:
        response = client.get(DIRECTORY_URL)

    assert response.context["page"].paginator.count == 5
    assert len(with_five) == len(with_one)


def test_the_directory_pages_by_twenty_five(client, staff):
    UserFactory.create_batch(25)
    client.force_login(staff)

    first = client.get(DIRECTORY_URL)
    second = client.get(DIRECTORY_URL, {"page": "2"})
    beyond = client.get(DIRECTORY_URL, {"page": "99"})

    assert (len(first.context["page"]), len(second.context["page"])) == (25, 1)
    assert beyond.context["page"].number == 2


# --- center roles ---------------------------------------------------------------------------


def test_staff_open_a_persons_roles_with_the_current_ones_ticked(client, staff, coach):
    client.force_login(staff)

    response = client.get(roles_url(coach))

    assert response.status_code == 200
    assert response.context["person"] == coach
    assert response.context["form"].initial == {"roles": ["coach"]}


def test_staff_grant_roles_and_the_grant_is_audited(client, staff, user):
    client.force_login(staff)

    response = client.post(roles_url(user), {"roles": ["coach", "researcher"]})

    assert response.status_code == 302
    assert response["Location"] == DIRECTORY_URL
    assert messages_of(response) == [f"Center roles of {user} were saved."]
    assert User.objects.get(pk=user.pk).center_roles == ["coach", "researcher"]
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.after) == (
        "accounts.user.center_roles_changed",
        staff,
        {"roles": ["coach", "researcher"]},
    )


def test_staff_withdraw_every_role_by_ticking_none(client, staff, coach):
    client.force_login(staff)

    # A browser always sends the CSRF token, so the form arrives bound with no role ticked.
    response = client.post(roles_url(coach), {"csrfmiddlewaretoken": "from-the-page"})

    assert response.status_code == 302

    assert User.objects.get(pk=coach.pk).center_roles == []


@pytest.mark.parametrize("who", ["user", "coach"])
def test_only_staff_may_grant_roles(client, request, who):
    actor = request.getfixturevalue(who)
    target = UserFactory()
    client.force_login(actor)

    response = client.post(roles_url(target), {"roles": ["staff"]})

    assert response.status_code == 403
    assert User.objects.get(pk=target.pk).center_roles == []
    assert AuditEvent.objects.count() == 0


def test_staff_removing_their_own_staff_role_see_why_beside_the_roles(client, staff):
    client.force_login(staff)

    response = client.post(roles_url(staff), {"roles": ["coach"]})

    assert response.status_code == 200
    assert response.context["form"].errors == {"roles": ["You cannot remove your own staff role."]}
    assert b"You cannot remove your own staff role." in response.content
    assert User.objects.get(pk=staff.pk).center_roles == ["staff"]


def test_an_unknown_role_is_refused_beside_the_roles(client, staff, user):
    client.force_login(staff)

    response = client.post(roles_url(user), {"roles": ["wizard"]})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "roles": ["Select a valid choice. wizard is not one of the available choices."]
    }
    assert User.objects.get(pk=user.pk).center_roles == []


def test_the_roles_of_an_unknown_person_are_not_found(client, staff):
    client.force_login(staff)

    response = client.get("/staff/people/00000000-0000-0000-0000-000000000000/roles/")

    assert response.status_code == 404
