"""The shape of one demo resource (the content modules list them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class R:
    slug: str
    kind: str
    title: str
    summary: str
    body: str
    topics: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    minutes: int | None = None
    access: str = "member"
    # Earlier texts of a template, oldest first: (body, change note) — published as versions.
    history: tuple[tuple[str, str], ...] = ()
    # A file the demo makes for it: "pdf" (the body printed), "audio" (generated speech or
    # a chime), or "" for none.
    attachment: str = ""
