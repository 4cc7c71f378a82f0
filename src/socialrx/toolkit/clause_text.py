"""A clause template's text: its placeholders, filling them, and its Markdown as plain blocks.

- A placeholder is `{{ name }}` with a name from `policy_answers.PLACEHOLDERS`. Filling is a
  plain substitution (no template language: nothing in a clause or an answer is evaluated);
  each value is Markdown-escaped first, so an answer reads as written and never adds a link,
  emphasis or a list.
- `problems(body)` is what the back office refuses on save: unknown placeholders, a role's
  placeholder without "the" right before it (`policy_answers` gives the rule), a stray
  `{{`/`}}` or template tag, and raw HTML (clause text is Markdown; core.markdown.render would
  show a tag as text, and a policy should not carry one), and Markdown headings (the clause's
  title is its heading).
- `blocks(markdown)` reads the filled Markdown as headings, paragraphs and list items of
  plain text, for the DOCX export, the plain text of a version and its comparison."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .policy_answers import PLACEHOLDERS, ROLE_PLACEHOLDERS

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
TEMPLATE_MARKS = re.compile(r"\{\{|\}\}|\{%|%\}")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(\s|$)", re.MULTILINE)
# A role's placeholder and the word before it (policy_answers: "the" always comes first).
ROLE_USE = re.compile(
    r"(\w*)(\s*)\{\{\s*(" + "|".join(map(re.escape, ROLE_PLACEHOLDERS)) + r")\s*\}\}"
)
# CommonMark lets any ASCII punctuation be escaped with a backslash.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
BODY_LIMIT = 20_000


def placeholders_in(body: str) -> list[str]:
    """The placeholder names a body uses, in order, once each."""
    return list(dict.fromkeys(PLACEHOLDER.findall(body or "")))


def problems(body: str) -> list[str]:
    """What is wrong with a clause body, each as a sentence for the person writing it."""
    found: list[str] = []
    if not (body or "").strip():
        return ["Write the clause's text."]
    if len(body) > BODY_LIMIT:
        found.append(f"Keep a clause under {BODY_LIMIT:,} characters.")
    unknown = [name for name in placeholders_in(body) if name not in PLACEHOLDERS]
    if unknown:
        named = ", ".join(f"{{{{ {name} }}}}" for name in unknown)
        known = ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS)
        found.append(
            f"Unknown placeholder{'s' if len(unknown) > 1 else ''} {named}. "
            f"A clause may use: {known}."
        )
    if TEMPLATE_MARKS.search(PLACEHOLDER.sub("", body)):
        found.append(
            "Write a placeholder as {{ name }}, with a name from the list; "
            "other braces and template tags are not allowed."
        )
    bare = [
        name
        for before, space, name in ROLE_USE.findall(body)
        if before not in ("the", "The") or not space
    ]
    if bare:
        named = ", ".join(f"{{{{ {name} }}}}" for name in dict.fromkeys(bare))
        found.append(
            f"Write “the” right before {named}: a role is filled with its title alone "
            "(“Chief Compliance Officer”), so the clause reads “the {{ compliance_role }}”."
        )
    if HEADING_LINE.search(body):
        found.append(
            "A clause's title is its heading: write its text without Markdown headings (#)."
        )
    if HTML_TAG.search(body):
        found.append(
            "Clause text is Markdown: HTML tags (such as <script> or <b>) are not allowed."
        )
    return found


def escape(value: str) -> str:
    """`value` as literal Markdown text, on one line."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def fill(body: str, values: Mapping[str, str]) -> str:
    """The body with each placeholder replaced by its escaped value (a name without a value
    is left as its own escaped text, so it shows rather than vanishes)."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return escape(values[name])
        return escape(match.group(0))

    return PLACEHOLDER.sub(replace, body or "")


# --- Markdown as plain blocks -------------------------------------------------------------------

HEADING, PARAGRAPH, BULLET, NUMBERED = "heading", "paragraph", "bullet", "numbered"


@dataclass(frozen=True)
class Block:
    kind: str  # HEADING, PARAGRAPH, BULLET or NUMBERED
    text: str
    number: int = 0  # a numbered item's number


@functools.cache
def _parser() -> MarkdownIt:
    # The same reading as core.markdown.render (CommonMark, tables, strikethrough, typographer).
    return MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
        ["table", "strikethrough"]
    )


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def blocks(markdown: str) -> list[Block]:
    """The filled Markdown of a clause as blocks of plain text, in order. A list item's first
    paragraph is the item; any further paragraph of it follows as a paragraph."""
    found: list[Block] = []
    lists: list[list] = []  # the open lists, innermost last: [kind, next number]
    item: tuple[str, int] | None = None  # the list item waiting for its text
    heading = False
    for token in _parser().parse(markdown or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            kind = BULLET if token.type == "bullet_list_open" else NUMBERED
            lists.append([kind, int(token.attrGet("start") or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            kind, number = lists[-1]
            item = (kind, number if kind == NUMBERED else 0)
            lists[-1][1] = number + 1
        elif token.type == "heading_open":
            heading = True
        elif token.type == "inline":
            text = _inline_text(token)
            if heading:
                found.append(Block(HEADING, text))
            elif item is not None:
                found.append(Block(item[0], text, item[1]))
            elif text:
                found.append(Block(PARAGRAPH, text))
            heading, item = False, None
    return [block for block in found if block.text]


def plain_lines(markdown: str) -> list[str]:
    """The blocks as lines of text: "• " before a bullet, "1. " before a numbered item."""
    lines = []
    for block in blocks(markdown):
        if block.kind == BULLET:
            lines.append(f"• {block.text}")
        elif block.kind == NUMBERED:
            lines.append(f"{block.number}. {block.text}")
        else:
            lines.append(block.text)
    return lines
