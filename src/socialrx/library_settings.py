"""The library's settings (read by settings.py, kept apart so that file stays one screenful per
concern): the podcast's channel as podcast apps show it, and where the contact form's
messages go. Every value may be set from the environment."""

import os

__all__ = [
    "CENTER_STAFF_EMAIL",
    "LIBRARY_CONTACT_MESSAGES_PER_HOUR",
    "LIBRARY_PODCAST_AUTHOR",
    "LIBRARY_PODCAST_CATEGORY",
    "LIBRARY_PODCAST_DESCRIPTION",
    "LIBRARY_PODCAST_EXPLICIT",
    "LIBRARY_PODCAST_OWNER_EMAIL",
    "LIBRARY_PODCAST_OWNER_NAME",
    "LIBRARY_PODCAST_TITLE",
]


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


# The podcast's channel (the RSS feed at /podcast/feed.xml). Apple and Spotify show the title,
# author and description; the owner's address is where their directories write (never shown
# to listeners). The category is one of Apple's pairs (category, subcategory), see
# https://podcasters.apple.com/support/1691-apple-podcasts-categories.
LIBRARY_PODCAST_TITLE = _env("LIBRARY_PODCAST_TITLE", "SocialRx Rounds")
LIBRARY_PODCAST_DESCRIPTION = _env(
    "LIBRARY_PODCAST_DESCRIPTION",
    "Conversations with hospital communicators, physicians and the center's faculty about "
    "using social media in health care effectively and safely: strategy, policy, privacy, "
    "measurement and the bad days.",
)
LIBRARY_PODCAST_AUTHOR = _env(
    "LIBRARY_PODCAST_AUTHOR", "SocialRx Center for Social Media in Health Care"
)
LIBRARY_PODCAST_OWNER_NAME = _env("LIBRARY_PODCAST_OWNER_NAME", "SocialRx podcast team")
LIBRARY_PODCAST_OWNER_EMAIL = _env("LIBRARY_PODCAST_OWNER_EMAIL", "podcast@socialrx.example")
LIBRARY_PODCAST_CATEGORY = ("Health & Fitness", "Medicine")
LIBRARY_PODCAST_EXPLICIT = _env("LIBRARY_PODCAST_EXPLICIT", "no").lower() in {"1", "yes", "true"}

# The contact form: where its messages are emailed (one address, or several separated by
# commas; empty: every active center staff member), and how many messages one client address
# may send per hour (the form's honeypot catches most robots; this catches the rest).
CENTER_STAFF_EMAIL = _env("CENTER_STAFF_EMAIL", "")
LIBRARY_CONTACT_MESSAGES_PER_HOUR = int(_env("LIBRARY_CONTACT_MESSAGES_PER_HOUR", "5"))
