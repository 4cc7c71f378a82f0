"""Searching the forums: posts (and threads' titles, through their opening post) whose text
holds every word asked for, among what the person may read (members and staff: every visible
thread; a signed-in guest: the categories open to guests), newest first, with the matches
highlighted in a snippet. Two queries per page (count and page) whatever the data.

A search of only symbols, or a very long one, is answered with a message, not run."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from socialrx.membership.selectors import may_read_member_content

from ..models import Category, Post, Thread
from .forums import may_moderate

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
RESULTS_PER_PAGE = 20
SNIPPET_BEFORE = 80
SNIPPET_LENGTH = 240


@dataclass(frozen=True)
class SearchQuery:
    text: str
    words: tuple[str, ...]
    problem: str = ""  # why the search was not run (empty when it was, or nothing was asked)


def parse_query(raw: str | None) -> SearchQuery:
    text = (raw or "").strip()
    if not text:
        return SearchQuery("", ())
    if len(text) > MAX_QUERY_CHARS:
        return SearchQuery(
            text[:MAX_QUERY_CHARS],
            (),
            f"Your search is {len(text):,} characters long: use at most {MAX_QUERY_CHARS} "
            "(a few words are enough).",
        )
    words: list[str] = []
    for word in re.findall(r"\w+", text.casefold()):
        if word not in words:
            words.append(word)
    if not words:
        return SearchQuery(
            text, (), "Type a word or two to search for: symbols alone match nothing."
        )
    return SearchQuery(text, tuple(words[:MAX_WORDS]))


def _highlighted(text: str, words) -> SafeString:
    """`text` escaped, each occurrence of a word in <mark>."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[start : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        start = match.end()
    pieces.append(escape(text[start:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def snippet(text: str, words) -> SafeString:
    """About SNIPPET_LENGTH characters of `text` around the first match, highlighted."""
    lowered = text.casefold()
    found = [i for i in (lowered.find(word) for word in words) if i >= 0]
    first = min(found) if found else 0
    start = max(first - SNIPPET_BEFORE, 0)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(start + SNIPPET_LENGTH, len(text))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    shown = _highlighted(text[start:end], words)
    return mark_safe(("… " if start else "") + shown + (" …" if end < len(text) else ""))  # noqa: S308


def search_posts(viewer, query: SearchQuery, page_number) -> Page | None:
    """A page of matching posts, each with `snippet` and `title_html`; None when nothing is
    asked or the query has a problem."""
    if not query.words:
        return None
    posts = Post.objects.filter(is_hidden=False, thread__is_hidden=False)
    if not may_read_member_content(viewer):
        posts = posts.filter(thread__category__open_to_guests=True)
    for word in query.words:
        posts = posts.filter(
            Q(search_text__icontains=word) | Q(number=1, thread__title__icontains=word)
        )
    posts = posts.select_related("thread__category", "author").order_by("-created_at", "-pk")
    page = Paginator(posts, RESULTS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for post in page.object_list:
        post.snippet = snippet(post.search_text, query.words)
        post.title_html = _highlighted(post.thread.title, query.words)
    return page


def search_threads(viewer, *, category=None, query: SearchQuery | None = None):
    """The threads the viewer may read (in `category` if given) whose title or one of whose
    visible posts holds each word of `query`, latest activity first; hidden threads for
    moderators only. A queryset (one query a page, with its count)."""
    threads = Thread.objects.select_related("category", "author")
    if not may_moderate(viewer):
        threads = threads.filter(is_hidden=False)
    if category is not None:
        threads = threads.filter(category=category)
    elif not may_read_member_content(viewer):
        threads = threads.filter(
            category__in=Category.objects.filter(open_to_guests=True).values("pk")
        )
    for word in query.words if query else ():
        in_posts = Post.objects.filter(
            thread=OuterRef("pk"), is_hidden=False, search_text__icontains=word
        )
        threads = threads.filter(Q(title__icontains=word) | Q(Exists(in_posts)))
    return threads.order_by("-last_post_at", "-pk")
