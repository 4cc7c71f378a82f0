"""Which video addresses a lesson may embed, and the CSP that frames them."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from socialrx.core.errors import DomainError
from socialrx.training.embeds import allow_embed_frames, csp_frame_sources, normalise_embed_url

NOCOOKIE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", NOCOOKIE),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&list=PL123&index=2", NOCOOKIE),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", NOCOOKIE),
        ("https://youtu.be/dQw4w9WgXcQ", NOCOOKIE),
        ("https://youtu.be/dQw4w9WgXcQ?t=90", NOCOOKIE + "?start=90"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", NOCOOKIE + "?start=90"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", NOCOOKIE),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", NOCOOKIE),
        ("  https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ ", NOCOOKIE),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://www.vimeo.com/channels/staffpicks/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)  # fmt: skip
def test_links_become_player_addresses(given, expected):
    assert normalise_embed_url(given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "Enter the address of the video to embed."),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", "Only secure (https://) video addresses"),
        ("javascript:alert(1)", "Only secure (https://) video addresses"),
        ("https://evil.example.com/embed/1", "Videos from evil.example.com cannot be embedded."),
        ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "Videos from www.youtube"),
        ("https://user@www.youtube.com/watch?v=dQw4w9WgXcQ", "That is not a web address"),
        ("https://www.youtube.com:8443/embed/dQw4w9WgXcQ", "Video addresses with a port number"),
        ("https://www.youtube.com:99999/embed/x", "That is not a web address"),
        ("https://www.youtube.com/channel/UC123", "That link is not one video"),
        ("https://www.youtube.com/watch?v=short", "That link is not one video"),
        ("https://vimeo.com/about", "That link is not one video"),
        ("https://youtu.be/dQw4w9WgXcQ\nhttps://evil.example", "That is not a video address"),
        ("https://[::1/", "That is not a web address"),
    ],
)  # fmt: skip
def test_other_addresses_are_refused_with_the_reason(given, message):
    with pytest.raises(DomainError) as refusal:
        normalise_embed_url(given)
    assert refusal.value.message.startswith(message)
    assert refusal.value.field == "embed_url"


def test_a_host_added_to_the_settings_is_embedded_as_given(settings):
    settings.TRAINING_EMBED_HOSTS = [*settings.TRAINING_EMBED_HOSTS, "fast.wistia.net"]
    url = "https://fast.wistia.net/embed/iframe/abc123?videoFoam=true"
    assert normalise_embed_url(url) == url


def test_youtube_is_refused_when_its_player_is_not_allowed(settings):
    settings.TRAINING_EMBED_HOSTS = ["player.vimeo.com"]
    with pytest.raises(DomainError, match="Allowed hosts: player.vimeo.com."):
        normalise_embed_url("https://youtu.be/dQw4w9WgXcQ")


def test_frame_sources_are_the_hosts_origins(settings):
    settings.TRAINING_EMBED_HOSTS = ["www.youtube-nocookie.com", "player.vimeo.com"]
    assert csp_frame_sources() == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_the_decorator_adds_the_hosts_to_frame_src(settings):
    settings.TRAINING_EMBED_HOSTS = ["player.vimeo.com"]
    view = allow_embed_frames(lambda request: HttpResponse("ok"))

    response = view(RequestFactory().get("/"))

    assert response._csp_update == {"frame-src": ["https://player.vimeo.com"]}
