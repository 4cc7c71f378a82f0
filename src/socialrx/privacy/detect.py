"""Finding identifiers in free text: the HIPAA Safe Harbor kinds as they show up in social media
drafts and survey comments, each with its exact span, a severity and a plain-language reason.

    find_identifiers("So proud of our patient Maria, discharged yesterday!")
    -> [Finding(start=24, end=29, kind=NAME, ...), Finding(start=42, end=51, kind=DATE, ...)]

Candidates come from Presidio's analyzer over spaCy (people, dates, phone numbers) and our own
pattern recognizers (engine.py, recognizers_*.py); the field's rules keep those that are a
patient's identifiers (rules_people.py, rules_details.py, rules_contacts.py, with the words
they read in rules_vocabulary.py) and read the image description for full-face photos
(rules_image.py). Findings never overlap within a field: where two candidates
cover the same characters, the more specific kind wins ("MRN 00123456" is a record number, not
a date), then the longer span."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex as re
from django.views.decorators.debug import sensitive_variables

from socialrx.core.errors import DomainError

from . import engine
from . import rules_contacts as contacts
from . import rules_details as details
from .kinds import Finding, IdentifierKind
from .rules_context import Context, Span
from .rules_image import face_photo_findings
from .rules_people import Candidate, name_findings
from .rules_vocabulary import CARE, PATIENT

K = IdentifierKind
_DASHED_DATE = re.compile(r"^(?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])[-.](?:19|20)?\d\d$")

# Callers limit drafts too (the checker's form, the API); this bound keeps one call's time
# bounded (about 25 ms per 1,000 characters) whoever calls.
MAX_TEXT_CHARS = 20_000
MAX_IMAGE_DESCRIPTION_CHARS = 2_000

# Most specific first: the kind kept when candidates overlap.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        [
            K.RECORD_NUMBER, K.EMAIL, K.URL, K.HANDLE, K.ADDRESS, K.PHONE, K.AGE, K.ROOM,
            K.ZIP, K.DATE, K.NAME, K.FACE_PHOTO,
        ]
    )
}  # fmt: skip


class TextTooLong(DomainError):
    """A text longer than the detector reads: the caller shows the message (413)."""

    status_code = 413

    def __init__(self, field: str, limit: int):
        what = "draft" if field == "text" else "image description"
        super().__init__(
            f"The {what} is too long to check: keep it to {limit:,} characters or fewer.",
            field=field,
            code="too_long",
        )


class TextNotReadable(DomainError):
    """A text holding a character that is not text (a lone UTF-16 surrogate, which JSON's
    "\\ud800" escape or a form sent in an odd charset can carry): nothing downstream can encode
    it, so it is refused (422) with where it is."""

    status_code = 422

    def __init__(self, field: str, position: int):
        what = "draft" if field == "text" else "image description"
        super().__init__(
            f"The {what} contains a character that is not valid text (at character "
            f"{position:,}), often half of an emoji broken by copying: delete or retype it, "
            "then check again.",
            field=field,
            code="invalid_characters",
        )


# Every local of a call holds the text or pieces of it, and so do the frames it calls (spaCy,
# Presidio): an error report of a crash shows none of them (what is pasted is never kept).
@sensitive_variables()
def find_identifiers(text: str, *, image_description: str = "") -> list[Finding]:
    """Every identifier in `text` (field "text") and in `image_description` (field "image"),
    sorted by field then start. Raises TextTooLong past MAX_TEXT_CHARS or
    MAX_IMAGE_DESCRIPTION_CHARS, TextNotReadable when either holds a character that does not
    encode (a lone surrogate), TypeError when either is not a string."""
    _check(text, "text", MAX_TEXT_CHARS)
    _check(image_description, "image", MAX_IMAGE_DESCRIPTION_CHARS)
    findings = _text_findings(text) if text.strip() else []
    if image_description.strip():
        findings += face_photo_findings(image_description)
    return sorted(findings, key=lambda f: (f.field, f.start, f.end))


def _check(value: str, field: str, limit: int) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a string, not {type(value).__name__}")
    if len(value) > limit:
        raise TextTooLong(field, limit)
    check_readable(value, field)


def check_readable(value: str, field: str = "text") -> None:
    """Raise TextNotReadable when `value` holds a character no encoding writes (a lone
    surrogate). find_identifiers asks it; a caller that shows the text back (a page) asks it
    first, since such a text cannot be sent in an answer either."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        # `from None`: the encoding error holds the whole text, which must not reach a log.
        raise TextNotReadable(field, error.start + 1) from None


@dataclass
class _Reading:
    """One text as the rules read it: its candidates by entity, its sentences, and who the
    patients and staff in it are."""

    text: str
    context: Context
    by_entity: dict[str, list]
    names: list = field(default_factory=list)  # the patients' and relatives' NameFindings
    staff: list[tuple[int, int]] = field(default_factory=list)
    patient_in_post: bool = False

    def spans(self, *entities: str) -> list[Span]:
        return [Span(r.start, r.end) for e in entities for r in self.by_entity.get(e, [])]

    @property
    def name_spans(self) -> list[Span]:
        return [Span(n.start, n.end) for n in self.names]

    @property
    def patient_names(self) -> set[str]:
        """Each patient's name and its words ("Maria Lopez", "Maria", "Lopez")."""
        surfaces = {self.text[n.start : n.end] for n in self.names}
        return surfaces | {word for surface in surfaces for word in surface.split()}

    def in_sentence(self, start: int, spans) -> bool:
        sentence = self.context.sentence(start)
        return any(sentence.start <= s.start < sentence.end for s in spans)


def _text_findings(text: str) -> list[Finding]:
    analysis = engine.analyze(text)  # builds the engine (loads spaCy) on the first call
    by_entity: dict[str, list] = {}
    for result in sorted(analysis.results, key=lambda r: (r.start, r.end)):
        by_entity.setdefault(result.entity_type, []).append(result)
    reading = _Reading(text, Context(text), by_entity)
    _read_people(reading, analysis.doc)
    found = [Finding(n.start, n.end, n.kind, n.severity, n.reason) for n in reading.names]
    found += _ages_records_dates_rooms(reading)
    found += _places(reading)
    found += _contacts(reading, found)
    return _without_overlaps([f for f in found if f is not None])


def _read_people(reading: _Reading, doc) -> None:
    token_starts = [token.idx for token in doc]

    def before_verb(end: int) -> bool:
        """The next word is a verb: the candidate is its subject ("Carmen lives at...")."""
        index = bisect.bisect_left(token_starts, end)
        return index < len(token_starts) and doc[index].tag_[:2] in {"VB", "MD"}

    people = [
        Candidate(
            r.start,
            r.end,
            after_cue=r.entity_type == "PERSON_CUE",
            proper_noun_only=r.entity_type == "PERSON_PROPN",
            before_verb=before_verb(r.end),
        )
        for entity in ("PERSON", "PERSON_CUE", "PERSON_PROPN")
        for r in reading.by_entity.get(entity, [])
    ]
    aged = [(s.start, s.end) for s in reading.spans("AGE_OVER_89")]
    reading.names, reading.staff = name_findings(reading.context, people, aged=aged)
    # A patient is in the post when named, called one, or writing it ("I", "my" beside care).
    text = reading.text
    reading.patient_in_post = (
        bool(reading.names)
        or PATIENT.search(text) is not None
        or (details.FIRST_PERSON.search(text) is not None and CARE.search(text) is not None)
        or bool(aged)  # only a person has an age over 89
        or details.VIGNETTE.search(text) is not None
    )


def _ages_records_dates_rooms(reading: _Reading) -> list[Finding | None]:
    context, with_name = reading.context, bool(reading.names)
    found = []
    staff = [Span(start, end) for start, end in reading.staff]
    for span in reading.spans("AGE_OVER_89"):
        staff_only = reading.in_sentence(span.start, staff) and not reading.in_sentence(
            span.start, reading.name_spans
        )
        verdict = details.age_verdict(
            context, span.start, span.end, with_name=with_name, staff_only=staff_only
        )
        found.append(_finding(span, verdict))
    for span in reading.spans("RECORD_NUMBER"):
        found.append(_finding(span, details.record_verdict()))
    for span in reading.spans("RECORD_LIKE"):
        verdict = details.record_like_verdict(
            context, span.start, span.end, patient_in_post=reading.patient_in_post
        )
        found.append(_finding(span, verdict))
    for span in reading.spans("DATE_TIME", "DATE_PATTERN"):
        span = _without_possessive(reading.text, span)  # "[last Tuesday]'s surgery"
        verdict = details.date_verdict(
            context,
            span.start,
            span.end,
            names=reading.name_spans,
            patient_in_post=reading.patient_in_post,
        )
        found.append(_finding(span, verdict))
    for span in reading.spans("ROOM"):
        verdict = details.room_verdict(context, span.start, span.end, with_name=with_name)
        found.append(_finding(span, verdict))
    return found


def _places(reading: _Reading) -> list[Finding | None]:
    """Street addresses, then the ZIP codes after them or where someone says they live."""
    context, found, homes = reading.context, [], []
    for span in reading.spans("ADDRESS"):
        verdict = details.address_verdict(context, span.start, span.end)
        found.append(_finding(span, verdict))
        if verdict is not None:
            homes.append(span)
    for span in reading.spans("STREET_NAME"):
        verdict = details.street_name_verdict(
            context,
            span.start,
            span.end,
            patient_in_sentence=reading.in_sentence(span.start, reading.name_spans),
        )
        found.append(_finding(span, verdict))
        if verdict is not None:
            homes.append(span)
    for entity in ("ZIP", "ZIP_BARE"):
        for span in reading.spans(entity):
            verdict = details.zip_verdict(
                context,
                span.start,
                span.end,
                after_home_address=any(0 <= span.start - home.end <= 40 for home in homes),
                bare=entity == "ZIP_BARE",
            )
            found.append(_finding(span, verdict))
    return found


def _contacts(reading: _Reading, found: list[Finding | None]) -> list[Finding | None]:
    """Web addresses, emails and handles, then phone numbers (beside a patient's name, page or
    email, a number is personal)."""
    context, names, contacts_found = reading.context, reading.name_spans, []
    for span in reading.spans("URL"):
        verdict = contacts.url_verdict(
            context, span.start, span.end, patient_names=reading.patient_names
        )
        contacts_found.append(_finding(span, verdict))
    for span in reading.spans("EMAIL"):
        verdict = contacts.email_verdict(
            context,
            span.start,
            span.end,
            next_to_name=_beside(span, names),
            patient_in_post=reading.patient_in_post,
            patient_names=frozenset(reading.patient_names),
        )
        contacts_found.append(_finding(span, verdict))
    for span in reading.spans("HANDLE"):
        verdict = contacts.handle_verdict(
            context,
            span.start,
            span.end,
            patient_names=reading.patient_names,
            patient_in_post=reading.patient_in_post,
            staff_names=frozenset(
                word
                for start, end in reading.staff
                for word in reading.text[start:end].split()
                if len(word) > 2
            ),
        )
        contacts_found.append(_finding(span, verdict))
    personal = [
        Span(f.start, f.end)
        for f in found + contacts_found
        if f is not None and f.kind in {K.NAME, K.URL, K.EMAIL}
    ]
    for span in reading.spans("PHONE_NUMBER"):
        if _DASHED_DATE.match(reading.text[span.start : span.end]):
            continue  # "3-14-2025" has seven digits, like a phone number: it is a date
        nearby = _beside(span, personal) or reading.in_sentence(span.start, personal)
        verdict = contacts.phone_verdict(
            context,
            span.start,
            span.end,
            personal_nearby=nearby,
            patient_in_post=reading.patient_in_post,
        )
        contacts_found.append(_finding(span, verdict))
    return contacts_found


def _without_possessive(text: str, span: Span) -> Span:
    surface = text[span.start : span.end]
    trimmed = surface.removesuffix("'s").removesuffix("’s").rstrip(" ,")
    return Span(span.start, span.start + len(trimmed)) if trimmed else span


def _finding(span: Span, verdict: details.Verdict | None) -> Finding | None:
    if verdict is None:
        return None
    return Finding(span.start, span.end, verdict.kind, verdict.severity, verdict.reason)


def _beside(span: Span, others) -> bool:
    """Right next to another span ("Patricia K., 555-0119"): at most a comma and a space apart."""
    return any(-1 <= span.start - o.end <= 3 or -1 <= o.start - span.end <= 3 for o in others)


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep the most specific kind, then the longest span, wherever candidates overlap."""
    ranked = sorted(candidates, key=lambda f: (_PRIORITY[f.kind], -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return kept
