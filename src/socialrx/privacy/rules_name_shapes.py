"""The shape of the words around a capitalized word, read before its context: whether it names
a thing rather than a person ("the Lakefront Half", "our Maple Grove clinic", "Dock 2"), whether
a title before a name is a community honorific that a patient may carry ("Pastor Sam ... after
his bypass"), and which names are joined to a patient's ("the twins, Bao and An").

rules_people.py calls these; they read only the text, so each is a plain function."""

from __future__ import annotations

import regex as re

from .rules_context import Context
from .rules_vocabulary import CARE, ORG_WORDS, PATIENT, STOP_WORDS

# "the Lakefront Half", "our annual Remembrance Service", "this year's Radiothon": a named
# thing. Not "the Hoffman family" nor "the Nguyen twins" (see _FAMILY_AFTER).
_THING_BEFORE = re.compile(
    r"(?:\b(?:the|our|annual|yearly|inaugural)|\b(?:year|week|month|season)['’]s)\s+$"
)
_FAMILY_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?i:family|families|twins|triplets|quadruplets|kids|children|boys|girls"
    r"|brothers|sisters|siblings|household|clan|parents|grandparents|familia)\b"
)
# "Maple Grove clinic", "Eastside campus": a place the organization names.
_ORG_NOUN_AFTER = re.compile(
    r"^\s+(?:clinic|campus|location|office|hospital|center|centre|branch|site|facility|team|"
    r"store|library|school|church|county|area|neighborhood|community|region|district|unit|"
    r"building|program|chapter|pavilion|tower|wing|lobby|auditorium)s?\b"
)
# "at Dock", "in Westfield": a proper noun after a preposition of place is a place...
_PLACE_BEFORE = re.compile(r"(?i:\b(?:at|in|near|inside|outside|across|toward|towards)\s+)$")
# ...as is one followed by a number ("Dock 2", "Gate 4", "Building 7").
_NUMBER_AFTER = re.compile(r"^\s+#?\d")
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")

# Community titles: a pastor, a mayor or a coach may be the patient ("Pastor Sam spent Easter in
# room 7B after his bypass"), unlike a nurse or a physician of the hospital.
HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?i:Pastor|Reverend|Father|Rabbi|Imam|Bishop|Deacon|Senator|Representative|Governor"
    r"|Mayor|Judge|Commissioner|Coach|Councilmember|Councilwoman|Councilman|Congresswoman"
    r"|Congressman|Sheriff|Chief)|\b(?:Rev|Fr|Sen|Rep|Gov)\.)\s+$"
)
# The sentence says the care is the person's own: "after his bypass", "her surgery".
_OWN_CARE = re.compile(r"(?i:\b(?:his|her|their|su)\s+(?:\w+\s+)?)$")

_NOT_COORDINATED = {"The", "This", "That", "Our", "We", "They", "He", "She", "It", "His", "Her"}
_NAME = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:[-'’][A-Za-záéíóúñü]+)?"
_COORDINATED = re.compile(rf"(?:['’]s)?((?:\s*,\s*{_NAME})*\s*,?\s+(?:and|&|y|e)\s+{_NAME})\b")
_COORDINATED_NAME = re.compile(_NAME)


def names_a_thing(context: Context, start: int, end: int, *, proper_noun_only: bool) -> bool:
    """A capitalized run that names a thing or a place, read from the words touching it."""
    text = context.text
    surface = text[start:end]
    before, after = text[max(0, start - 30) : start], text[end : end + 40]
    if " " not in surface and CARE.fullmatch(surface):
        return True  # "Discharge took five hours": a care word opening a sentence
    if _THING_BEFORE.search(before) and not _FAMILY_AFTER.match(after):
        return True
    if _ORG_NOUN_AFTER.match(after):
        return True
    if not proper_noun_only or _POSSESSIVE_AFTER.match(after):
        return False
    return bool(_PLACE_BEFORE.search(before) or _NUMBER_AFTER.match(after))


def honorific_patient(context: Context, start: int, end: int) -> bool:
    """A name after a community title whose sentence makes them a patient: a patient word
    ("recovering", "get well soon") or a care word that is theirs ("his bypass")."""
    if not HONORIFIC_BEFORE.search(context.before(start, limit=30)):
        return False
    if context.cue(PATIENT, start, end):
        return True
    sentence = context.sentence(start)
    return any(
        _OWN_CARE.search(context.text, sentence.start, match.start())
        for match in CARE.finditer(context.text, sentence.start, sentence.end)
        if match.start() >= end or match.end() <= start
    )


def coordinated_names(text: str, end: int, excluded: set[str]) -> list[tuple[int, int]]:
    """The names joined to the name ending at `end`: "Bao and An", "Ana, Luis y Marta"."""
    match = _COORDINATED.match(text, end)
    if not match:
        return []
    spans = []
    for word in _COORDINATED_NAME.finditer(text, match.start(1), match.end(1)):
        surface = word.group(0)
        if (
            surface in _NOT_COORDINATED
            or surface in excluded
            or surface.lower() in STOP_WORDS
            or ORG_WORDS.match(surface)
        ):
            return []  # "Maria and The Foundation": not a list of people
        spans.append((word.start(), word.end()))
    after = text[match.end() : match.end() + 2]
    if after[:1] == " " and after[1:2].isupper():
        return []  # "Maria and Ana Ruiz": a full name the recognizers already read
    return spans
