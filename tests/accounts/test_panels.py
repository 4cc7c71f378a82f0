"""The dashboard's next steps: a name for the profile, and two-factor authentication only for
a person who has not set it up."""

import pytest

from tests.factories import UserFactory, give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/dashboard/"
TEMPLATE = "accounts/panels/account.html"


def steps(response) -> list[str] | None:
    shown = [s["context"] for s in response.context["panels"] if s["panel"].template == TEMPLATE]
    return [title for title, _, _ in shown[0]["steps"]] if shown else None


def test_a_person_without_a_name_or_two_factor_is_asked_for_both(client):
    client.force_login(UserFactory(full_name=""))

    assert steps(client.get(URL)) == ["Complete your profile", "Set up two-factor authentication"]


def test_a_person_with_two_factor_on_is_not_asked_to_set_it_up(client):
    person = UserFactory(full_name="")
    give_mfa(person)
    client.force_login(person)

    response = client.get(URL)

    assert steps(response) == ["Complete your profile"]
    assert b"two-factor" not in response.content.lower().split(b"<main")[1]


def test_nothing_left_to_do_leaves_the_panel_out(client):
    person = UserFactory()
    give_mfa(person)
    client.force_login(person)

    assert steps(client.get(URL)) is None


def test_center_roles_have_two_factor_already_and_are_not_asked(client, researcher):
    client.force_login(researcher)

    assert steps(client.get(URL)) is None
