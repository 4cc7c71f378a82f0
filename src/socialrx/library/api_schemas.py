"""What the library API answers with: a page of resources found by a search."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from .selectors.search_params import MAX_QUERY_LENGTH

# Longer queries are cut to MAX_QUERY_LENGTH (and `notices` says so); this bounds the URL.
MAX_PARAM_LENGTH = 10_000


class SearchIn(Schema):
    q: str = Field(
        "",
        max_length=MAX_PARAM_LENGTH,
        description=f"Words to search (web-search syntax: quotes for a phrase, `-word` to "
        f"leave out); the first {MAX_QUERY_LENGTH} characters are used.",
    )
    kind: list[str] = Field([], description="Resource types (any of them).")
    topic: list[str] = Field([], description="Topic slugs (any of them).")
    platform: list[str] = Field([], description="Platform codes (any of them).")
    audience: list[str] = Field([], description="Audience slugs (any of them).")
    sort: str = Field(
        "", max_length=40, description="`relevance` (the default with `q`), `newest`, `most_used`."
    )
    page: int = Field(1, ge=1, le=1_000_000, description="The page, 25 resources a page.")


class TermOut(Schema):
    value: str = Field(
        description="The value to filter by (a topic's or audience's slug, a platform's code)."
    )
    name: str


class ResourceOut(Schema):
    """A published resource the reader may open."""

    slug: str
    title: str
    kind: str = Field(description="`guide`, `policy_template`, `checklist`, `case_study`, …")
    kind_label: str
    access: str = Field(description="`public`, `member` or `premium`.")
    summary: str
    snippet_html: str = Field(
        description="The summary, or a passage of the text around the first match, with the "
        "searched words in <mark>; everything else is escaped HTML."
    )
    minutes: int | None = Field(None, description="Reading, listening or watching time.")
    published_on: date | None
    reviewed_on: date | None
    topics: list[TermOut]
    platforms: list[TermOut]
    audiences: list[TermOut]
    contributed_by: str | None = Field(None, description="The member organization credited.")
    url: str = Field(description="The resource's page.")


class ResourcePageOut(Schema):
    count: int = Field(description="Resources found, on every page.")
    page: int = Field(description="This page's number (a number past the last gives the last).")
    pages: int
    query: str = Field(description="The words searched (cleaned, at most 200 characters).")
    sort: str = Field(description="`relevance`, `newest` or `most_used`.")
    notices: list[str] = Field(description="What was changed in the request, for a person.")
    results: list[ResourceOut]


class EpisodeOut(Schema):
    """One podcast episode the caller may open, with its audio's address and size."""

    season: int
    number: int
    title: str
    summary: str
    published_on: date | None
    duration_seconds: int | None
    explicit: bool
    access: str
    guid: str
    url: str
    audio_url: str
    audio_type: str
    audio_bytes: int
