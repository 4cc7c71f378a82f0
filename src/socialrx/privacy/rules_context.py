"""What the rules read around a candidate: the sentence it sits in (our own splitter, which
knows "Dr." and "St." do not end one) and the cue words nearest it (rules_vocabulary.py)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex as re

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dr|Dra|Drs|Mr|Mrs|Ms|Mx|Sr|Sra|Srta|Jr|St|Mt|Ft|Prof|Rev|No|vs|etc|Ave|Blvd|Rd|"
    r"Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Hon|Fr|Sta|"
    r"Apt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|"
    r"Sat|Sun|[A-Z])|\b(?:e\.g|i\.e))\.$"
)
_TIME_OF_DAY = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s)|\n+")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


class Context:
    """One field's text with its sentences, for cue look-ups around a candidate span."""

    def __init__(self, text: str):
        self.text = text
        self.sentences = _sentences(text)
        self._starts = [s.start for s in self.sentences]

    def sentence_index(self, start: int) -> int:
        return max(0, bisect.bisect_right(self._starts, start) - 1)

    def sentence(self, start: int, neighbours: int = 0) -> Span:
        index = self.sentence_index(start)
        first = self.sentences[max(0, index - neighbours)]
        last = self.sentences[min(len(self.sentences) - 1, index + neighbours)]
        return Span(first.start, last.end)

    def before(self, start: int, *, limit: int = 60) -> str:
        """The text before `start` in its sentence (at most `limit` characters)."""
        sentence = self.sentence(start)
        return self.text[max(sentence.start, start - limit) : start]

    def after(self, end: int, *, limit: int = 60) -> str:
        sentence = self.sentence(max(0, end - 1))
        return self.text[end : min(sentence.end, end + limit)]

    def cue(self, pattern: re.Pattern, start: int, end: int, *, neighbours: int = 0) -> str | None:
        """The cue word of `pattern` nearest the span within its sentence (and `neighbours`
        sentences either side), outside the span itself; None if there is none."""
        scope = self.sentence(start, neighbours)
        best, best_distance = None, None
        for match in pattern.finditer(self.text, scope.start, scope.end):
            if match.start() < end and match.end() > start:
                continue
            distance = start - match.end() if match.end() <= start else match.start() - end
            if best_distance is None or distance < best_distance:
                best, best_distance = match.group(0), distance
        return best

    def cue_within(self, pattern: re.Pattern, start: int, end: int, chars: int) -> str | None:
        """The cue nearest the span within `chars` characters of it, across sentences."""
        window_start, window_end = max(0, start - chars), min(len(self.text), end + chars)
        found = [
            m
            for m in pattern.finditer(self.text, window_start, window_end)
            if m.end() <= start or m.start() >= end
        ]
        if not found:
            return None
        nearest = min(found, key=lambda m: start - m.end() if m.end() <= start else m.start() - end)
        return nearest.group(0)


def _sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(0) == "." and _TIME_OF_DAY.search(
            text, max(0, match.start() - 4), match.start() + 1
        ):
            if not re.match(r"\s+[A-Z]", text[match.end() : match.end() + 3]):
                continue
        elif match.group(0) == "." and _ABBREVIATIONS.search(
            text, max(0, match.start() - 6), match.start() + 1
        ):
            continue
        spans.append(Span(start, match.end()))
        start = match.end()
    if start < len(text) or not spans:
        spans.append(Span(start, len(text)))
    return spans
