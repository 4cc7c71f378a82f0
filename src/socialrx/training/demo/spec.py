"""How the demo's courses are written down: plain data, turned into rows by `courses.py`.

Every module, lesson, question and choice gets a key derived from the course's slug and its
place in the text (`key_for`), so a second demo run finds the rows it made and version 2 of a
course keeps the keys of version 1: a learner's progress carries over, as it would when staff
publish a new version through the authoring pages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import LessonKind, QuestionKind

# The namespace of the demo's keys (uuid5): fixed, so keys are the same on every machine.
KEYS = uuid.UUID("6f1d7c3e-2b8a-4e59-9c1d-5a0e7b3f4d21")


def key_for(*parts: object) -> uuid.UUID:
    return uuid.uuid5(KEYS, "/".join(str(part) for part in parts))


@dataclass(frozen=True)
class Answer:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class Ask:
    """A quiz question: one answer (`single`) or all that apply (`multiple`)."""

    prompt: str
    explanation: str
    answers: tuple[Answer, ...]

    @property
    def kind(self) -> str:
        right = sum(answer.correct for answer in self.answers)
        return QuestionKind.MULTIPLE if right > 1 else QuestionKind.SINGLE


@dataclass(frozen=True)
class Page:
    """A lesson. `name` is its stable name within the course (its key derives from it)."""

    name: str
    title: str
    body: str = ""
    kind: str = LessonKind.TEXT
    minutes: int = 10
    preview: bool = False
    transcript: str = ""
    media: str = ""  # a file of demo/recordings: the lesson's audio
    questions: tuple[Ask, ...] = ()
    passing_percent: int = 80
    max_attempts: int = 3


@dataclass(frozen=True)
class Part:
    """A module of the course."""

    name: str
    title: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Revision:
    """A later version: `page` added to the module named `part`, after the page named
    `after`."""

    note: str
    part: str
    after: str
    page: Page


@dataclass(frozen=True)
class CourseText:
    slug: str
    title: str
    summary: str
    description: str
    level: str
    topics: tuple[str, ...]  # taxonomy Topic slugs
    platforms: tuple[str, ...]  # taxonomy Platform codes
    hours: Decimal
    ce_hours: Decimal
    objectives: tuple[str, ...]
    parts: tuple[Part, ...]
    price_cents: int | None = None  # None: members only
    revisions: tuple[Revision, ...] = field(default=())

    def parts_of_version(self, number: int) -> list[tuple[Part, list[Page]]]:
        """The modules and their lessons as version `number` has them (1 is the first text;
        each revision up to `number` adds its page)."""
        layout = [(part, list(part.pages)) for part in self.parts]
        for revision in self.revisions[: max(0, number - 1)]:
            for part, pages in layout:
                if part.name == revision.part:
                    at = [page.name for page in pages].index(revision.after) + 1
                    pages.insert(at, revision.page)
        return layout

    @property
    def versions(self) -> int:
        return 1 + len(self.revisions)
