"""Markdown written by staff, coaches and members (lessons, resources, forum posts) made into
safe HTML: markdown-it-py renders CommonMark with tables (raw HTML in the source is shown as
text, never passed through), then nh3 keeps only an allow-list of tags, attributes and link
schemes, so a `<script>`, an `onerror=` or a `javascript:` link never reaches a page."""

from __future__ import annotations

import functools

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@functools.cache
def _renderer() -> MarkdownIt:
    # "html": False escapes raw HTML in the source; headings start at h2 because the page's
    # own title is the h1.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True}).enable(
        ["table", "strikethrough"]
    )


def _demote_headings(tokens) -> None:
    for token in tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"


def render(source: str) -> str:
    """Sanitised HTML for `source` (Markdown). Safe to print with `|safe`."""
    if not source:
        return ""
    markdown = _renderer()
    tokens = markdown.parse(source)
    _demote_headings(tokens)
    html = markdown.renderer.render(tokens, markdown.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
