"""Checking a draft: what the post safety checker found in it, ready to show.

`run_check` asks the privacy app's detector for identifiers and `risks` for the field's other
risks; `result_from` builds the same result from findings kept earlier (a saved check shows
what was found when it was saved, whatever the detector says today). Pure functions: checking
reads and writes no row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.views.decorators.debug import sensitive_variables

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import Severity

from .risks import find_risks

# How long a draft may be: a visitor (or a person of no member organization) tries the checker
# on a short post; members check anything up to a long article. An image description is short.
SHORT_LIMIT = 600
FULL_LIMIT = 20_000
IMAGE_LIMIT = 2_000

SEVERITY_ORDER = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)
SEVERITY_LABELS = {
    Severity.HIGH: "High: remove before posting",
    Severity.MEDIUM: "Medium: review",
    Severity.LOW: "Low: worth a second look",
}
FIELDS = ("text", "image")
SEVERITIES = frozenset(severity.value for severity in Severity)


@dataclass(frozen=True)
class Flag:
    """One thing found: an identifier or another risk, numbered in reading order."""

    number: int
    is_identifier: bool
    kind: str
    label: str
    severity: str
    reason: str
    advice: str  # a risk's "what to do" ("" for an identifier: its reason says)
    field: str  # "text" (the draft) or "image" (the image description)
    start: int | None
    end: int | None
    excerpt: str  # the words flagged ("" for the whole post)

    @property
    def anchor(self) -> str:
        return f"check-flag-{self.number}"

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).value.capitalize()


@dataclass(frozen=True)
class Segment:
    """A piece of a field as shown: plain text, or a highlighted phrase with what it holds."""

    text: str
    flags: tuple[Flag, ...] = ()

    @property
    def severity(self) -> str:
        """The most serious of its flags (for the highlight's style)."""
        ranks = [SEVERITY_ORDER.index(Severity(flag.severity)) for flag in self.flags]
        return SEVERITY_ORDER[min(ranks)].value if ranks else ""


@dataclass(frozen=True)
class FlagCard:
    """What the list shows for one or more flags: an identifier alone; a risk with every
    phrase that raises it for the same reason ("cures" and "guaranteed": one cure claim, both
    phrases listed, each still marked in place)."""

    flags: tuple[Flag, ...]

    @property
    def first(self) -> Flag:
        return self.flags[0]

    @property
    def later(self) -> tuple[Flag, ...]:
        """The flags after the first: their anchors lead to this card too."""
        return self.flags[1:]

    @property
    def marked(self) -> tuple[Flag, ...]:
        """The flags with a place in the field (a whole-post risk has none)."""
        return tuple(flag for flag in self.flags if flag.start is not None)


@dataclass(frozen=True)
class SeverityGroup:
    severity: str
    label: str
    flags: tuple[Flag, ...]

    @property
    def cards(self) -> tuple[FlagCard, ...]:
        return tuple(FlagCard((flag,)) for flag in self.flags)


def risk_cards(flags: tuple[Flag, ...]) -> tuple[FlagCard, ...]:
    """The risks as cards, in reading order of their first phrase: risks of the same kind,
    field, severity, reason and advice share one card."""
    grouped: dict[tuple, list[Flag]] = {}
    for flag in flags:
        key = (flag.kind, flag.field, flag.severity, flag.reason, flag.advice)
        grouped.setdefault(key, []).append(flag)
    return tuple(FlagCard(tuple(group)) for group in grouped.values())


@dataclass(frozen=True)
class CheckResult:
    text: str
    image_description: str
    findings: list[dict[str, Any]]  # as stored and as the API answers
    risks: list[dict[str, Any]]
    identifiers: tuple[Flag, ...]
    other_risks: tuple[Flag, ...]

    @property
    def identifier_count(self) -> int:
        return len(self.identifiers)

    @property
    def risk_count(self) -> int:
        return len(self.other_risks)

    @property
    def high_count(self) -> int:
        return sum(
            flag.severity == Severity.HIGH for flag in (*self.identifiers, *self.other_risks)
        )

    @property
    def found_anything(self) -> bool:
        return bool(self.identifiers or self.other_risks)

    @property
    def summary(self) -> str:
        return summary_line(self.identifier_count, self.risk_count)

    @property
    def groups(self) -> tuple[SeverityGroup, ...]:
        """The identifiers by severity, most serious first (empty groups left out)."""
        return tuple(
            SeverityGroup(severity.value, SEVERITY_LABELS[severity], flags)
            for severity in SEVERITY_ORDER
            if (flags := tuple(f for f in self.identifiers if f.severity == severity))
        )

    @property
    def risk_cards(self) -> tuple[FlagCard, ...]:
        return risk_cards(self.other_risks)

    @property
    def text_segments(self) -> tuple[Segment, ...]:
        return highlighted(self.text, self._flags_in("text"))

    @property
    def image_segments(self) -> tuple[Segment, ...]:
        return highlighted(self.image_description, self._flags_in("image"))

    def _flags_in(self, field: str) -> list[Flag]:
        return [flag for flag in (*self.identifiers, *self.other_risks) if flag.field == field]


def summary_line(identifier_count: int, risk_count: int) -> str:
    """ "3 identifiers and 1 other risk found", or a reminder that a person still reads it."""
    if not identifier_count and not risk_count:
        return "Nothing found — still read it once more before posting."
    parts = []
    if identifier_count:
        parts.append(f"{identifier_count} identifier{'s' if identifier_count != 1 else ''}")
    if risk_count:
        parts.append(f"{risk_count} other risk{'s' if risk_count != 1 else ''}")
    return " and ".join(parts) + " found"


# The draft is in every local here and below (risks, results): a crash's report shows none.
@sensitive_variables()
def run_check(text: str, image_description: str = "") -> CheckResult:
    """Check a draft now. The caller has already refused a draft over the person's limit;
    the detector refuses one it cannot read (privacy.detect.TextNotReadable, a DomainError)."""
    findings = [
        {
            "start": finding.start,
            "end": finding.end,
            "kind": str(finding.kind),
            "label": finding.label,
            "severity": str(finding.severity),
            "reason": finding.reason,
            "field": finding.field,
        }
        for finding in find_identifiers(text, image_description=image_description)
    ]
    risks = [
        {
            "start": risk.start,
            "end": risk.end,
            "kind": str(risk.kind),
            "label": risk.label,
            "severity": str(risk.severity),
            "reason": risk.reason,
            "advice": risk.advice,
            "field": risk.field,
        }
        for risk in find_risks(text)
    ]
    return result_from(text, image_description, findings, risks)


def _source(field: str, text: str, image_description: str) -> str:
    return image_description if field == "image" else text


def _span(item: dict, source: str) -> tuple[int | None, int | None]:
    """The item's span when it is a real one within its field (kept data is not trusted to be)."""
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(source):
        return start, end
    return None, None


def result_from(
    text: str, image_description: str, findings: list[dict], risks: list[dict]
) -> CheckResult:
    """The result to show for these findings and risks (fresh or kept)."""
    flags: list[tuple[bool, dict]] = [(True, item) for item in findings]
    flags += [(False, item) for item in risks]

    def reading_order(entry):
        is_identifier, item = entry
        field = item.get("field") if item.get("field") in FIELDS else "text"
        start, _ = _span(item, _source(field, text, image_description))
        return (FIELDS.index(field), start is None, start or 0, not is_identifier)

    identifiers, others = [], []
    for number, (is_identifier, item) in enumerate(sorted(flags, key=reading_order), start=1):
        field = item.get("field") if item.get("field") in FIELDS else "text"
        source = _source(field, text, image_description)
        start, end = _span(item, source)
        severity = Severity(item["severity"]) if item.get("severity") in SEVERITIES else None
        severity = severity or Severity.MEDIUM
        flag = Flag(
            number=number,
            is_identifier=is_identifier,
            kind=str(item.get("kind", "")),
            label=str(item.get("label") or item.get("kind", "")),
            severity=str(severity),
            reason=str(item.get("reason", "")),
            advice=str(item.get("advice") or ""),  # an identifier's reason says what to do
            field=field,
            start=start,
            end=end,
            excerpt=source[start:end] if start is not None else "",
        )
        (identifiers if is_identifier else others).append(flag)
    return CheckResult(
        text=text,
        image_description=image_description,
        findings=findings,
        risks=risks,
        identifiers=tuple(identifiers),
        other_risks=tuple(others),
    )


def highlighted(source: str, flags: list[Flag]) -> tuple[Segment, ...]:
    """`source` cut into plain and highlighted pieces. Overlapping spans (a name inside a
    patient's story) become one highlight holding every flag, so no text shows twice."""
    spans = sorted((f for f in flags if f.start is not None), key=lambda f: (f.start, -f.end))
    segments: list[Segment] = []
    position = 0
    cluster: list[Flag] = []
    cluster_start = cluster_end = 0
    for flag in spans:
        if cluster and flag.start < cluster_end:
            cluster.append(flag)
            cluster_end = max(cluster_end, flag.end)
            continue
        if cluster:
            segments.append(Segment(source[cluster_start:cluster_end], tuple(cluster)))
            position = cluster_end
        if flag.start > position:
            segments.append(Segment(source[position : flag.start]))
        cluster, cluster_start, cluster_end = [flag], flag.start, flag.end
    if cluster:
        segments.append(Segment(source[cluster_start:cluster_end], tuple(cluster)))
        position = cluster_end
    if position < len(source):
        segments.append(Segment(source[position:]))
    return tuple(segments)
