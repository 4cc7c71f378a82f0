"""GET /api/v1/library/podcast/episodes: the episodes with audio a caller may listen to,
newest first: public ones without credentials, member ones for members; drafts and episodes
without audio never."""

from __future__ import annotations

import pytest

from tests.library.factories import member_org
from tests.library.podcast_support import MP3, make_episode

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/library/podcast/episodes"


@pytest.fixture
def show():
    make_episode(title="Why hospitals hesitate", number=1)
    make_episode(title="Answering patients", number=2, seconds=605, explicit=True)
    make_episode(title="For members", number=3, access="member")
    make_episode(title="Still a draft", number=4, status="draft")
    make_episode(title="No audio yet", number=5, audio=False)


def test_a_visitor_gets_the_public_episodes_with_their_audio(client, show):
    response = client.get(URL)

    assert response.status_code == 200
    episodes = response.json()
    assert [(e["number"], e["title"]) for e in episodes] == [
        (2, "Answering patients"),
        (1, "Why hospitals hesitate"),
    ]
    newest = episodes[0]
    assert newest["duration_seconds"] == 605
    assert newest["explicit"] is True
    assert newest["access"] == "public"
    assert newest["audio_type"] == "audio/mpeg"
    assert newest["audio_bytes"] == len(MP3)
    assert newest["audio_url"].startswith("/library/files/")
    assert newest["audio_url"].endswith("/s1e2.mp3")
    assert newest["guid"].startswith("socialrx-podcast-s1e2-")


def test_a_member_also_gets_the_member_episodes(client, show):
    _, _, member = member_org()
    client.force_login(member)

    episodes = client.get(URL).json()

    assert [e["title"] for e in episodes] == [
        "For members",
        "Answering patients",
        "Why hospitals hesitate",
    ]


def test_the_list_costs_the_same_queries_for_two_and_five_episodes(
    client, django_assert_num_queries
):
    make_episode(title="One", number=1)
    make_episode(title="Two", number=2)
    with django_assert_num_queries(1):
        assert len(client.get(URL).json()) == 2
    for number in (3, 4, 5):
        make_episode(title=f"Episode {number}", number=number)
    with django_assert_num_queries(1):
        assert len(client.get(URL).json()) == 5
