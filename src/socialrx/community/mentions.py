"""@mentions in forum posts: how they are written, found and drawn.

Two ways to name a person, both without an autocomplete:

- `@"Dana Whitfield"`: the full name in straight quotes, as it appears on the person's posts;
- `@dana.whitfield`: the full name in lower case with dots for the spaces (a name with a
  hyphen or an apostrophe keeps it: `@mary-kate.o'brien`).

Names are compared without case and with runs of spaces as one. An address such as
`dana@example.org` is not a mention (the `@` must not follow a letter or digit), nor is anything
in code (a fenced block or a `code span`). A name that matches nobody who may read the thread,
or more than one person, is left as it was typed.

A resolved mention is drawn in bold, as a link to the person's directory entry when they are
listed there, before the Markdown is rendered and sanitised like the rest of the post."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Fenced code blocks (``` or ~~~, to the closing fence or the end) and inline code spans.
_CODE = re.compile(r"(^[ \t]*(`{3,}|~{3,}).*?(?:^[ \t]*\2[ \t]*$|\Z)|(`+)[^`].*?\3)", re.M | re.S)
MENTION = re.compile(
    r"(?<![\w@.])@(?:\"(?P<quoted>[^\"\n@]{2,150})\"|(?P<handle>[^\W_][\w'-]*(?:\.[\w'-]+)+))"
)
MAX_MENTIONS = 20
# Characters Markdown would read as markup inside a name shown in bold.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def name_key(name: str) -> str:
    """The form names are compared in: case folded, runs of spaces as one."""
    return " ".join(name.split()).casefold()


def _key_of(match: re.Match) -> tuple[str, str]:
    """(name key, text after the name): a handle's possessive "'s" is not part of the name."""
    if match.group("quoted") is not None:
        return name_key(match.group("quoted")), ""
    handle, suffix = match.group("handle"), ""
    if handle.endswith("'s"):
        handle, suffix = handle[:-2], "'s"
    return name_key(handle.replace(".", " ")), suffix


def _outside_code(source: str, change: Callable[[str], str]) -> str:
    """`source` with `change` applied to the text outside code, code kept as it was."""
    pieces, start = [], 0
    for code in _CODE.finditer(source):
        pieces.append(change(source[start : code.start()]))
        pieces.append(code.group(0))
        start = code.end()
    pieces.append(change(source[start:]))
    return "".join(pieces)


def mentioned_names(source: str) -> list[str]:
    """The name keys mentioned in `source` (Markdown), in order, each once, at most
    MAX_MENTIONS of them."""
    found: list[str] = []

    def collect(text: str) -> str:
        for match in MENTION.finditer(text):
            key = _key_of(match)[0]
            if key not in found:
                found.append(key)
        return text

    _outside_code(source, collect)
    return found[:MAX_MENTIONS]


def _bold(name: str, url: str | None) -> str:
    text = "**@" + _MARKDOWN_SPECIAL.sub(r"\\\1", name) + "**"
    return f"[{text}](<{url}>)" if url else text


def with_mentions(source: str, people: dict[str, tuple[str, str | None]]) -> str:
    """`source` with each mention of a known name (`people`: name key → (full name, directory
    URL or None)) written as bold Markdown (a link when there is a URL)."""
    if not people:
        return source

    def replace(match: re.Match) -> str:
        key, suffix = _key_of(match)
        person = people.get(key)
        return _bold(*person) + suffix if person else match.group(0)

    return _outside_code(source, lambda text: MENTION.sub(replace, text))


def unique_by_name(users: Iterable) -> dict[str, object]:
    """{name key: user} of `users`, leaving out names two people share (ambiguous)."""
    by_key: dict[str, list] = {}
    for user in users:
        by_key.setdefault(name_key(user.full_name), []).append(user)
    return {key: found[0] for key, found in by_key.items() if len(found) == 1}
