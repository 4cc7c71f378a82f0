"""The podcast's show page (artwork, description, the feed's address to copy, episodes newest
first with their numbers, length, notes and a player; member-only episodes for members only)
and staff's episode page (numbers, explicit flag and audio of a podcast resource; refused
beside the field when the numbers are taken; 404 for a resource that is not an episode)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.library.models import PodcastEpisode
from tests.library.factories import make_resource, member_org
from tests.library.podcast_support import attach_audio, make_episode

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

SHOW = "/podcast/"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://socialrx.example.org"
    settings.LIBRARY_PODCAST_TITLE = "SocialRx Rounds"


def _episode_url(resource) -> str:
    return reverse("library:staff_episode", args=[resource.public_id])


def test_the_show_page_lists_public_episodes_newest_first_with_a_player(client):
    older = make_episode(title="Rounds 1: why hospitals hesitate", number=1, seconds=125)
    newer = make_episode(title="Rounds 2: answering patients", number=2, seconds=3725)
    make_episode(title="Members only", number=3, access="member")
    make_episode(title="Not yet", number=4, status="draft")

    response = client.get(SHOW)

    assert response.status_code == 200
    assert [e.resource.title for e in response.context["page"].object_list] == [
        "Rounds 2: answering patients",
        "Rounds 1: why hospitals hesitate",
    ]
    html = response.content.decode()
    assert "<h1>SocialRx Rounds</h1>" in html
    assert 'value="https://socialrx.example.org/podcast/feed.xml" readonly' in html
    assert "Season 1 · Episode 2" in html
    assert "1:02:05" in html and "2:05" in html
    assert "Summary of Rounds 2: answering patients." in html
    assert (
        f'<audio controls preload="none" src="/library/files/{newer.audio.public_id}/s1e2.mp3"'
        in html
    )
    assert f'href="/library/r/{older.resource.slug}/"' in html
    assert "Members only" not in html and "Not yet" not in html


def test_members_also_hear_member_episodes(client):
    make_episode(title="Public one", number=1)
    make_episode(title="For members", number=2, access="member")
    _, _, member = member_org()
    client.force_login(member)

    titles = [e.resource.title for e in client.get(SHOW).context["page"].object_list]

    assert titles == ["For members", "Public one"]
    assert "Members only" in client.get(SHOW).content.decode()


def test_no_episodes_yet(client):
    response = client.get(SHOW)

    assert "The first episodes are being recorded" in response.content.decode()


@pytest.mark.parametrize("count", [1, 4])
def test_show_page_queries_do_not_grow(client, django_assert_num_queries, count):
    for number in range(1, count + 1):
        make_episode(title=f"Episode {number}", number=number)

    # The count for the pages, and the episodes with their resources and audio.
    with django_assert_num_queries(2):
        assert client.get(SHOW).status_code == 200


# --- staff's episode page ---------------------------------------------------------------


@pytest.fixture
def podcast_resource():
    resource = make_resource(title="Rounds 5: the bad day", kind="podcast_episode")
    return resource, attach_audio(resource, name="bad-day.mp3", seconds=1500)


def test_staff_number_a_new_episode_and_choose_its_audio(client, staff, podcast_resource):
    resource, audio = podcast_resource
    make_episode(title="Earlier", season=2, number=4)
    client.force_login(staff)

    page = client.get(_episode_url(resource))
    assert page.status_code == 200
    assert page.context["form"].initial == {"season": 2, "number": 5}
    assert "bad-day.mp3 (25:00, 410\xa0bytes)" in page.content.decode()

    response = client.post(
        _episode_url(resource), {"season": "2", "number": "5", "audio": str(audio.pk)}
    )

    assert response.status_code == 302
    episode = PodcastEpisode.objects.get(resource=resource)
    assert (episode.season, episode.number, episode.audio, episode.duration_seconds) == (
        2,
        5,
        audio,
        1500,
    )
    assert episode.explicit is False
    assert episode.guid == f"socialrx-podcast-s2e5-{resource.public_id}"
    assert (
        "In the public feed and on the podcast page"
        in client.get(_episode_url(resource)).content.decode()
    )


def test_taken_numbers_are_refused_beside_the_field(client, staff, podcast_resource):
    resource, audio = podcast_resource
    make_episode(title="Rounds 3: measuring", season=1, number=3)
    client.force_login(staff)

    response = client.post(
        _episode_url(resource), {"season": "1", "number": "3", "audio": str(audio.pk)}
    )

    assert response.status_code == 409
    assert response.context["form"].errors["number"] == [
        "Season 1 already has an episode 3: “Rounds 3: measuring”. Choose another number, "
        "or renumber that episode first."
    ]
    assert not PodcastEpisode.objects.filter(resource=resource).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"season": "0", "number": "1"},
            "season",
            "Ensure this value is greater than or equal to 1.",
        ),
        ({"season": "1", "number": "abc"}, "number", "Enter a whole number."),
        (
            {"season": "1", "number": "1", "audio": "999999"},
            "audio",
            "Select a valid choice. 999999 is not one of the available choices.",
        ),
    ],
)
def test_bad_input_is_refused(client, staff, podcast_resource, data, field, message):
    resource, _ = podcast_resource
    client.force_login(staff)

    response = client.post(_episode_url(resource), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not PodcastEpisode.objects.exists()


def test_a_resource_that_is_not_an_episode_has_no_episode_page(client, staff):
    guide = make_resource(title="A guide")
    client.force_login(staff)

    assert client.get(_episode_url(guide)).status_code == 404
