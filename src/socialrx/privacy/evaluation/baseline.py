"""The plain regular-expression baseline the detector is measured against: what a developer
writes in an afternoon. It knows the shapes of identifiers (phone, email, URL, @handle, ZIP,
numeric and month-name dates, MRN/account numbers, room and bed numbers, "N-year-old" ages
over 89, numbered street addresses, a capitalised name after Mr./Mrs./Ms./patient) and
nothing about whose they are: the hospital's own phone and website are flagged like a
patient's, and a name without a title is missed.

    baseline(text, image) -> list[Finding]      # the same signature as the benchmark's detector
"""

from __future__ import annotations

import re

from socialrx.privacy.kinds import Finding, IdentifierKind, Severity

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"

# (kind, pattern, the group that is the identifier). Order matters only for readability:
# overlapping matches of different kinds are all reported, as a quick script would.
PATTERNS: list[tuple[IdentifierKind, re.Pattern[str], int]] = [
    (IdentifierKind.EMAIL, re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), 0),
    (
        IdentifierKind.URL,
        re.compile(
            r"\b(?:https?://|www\.)[^\s]+|(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net)\b(?:/[^\s]*)?",
            re.I,
        ),
        0,
    ),
    (IdentifierKind.HANDLE, re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,}"), 0),
    (
        IdentifierKind.PHONE,
        re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])?\d{3}[\s.-]\d{4}\b"),
        0,
    ),
    (IdentifierKind.ZIP, re.compile(r"(?<![\d,.$-])\b\d{5}(?:-\d{4})?\b(?![,.]\d)"), 0),
    (
        IdentifierKind.DATE,
        re.compile(r"(?<![\d/])\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b(?!/)|\b\d{4}-\d{2}-\d{2}\b"),
        0,
    ),
    (
        IdentifierKind.DATE,
        re.compile(rf"\b{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?\b"),
        0,
    ),
    (
        IdentifierKind.RECORD_NUMBER,
        re.compile(
            r"\b(?:MRN|medical record(?: number)?|account(?: number)?|acct|member ID|policy number)"
            r"\s*(?:is\s+)?[:#]?\s*(?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{3,}",
            re.I,
        ),
        0,
    ),
    (IdentifierKind.ROOM, re.compile(r"\b(?:room|rm\.?|bed)\s*#?\d+[A-Z]?\b", re.I), 0),
    (IdentifierKind.AGE, re.compile(r"\b(9\d|1[01]\d)[- ]years?[- ]old\b", re.I), 0),
    (
        IdentifierKind.ADDRESS,
        re.compile(
            r"\b\d{1,5} (?:[NSEW]\.? )?(?:[A-Z][a-z]+ ){1,3}"
            r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way)\b\.?"
        ),
        0,
    ),
    (
        IdentifierKind.NAME,
        re.compile(
            rf"\b(?:Mr|Mrs|Ms|Miss)\.? ({NAME_WORD}(?: {NAME_WORD})?)"
            rf"|\b[Pp]atient ({NAME_WORD} {NAME_WORD})"
        ),
        -1,
    ),
]


def baseline(text: str, image: str = "") -> list[Finding]:
    """Every match of every pattern in the text (the baseline does not read image descriptions)."""
    findings = []
    for kind, pattern, group in PATTERNS:
        for match in pattern.finditer(text):
            if group == -1:  # the name is whichever alternative matched
                index = 1 if match.group(1) else 2
                start, end = match.span(index)
            else:
                start, end = match.span(group)
            surface = text[start:end].rstrip(".,;:!?)")
            if not surface:
                continue
            findings.append(
                Finding(
                    start=start,
                    end=start + len(surface),
                    kind=kind,
                    severity=Severity.MEDIUM,
                    reason=f"Looks like a {kind.value.replace('_', ' ')} (pattern match).",
                )
            )
    return findings
