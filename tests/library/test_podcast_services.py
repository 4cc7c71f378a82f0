"""save_episode: staff number an episode and choose its audio; the GUID is given once and
kept through renumbering; the duration comes from the audio file; taken numbers, another
resource's audio, a resource that is not an episode and people who are not staff are refused,
with nothing written; each change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import PodcastEpisode
from socialrx.library.services.podcast import save_episode
from tests.library.factories import make_resource
from tests.library.podcast_support import attach_audio, make_episode

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def resource():
    return make_resource(title="Rounds 7: crisis", kind="podcast_episode")


def test_a_new_episode_gets_its_guid_and_the_audio_duration(staff, resource):
    audio = attach_audio(resource, seconds=1834)

    episode = save_episode(
        actor=staff, resource=resource, season=1, number=7, explicit=True, audio_id=audio.pk
    )

    assert episode.guid == f"socialrx-podcast-s1e7-{resource.public_id}"
    assert (episode.duration_seconds, episode.explicit, episode.audio_id) == (1834, True, audio.pk)
    event = AuditEvent.objects.get(action="library.podcast_episode.created")
    assert event.after["season"] == 1 and event.after["number"] == 7
    assert event.after["resource"] == resource.slug


def test_renumbering_keeps_the_guid(staff, resource):
    first = save_episode(
        actor=staff, resource=resource, season=1, number=7, explicit=False, audio_id=None
    )

    again = save_episode(
        actor=staff, resource=resource, season=2, number=1, explicit=False, audio_id=None
    )

    assert again.pk == first.pk
    assert again.guid == f"socialrx-podcast-s1e7-{resource.public_id}"
    assert (again.season, again.number, again.duration_seconds) == (2, 1, None)
    event = AuditEvent.objects.get(action="library.podcast_episode.updated")
    assert (event.before["season"], event.after["season"]) == (1, 2)


def test_taken_numbers_are_refused(staff, resource):
    make_episode(title="Rounds 3", season=1, number=3)

    with pytest.raises(Conflict) as refused:
        save_episode(
            actor=staff, resource=resource, season=1, number=3, explicit=False, audio_id=None
        )

    assert refused.value.field == "number"
    assert not PodcastEpisode.objects.filter(resource=resource).exists()
    assert not AuditEvent.objects.filter(action__startswith="library.podcast_episode").exists()


def test_another_resources_audio_is_refused(staff, resource):
    other = make_resource(title="Other", kind="podcast_episode")
    foreign = attach_audio(other)

    with pytest.raises(DomainError) as refused:
        save_episode(
            actor=staff,
            resource=resource,
            season=1,
            number=1,
            explicit=False,
            audio_id=foreign.pk,
        )

    assert (refused.value.field, refused.value.message) == (
        "audio",
        "Choose one of this episode's audio files.",
    )
    assert not PodcastEpisode.objects.exists()


def test_a_guide_has_no_episode(staff):
    guide = make_resource(title="A guide")

    with pytest.raises(DomainError):
        save_episode(actor=staff, resource=guide, season=1, number=1, explicit=False, audio_id=None)

    assert not PodcastEpisode.objects.exists()


def test_people_who_are_not_staff_are_refused(resource, org_a):
    _, admin, _ = org_a

    with pytest.raises(PermissionDenied):
        save_episode(
            actor=admin, resource=resource, season=1, number=1, explicit=False, audio_id=None
        )

    assert not PodcastEpisode.objects.exists()
