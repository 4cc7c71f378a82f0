"""Highlighted matches for a page of results: a short passage of the summary (or, when the
words are not in the summary, of the body) around the first match, every searched word wrapped
in <mark> and everything else escaped. Done in Python on the page's rows only.

A word matches the words that start with its stem ("policies" marks "policy", "templates"
marks "template"), which is near enough to what PostgreSQL's English stemming found. A reader
who may not open a resource gets its summary only, never a passage of the body."""

from __future__ import annotations

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

# Characters of context kept before the first match, and the passage's length.
BEFORE = 60
LENGTH = 240
_SUFFIXES = ("ies", "es", "s", "ing", "ed")
# Tags that end a block of text: a space stands for them, so paragraphs do not run together.
_BLOCK = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|br|hr|tr|td|th|blockquote|pre|dd|dt)\b[^>]*>", re.I)


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def pattern(words: tuple[str, ...]) -> re.Pattern | None:
    stems = sorted({stem(word) for word in words if word}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def body_text(body_html: str) -> str:
    """The body's words as plain text (the HTML was sanitised when it was written)."""
    return " ".join(html.unescape(strip_tags(_BLOCK.sub(" ", body_html))).split())


def snippet(summary: str, body_html: str, words: tuple[str, ...], *, may_open: bool) -> SafeString:
    """The passage to show under a result's title, safe to print."""
    found = pattern(words)
    if found is None:
        return mark_safe(escape(summary))  # noqa: S308 - escaped
    if found.search(summary) or not may_open:
        return _marked(summary, found)
    text = body_text(body_html)
    first = found.search(text)
    if first is None:
        return _marked(summary, found)
    start = max(0, first.start() - BEFORE)
    if start:
        # Start at a word's beginning.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    end = min(len(text), start + LENGTH)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > first.end() else end
    passage = _marked(text[start:end], found)
    return mark_safe(  # noqa: S308 - every part is escaped or our own tag
        ("… " if start else "") + passage + (" …" if end < len(text) else "")
    )


def _marked(text: str, found: re.Pattern) -> SafeString:
    parts: list[str] = []
    at = 0
    for match in found.finditer(text):
        parts.append(escape(text[at : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        at = match.end()
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped or our own tag
