"""Library's permission-matrix rows for the podcast (merged in matrix_rows.py): anyone reads
the show page and the RSS feed; staff keep an episode's numbers and audio."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    PUBLIC,
    STAFF,
    STAFF_ONLY,
    Case,
    fixed,
    get,
    only,
    post,
)

STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def podcast_episode(self):
        from tests.library.podcast_support import make_episode  # noqa: PLC0415 - only when a case needs it

        return make_episode(title="Matrix episode", season=9, number=1)


def _show(world) -> str:
    assert world.podcast_episode.audio_id  # the page lists one episode
    return "/podcast/"


def _staff_episode(world) -> str:
    return reverse("library:staff_episode", args=[world.podcast_episode.resource.public_id])


def _renumbered(world) -> bool:
    world.podcast_episode.refresh_from_db()
    return world.podcast_episode.number == 2


ROWS: dict[str, tuple[Case, ...]] = {
    "library:podcast": (get(_show, PUBLIC),),
    "library:podcast_feed": (get(fixed("/podcast/feed.xml"), PUBLIC),),
    "library:staff_episode": (
        get(_staff_episode, STAFF_ONLY),
        post(
            _staff_episode,
            STAFF_ACTION,
            data=lambda world: {
                "season": "9",
                "number": "2",
                "audio": str(world.podcast_episode.audio_id),
            },
            effect=_renumbered,
        ),
    ),
}
