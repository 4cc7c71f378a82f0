"""The starting text of the site's own pages (About, Contact, Privacy, Terms), kept as Markdown
files in `site_texts/`. The data migration loads them; staff edit the pages afterwards, and a
page that is missing (a database emptied by a test) shows its starting text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from socialrx.core.markdown import render

TEXTS = Path(__file__).resolve().parent / "site_texts"

# key: (title, file): the keys are SitePageKey's values.
PAGES: dict[str, tuple[str, str]] = {
    "about": ("About SocialRx", "about.md"),
    "contact": ("Contact us", "contact.md"),
    "privacy": ("Privacy notice", "privacy.md"),
    "terms": ("Membership terms", "terms.md"),
}


@cache
def starting_text(key: str) -> tuple[str, str, str]:
    """(title, Markdown body, its sanitised HTML) of a page as the center first wrote it."""
    title, name = PAGES[key]
    body = (TEXTS / name).read_text(encoding="utf-8").strip() + "\n"
    return title, body, render(body)


def load(site_page_model) -> None:
    """Create the pages that do not exist yet (never overwrites staff's edits)."""
    for key in PAGES:
        title, body, body_html = starting_text(key)
        site_page_model.objects.get_or_create(
            key=key, defaults={"title": title, "body": body, "body_html": body_html}
        )
