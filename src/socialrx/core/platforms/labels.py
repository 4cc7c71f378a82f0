"""The platform a spreadsheet column or a form label names."""

from __future__ import annotations

import re

from .vocabulary import Platform, word_set

# Words that say what kind of presence it is, not which platform: "Facebook page".
_FILLER_WORDS = word_set(
    "page pages channel account accounts profile handle com net official our the formerly "
    "company feed"
)
_LABELS: dict[str, str] = {
    **{value: value for value in Platform.values},
    "fb": Platform.FACEBOOK,
    "twitter": Platform.X,
    "xtwitter": Platform.X,
    "twitterx": Platform.X,
    "yt": Platform.YOUTUBE,
    "ig": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "bsky": Platform.BLUESKY,
    "blogs": Platform.BLOG,
    "weblog": Platform.BLOG,
    "podcasts": Platform.PODCAST,
    "applepodcasts": Platform.PODCAST,
}


def platform_from_label(text: str) -> str | None:
    """The platform a spreadsheet column or form label names ("Twitter", "FB", "Linked In",
    "YouTube channel"), ignoring case, spaces and punctuation; None when unknown."""
    if not isinstance(text, str):
        return None
    words = re.findall(r"[a-z0-9]+", text.casefold())
    name = "".join(word for word in words if word not in _FILLER_WORDS)
    found = _LABELS.get(name)
    return None if found is None else str(Platform(found).value)
