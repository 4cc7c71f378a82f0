"""Redaction: each identifier in a text replaced by its kind ("[NAME] was discharged [DATE]")."""

from __future__ import annotations

from collections.abc import Iterable

from .detect import find_identifiers
from .kinds import Finding


def redact(text: str, findings: Iterable[Finding] | None = None) -> str:
    """`text` with every finding of field "text" replaced by its kind in capitals: "[NAME]",
    "[DATE]", "[RECORD_NUMBER]"... With `findings=None` the text is checked first
    (detect.find_identifiers). Findings of the image description are ignored (they are not
    in this text); overlapping findings are redacted together, under the kind of the first.
    Raises ValueError for a finding outside the text."""
    if findings is None:
        findings = find_identifiers(text)
    spans = sorted((f for f in findings if f.field == "text"), key=lambda f: (f.start, -f.end))
    pieces: list[str] = []
    cursor = 0
    for finding in spans:
        if not 0 <= finding.start < finding.end <= len(text):
            raise ValueError(
                f"finding {finding.start}-{finding.end} is outside the text "
                f"({len(text)} characters)"
            )
        if finding.start < cursor:  # overlaps the span just redacted: extend it
            cursor = max(cursor, finding.end)
            continue
        pieces.append(text[cursor : finding.start])
        pieces.append(f"[{finding.kind.value.upper()}]")
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces)
