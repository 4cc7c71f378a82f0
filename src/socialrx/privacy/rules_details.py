"""Which dates, ages, rooms, record numbers, addresses and ZIP codes are identifiers, and how
serious each is (phone numbers, emails, links and handles: rules_contacts.py).

Each function takes one candidate span (from spaCy or a pattern) and returns a `Verdict` or
None. The context decides: a date is an identifier when it is a specific day tied to a
patient's care ("discharged yesterday", "surgery on March 3"), not an event's date or the
hospital's history; a room when a patient is in it, not a conference room; a street address
when it is a home, not the campus or the venue of an event."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from .kinds import IdentifierKind, Severity
from .rules_context import Context, Span
from .rules_people import HISTORICAL
from .rules_vocabulary import (
    CARE,
    EVENT,
    INVITATION,
    ORG_CONTACT,
    ORG_WORDS,
    PATIENT,
    PERSONAL,
    cue_words,
)

K = IdentifierKind


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: IdentifierKind
    severity: Severity
    reason: str


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|setiembre|octubre|noviembre|diciembre)"
)
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves"
    r"|viernes|s[áa]bado|domingo)"
)
# A specific day: what makes a date an identifier (a year alone, a month or a season is not).
_A_DAY = re.compile(
    rf"\b{_MONTH}\.?\s+\d|\d(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?{_MONTH}\b|\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{1,2}}[-.]\d{{1,2}}[-.]\d{{2,4}}\b|"
    rf"\b\d{{4}}-\d\d-\d\d\b|\b{_WEEKDAY}\b|\byesterday\b|\btomorrow\b|\bayer\b|\banteayer\b|\bantier\b|"
    r"\banoche\b|\bthis (?:morning|afternoon|evening)\b|\blast night\b|\btonight\b|"
    r"\besta (?:mañana|tarde|noche)\b|"
    r"\b(?:christmas|thanksgiving|halloween|easter|new year'?s|valentine'?s|"
    r"mother'?s day|father'?s day|independence day|labor day|memorial day|nochebuena|navidad)\b|"
    r"\bthe \d{1,2}(?:st|nd|rd|th)\b|\b\d+ days? ago\b|\bhace \w+ d[íi]as\b",
    re.IGNORECASE,
)
# Recurring days ("every Tuesday") and years alone are no one's date.
_NOT_A_DAY = re.compile(
    rf"\b(?:every|each|todos los|cada)\s+{_WEEKDAY}|\b{_WEEKDAY}s\b|^\s*(?:19|20)\d\d\s*$|"
    rf"\b{_WEEKDAY}\s*(?:to|through|thru|-|–|a)\s*{_WEEKDAY}\b|\bof (?:each|every) month\b",
    re.IGNORECASE,
)
_HISTORICAL = re.compile(r"\b1[0-8]\d\d\b")
_CARE_EVENT_BEFORE = re.compile(
    r"(?i:\b(?:admitted|discharged|born|surgery|operation|transplant|diagnosed|died|passed away|"
    r"delivered|arrived|went home|rang the bell|finished|ingres[óo]|naci[óo]|falleci[óo]|alta|"
    r"cirug[íi]a|diagnosticad[oa])\b[^.!?]*)$"
)
_EVERY = re.compile(r"(?i:\b(?:every|each|cada|todos los)\s+(?:other\s+)?)$")
_THIRD_PERSON = cue_words(
    r"he", r"she", r"his", r"her", r"him", r"hers", r"they", r"their", r"them", r"él", r"ella",
    r"su", r"sus", r"le", r"les",
)  # fmt: skip
# "today" pins a day only beside a birth or a birthday: it gives away the date of birth.
_TODAY = re.compile(r"(?i:^(?:today|hoy)$)")
_BIRTH = cue_words(r"birthday", r"born", r"b-day", r"cumpleaños", r"naci[óo]", r"nacid[oa]")
# A date right after the event it belongs to: "our Survivors Brunch this Sunday", "the gala on
# May 20", "la feria el sábado".
_EVENT_DATE_BEFORE = re.compile(
    r"(?i:\b(?:celebration|brunch|luncheon|dinner|breakfast|gala|walk|run|race|5K|service|"
    r"ceremony|event|fair|reunion|conference|class|webinar|seminar|workshop|concert|fundraiser|"
    r"drive|festival|parade|vigil|open house|meeting|session|tournament|game|radiothon|"
    r"telethon|celebraci[óo]n|feria|evento|misa|taller|charla)(?:['’]s?)?\s*,?\s*"
    r"(?:(?:will be |is |takes place |happens )?(?:on|this|next|el|este)\s+)?)$"
)
# A sentence pointing back at the one before: "This was on Saturday the 12th."
_ANAPHORA = cue_words(
    r"(?:this|that|it|which) (?:all )?(?:was|happened|occurred)",
    r"(?:esto|eso) (?:fue|pas[óo])",
    r"fue el",
)
# A clinical vignette: "a 91-year-old man on warfarin", "a 6-year-old girl": a patient.
VIGNETTE = re.compile(
    r"(?i:\b(?:a|an)\s+\d{1,3}[- ](?:year|month|week|day)[- ]old\s+(?:\w+\s+)?"
    r"(?:man|woman|boy|girl|patient|child|infant|baby|toddler|teen|male|female|veteran))"
)

_ROOM_NOT_A_PATIENTS = re.compile(
    r"(?i:conference|meeting|class|board|training|lecture|community|break|waiting|lactation|"
    r"quiet|family|education|center|centre|simulation|sala de juntas|sala de espera)\W*$"
)
# The organization's own places and their opening hours.
_ORG_PLACE = cue_words(
    r"our (?:new )?(?:[A-Z][\w'’&-]* ){0,3}(?:clinic|center|centre|hospital|campus|office|building|"
    r"pharmacy|lab|urgent care|location|wing|tower|pavilion|practice|ER)",
    r"open (?:\d|daily|every day|24/7|24 hours|Monday|seven days)",
    r"hours",
    r"walk-ins? welcome",
    r"nuestr[oa] (?:nuev[oa] )?(?:cl[íi]nica|hospital|centro|oficina|farmacia)",
    r"abrimos",
    r"vis[íi]te(?:nos)?",
)
_NAME_BEFORE_ADDRESS = re.compile(r"\b([A-Z][\w'’]*)\s*[,:]\s*$")
_HOME = cue_words(
    r"lives?", r"lived", r"living", r"home", r"house", r"apartment", r"street", r"vive", r"casa"
)
_LIVES_IN = re.compile(r"(?i:\b(?:live[sd]?|living|reside[sd]?|vivo|vive|vivimos)\s+(?:in|en)\s*)$")
FIRST_PERSON = cue_words(
    r"I", r"I'm", r"I've", r"me", r"my", r"mine", r"we live", r"our home", r"ll[áa]menme",
    r"ll[áa]mame", r"mi", r"mis", r"me llamo", r"escr[íi]banme", r"call back",
)  # fmt: skip


def date_verdict(
    context: Context, start: int, end: int, *, names: list[Span], patient_in_post: bool
) -> Verdict | None:
    """A specific day (not a year, a month, a season or "every Tuesday") tied to a patient: a
    care word in its sentence, or the patient named or referred to ("he", "her") in it."""
    surface = context.text[start:end]
    if _TODAY.match(surface):
        if not context.cue(_BIRTH, start, end):
            return None
    elif not _A_DAY.search(surface) or _NOT_A_DAY.search(surface) or _HISTORICAL.search(surface):
        return None
    if _EVENT_DATE_BEFORE.search(context.before(start, limit=40)):
        return None
    sentence = context.sentence(start)
    if HISTORICAL.search(context.text, sentence.start, sentence.end) or _EVERY.search(
        context.before(start, limit=12)
    ):
        return None
    named = next((n for n in names if sentence.start <= n.start < sentence.end), None)
    # The patient named or referred to in the sentence: "Carlos crossed the finish line of our
    # 5K on May 5" is his date even in a sentence about an event.
    the_patient = (context.text[named.start : named.end] if named else None) or (
        patient_in_post and context.cue(_THIRD_PERSON, start, end)
    )
    about_patient = the_patient or context.cue(PATIENT, start, end)
    if context.cue(INVITATION, start, end) and not _CARE_EVENT_BEFORE.search(
        context.before(start, limit=40)
    ):
        return None  # an event's date, unless it is right after a care event ("born ... on June 2")
    if context.cue(EVENT, start, end) and not the_patient:
        return None
    # A care word alone ("our ER saw 45 patients on Christmas Day") needs a patient in the post.
    cue = about_patient or (
        patient_in_post and (context.cue(CARE, start, end) or context.cue(FIRST_PERSON, start, end))
    )
    # A sentence of its own right after (or before) the patient's care: "She was admitted to
    # the ICU. This was on Saturday the 12th."
    if (
        not cue
        and patient_in_post
        and context.cue(_ANAPHORA, start, end)
        and not context.cue(EVENT, start, end, neighbours=1)
    ):
        cue = context.cue(CARE, start, end, neighbours=1) or context.cue(
            PATIENT, start, end, neighbours=1
        )
    if not cue:
        return None
    return Verdict(
        K.DATE,
        Severity.HIGH if names else Severity.MEDIUM,
        f"A date tied to a patient's care (\"{cue}\") points to one person's stay or procedure. "
        "Keep at most the year, or remove it.",
    )


def age_verdict(
    context: Context, start: int, end: int, *, with_name: bool, staff_only: bool
) -> Verdict | None:
    """Any age over 89, unless its sentence is about a member of staff or a volunteer only."""
    if staff_only and not context.cue(PATIENT, start, end):
        return None
    return Verdict(
        K.AGE,
        Severity.HIGH if with_name else Severity.MEDIUM,
        'Ages over 89 are rare enough to identify someone. Write "over 90" instead.',
    )


def room_verdict(context: Context, start: int, end: int, *, with_name: bool) -> Verdict | None:
    """A patient's room or bed: not a conference room, an event's room, or a room in a post
    with no patient in it ("fixed the heat in room 204")."""
    if _ROOM_NOT_A_PATIENTS.search(context.before(start, limit=30)):
        return None
    about_patient = (
        with_name
        or context.cue(PATIENT, start, end, neighbours=1)
        or context.cue(CARE, start, end, neighbours=1)
        or context.cue(FIRST_PERSON, start, end)
    )
    if not about_patient or (
        context.cue(EVENT, start, end) and not (with_name or context.cue(PATIENT, start, end))
    ):
        return None
    return Verdict(
        K.ROOM,
        Severity.HIGH if with_name else Severity.MEDIUM,
        "A room or bed number points to the patient in it, above all with a date. Remove it.",
    )


def address_verdict(context: Context, start: int, end: int) -> Verdict | None:
    """A home: not the organization's campus, clinic or event venue."""
    home = context.cue(FIRST_PERSON, start, end) or context.cue(PERSONAL, start, end)
    named_before = _NAME_BEFORE_ADDRESS.search(context.before(start, limit=40))
    organization = (
        (named_before and ORG_WORDS.match(named_before.group(1)))  # "Bayside Hospital, 9 Elm St"
        or context.cue(ORG_CONTACT, start, end)
        or context.cue(EVENT, start, end)
        or context.cue(_ORG_PLACE, start, end)
    )
    if organization and not home:
        return None
    return Verdict(
        K.ADDRESS,
        Severity.HIGH,
        "A street address points to one household. Remove it (a city or a state alone is fine).",
    )


def street_name_verdict(
    context: Context, start: int, end: int, *, patient_in_sentence: bool
) -> Verdict | None:
    """A street without a house number ("lives on Sycamore Court") is a home only when the
    sentence says so: someone lives there, or it is a patient's."""
    home = context.cue(_HOME, start, end) or context.cue(FIRST_PERSON, start, end)
    if (
        not (home or patient_in_sentence)
        or context.cue(ORG_CONTACT, start, end)
        or context.cue(EVENT, start, end)
    ):
        return None
    return address_verdict(context, start, end)


def record_like_verdict(
    context: Context, start: int, end: int, *, patient_in_post: bool
) -> Verdict | None:
    """A code shaped like a member or record number, without its label: a finding in a post
    about a patient or written by one."""
    if patient_in_post or context.cue(FIRST_PERSON, start, end):
        return record_verdict()
    return None


def zip_verdict(
    context: Context, start: int, end: int, *, after_home_address: bool, bare: bool
) -> Verdict | None:
    """`bare`: a five-digit number with no state or "ZIP" before it, kept only right after a
    home address or where someone says they live ("I live in 53711")."""
    if bare and not after_home_address and not _LIVES_IN.search(context.before(start, limit=20)):
        return None
    if not after_home_address and address_verdict(context, start, end) is None:
        return None
    return Verdict(
        K.ZIP,
        Severity.MEDIUM,
        "A ZIP code narrows down where someone lives. Remove it (a city or a state alone is fine).",
    )


def record_verdict() -> Verdict:
    return Verdict(
        K.RECORD_NUMBER,
        Severity.HIGH,
        "A record, account, health plan or device number identifies a patient on its own. "
        "Never post it.",
    )
