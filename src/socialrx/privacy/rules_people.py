"""Which people's names are identifiers: a patient's or a relative's, in a post about care.

Candidates are spaCy's PERSON entities, runs of proper nouns (recognizers_names.py) and names
right after a cue ("paciente María"); the rules below sort them. A title or credential makes a
name a member of staff's ("Dr. Ana Ruiz", "Jasmine Ortiz, RN", "our unit clerk Gloria Pham");
a word naming a patient or their family makes it a patient's ("our patient", "mom of",
"Mrs."); otherwise a care word in the same sentence (or in the post, when the sentence is not
praising staff or inviting to an event) does. Once a name is sorted, its other mentions
("Maria Lopez" ... "Maria") follow it."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from .kinds import IdentifierKind, Severity
from .rules_context import Context
from .rules_name_shapes import coordinated_names, honorific_patient, names_a_thing
from .rules_vocabulary import (
    CARE,
    INVITATION,
    ORG_WORDS,
    PATIENT,
    STAFF_AFTER,
    STAFF_BEFORE,
    STAFF_POST,
    STOP_WORDS,
    TITLES,
)

# Leading words spaCy folds into a name: stripped, so the context before the name sees them
# ("Nurse Amy" is staff, "Baby Leo" a patient).
_LEADING = re.compile(
    rf"^(?:(?:{TITLES}|Mom|Mother|Dad|Baby|Little|Triplets|Twins|Meet|Mr\.|Mrs\.|Ms\.|Miss|"
    r"Sgt\.|Don|Doña|Patient|Paciente|Happy|Welcome|Thank|Congratulations|Grandma|Grandpa|"
    r"Grandmother|Grandfather|Abuela|Abuelo|Auntie|Aunt|Uncle|Tía|Tío|Watch|Read|Hear|Listen|"
    r"See|Support|Visit|Help|Follow|Join|Celebrate|Send|Share|Sweet|Brave|Tiny|Miracle|Coach|"
    r"Private(?: First Class)?|(?:First )?Class|PFC|Pvt\.|Corporal|Cpl\.|Sergeant|Sgt|"
    r"Lieutenant|Lt\.|Captain|Capt\.|Major|Maj\.|Colonel|Col\.|General|Gen\.|Specialist|"
    r"Spc\.|Veteran|"
    r"the|The|de|del|la|el|al|a|y|and)\s+)+"
)
# Cue words that introduce a patient's or a relative's name, quoted in the reason.
_NAME_CUE = re.compile(
    r"\b(?i:our patient|patient|paciente|mom of|mother of|dad of|father of|family of|"
    r"familia de|mam[áa] de|pap[áa] de|baby|beb[ée]|little|triplets|twins|"
    r"mi (?:hij[oa]|mam[áa]|pap[áa]|espos[oa]|abuel[oa]|herman[oa])|"
    r"my (?:son|daughter|wife|husband|mother|father|mom|dad|brother|sister|grandson|granddaughter)|"
    r"(?:his|her) (?:wife|husband|mom|dad|mother|father|son|daughter)|"
    r"mom|dad|grandma|grandpa|grandmother|grandfather|abuela|abuelo|aunt|auntie|uncle|t[íi]a|t[íi]o|"
    r"don|doña|Mr\.|Mrs\.|Ms\.|Sr\.|Sra\.|Sgt\.|name is|me llamo)\s*[:,]?\s*$"
)
_FOLLOWING_CAPITALS = re.compile(r"(?:['’]s?)?(?:\s+(?:&\s+)?[A-Z][\w'’-]*\.?){1,3}")
_TITLE_AFTER = re.compile(rf"\s+{TITLES}\b")
_SAINT_BEFORE = re.compile(r"\b(?:St\.?|Saint|San|Santa|Sta\.)\s+$")
# "Caleb Turner, 6, who finished chemo", "Irene (96)": an age beside a name, as patient stories
# introduce their patient.
_AGE_APPOSITION = re.compile(r"(?:,\s*\d{1,3}\s*[,.;)]|\s*\(\s*\d{1,3}\s*\))")
# A name signing off a comment ("... Thank you! - Edna", "Patricia K., 555-0119").
_SIGNATURE_BEFORE = re.compile(
    r"(?:^|[\n.!?]\s*)(?:[-–—~]\s*|(?i:signed|sincerely|thanks|thank you|gracias),?\s*)$"
)
_PLACE_AFTER = re.compile(
    r"^,?\s*(?:[A-Z]{2}\b|Texas|California|Wisconsin|Illinois|Iowa|Maine|Wyoming)"
)
# A year before 1900 in the sentence: a historical figure ("Florence Nightingale was born on
# May 12, 1820"), not a patient.
HISTORICAL = re.compile(r"(?:\bin|\bof|\bsince|,)\s+1[0-8]\d\d\b")
_FIRST_WORD_VERB = re.compile(
    r"\s*(?:is|was|has|had|went|came|got|will|and|just|'s|’s|completed|received|celebrated|"
    r"turned|turns|walked|finished|spent|rang|arrived|needs|recovers|recovered|says|said|told|"
    r"loves|wants|fell|underwent|necesita|tuvo|estuvo|naci[óo]|cumpli[óo]|ya|est[áa]|fue|sali[óo])\b"
)
_NAME_TOKEN = re.compile(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñü'’-]*")
_NOT_NAME_TOKENS = {"Mrs", "Miss", "Sgt", "Don", "Doña"} | {w.capitalize() for w in STOP_WORDS}
_ANIMALS = (
    r"(?i:(?:therapy |service |facility )?"
    r"(?:dog|retriever|pup|puppy|cat|horse|labrador|poodle|doodle|mascot|perr[oa]))"
)
_ANIMAL_BEFORE = re.compile(rf"{_ANIMALS}\s*,?\s*$")
_ANIMAL_AFTER = re.compile(
    rf"^,?\s*(?:(?i:is |was )?(?i:our|the|a|an|nuestr[oa])\s+(?:\w+\s+){{0,2}}){_ANIMALS}\b"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    after_cue: bool = False  # found by the name-after-cue pattern
    proper_noun_only: bool = False  # proposed by the proper-noun recognizer alone
    before_verb: bool = False  # the subject of the verb after it ("Carmen lives at...")


@dataclass(frozen=True, slots=True)
class NameFinding:
    start: int
    end: int
    kind: IdentifierKind
    severity: Severity
    reason: str


def name_findings(
    context: Context, candidates: list[Candidate], *, aged: list[tuple[int, int]]
) -> tuple[list[NameFinding], list[tuple[int, int]]]:
    """The patients' and relatives' names, and the spans of the staff's (which the other rules
    read: a volunteer's age is not a patient's). `aged`: spans of ages over 89."""
    text = context.text
    merged = _merge(context, candidates)
    post_has_care = CARE.search(text) is not None or PATIENT.search(text) is not None or bool(aged)
    # Staff first: a name with a title or credential anywhere ("Tasha Greene, RN") is staff in
    # every mention, even in a sentence about a patient ("Tasha held Mom's hand").
    not_patients: set[str] = set()
    staff_spans = []
    for candidate in merged:
        if _staff_or_animal(context, candidate):
            not_patients |= _tokens(text[candidate.start : candidate.end])
            staff_spans.append((candidate.start, candidate.end))
    verdicts: dict[tuple[int, int], tuple[str | None, str]] = {}
    patient_tokens: dict[str, str] = {}
    for candidate in merged:
        tokens = _tokens(text[candidate.start : candidate.end])
        if tokens and tokens <= not_patients or _staff_or_animal(context, candidate):
            verdicts[(candidate.start, candidate.end)] = (None, "")
            continue
        verdict, cue = _classify(context, candidate, post_has_care, aged)
        verdicts[(candidate.start, candidate.end)] = (verdict, cue)
        if verdict == "patient":
            for token in tokens - not_patients:
                patient_tokens.setdefault(token, cue)
    # Second pass: a name not sorted by its own sentence follows its other mentions.
    for candidate in merged:
        key = (candidate.start, candidate.end)
        tokens = _tokens(text[candidate.start : candidate.end])
        if verdicts[key][0] is not None or tokens & not_patients:
            continue
        shared = [patient_tokens[t] for t in tokens if t in patient_tokens]
        if shared:
            verdicts[key] = ("patient", shared[0])
    found = [
        NameFinding(
            c.start,
            c.end,
            IdentifierKind.NAME,
            Severity.HIGH,
            _reason(verdicts[(c.start, c.end)][1]),
        )
        for c in merged
        if verdicts[(c.start, c.end)][0] == "patient"
    ]
    found += _other_mentions(context, patient_tokens, not_patients, merged)
    found += _coordinated(context, found, not_patients)
    return found, staff_spans


def _coordinated(context: Context, found: list[NameFinding], staff: set[str]) -> list:
    """Names listed with a patient's ("the twins, Bao and An") that no recognizer kept."""
    taken = [(f.start, f.end) for f in found]
    extra = []
    for finding in found:
        for start, end in coordinated_names(context.text, finding.end, staff):
            if any(s < end and start < e for s, e in taken):
                continue
            extra.append(NameFinding(start, end, finding.kind, finding.severity, finding.reason))
            taken.append((start, end))
    return extra


def _staff_or_animal(context: Context, candidate: Candidate) -> bool:
    before, after = context.before(candidate.start), context.after(candidate.end)
    staff_title = STAFF_BEFORE.search(before) and not honorific_patient(
        context, candidate.start, candidate.end
    )
    return bool(
        staff_title
        or STAFF_AFTER.search(after)
        or _ANIMAL_BEFORE.search(before)
        or _ANIMAL_AFTER.search(after)
    )


def _classify(
    context: Context, candidate: Candidate, post_has_care: bool, aged
) -> tuple[str | None, str]:
    text = context.text
    before, after = context.before(candidate.start), context.after(candidate.end)
    sentence = context.sentence(candidate.start)
    if HISTORICAL.search(text, sentence.start, sentence.end):
        return None, ""
    if _PLACE_AFTER.match(after) or _SAINT_BEFORE.search(before):  # "Dixon, IL", "St. Mary's"
        return None, ""
    if _TITLE_AFTER.match(after):  # "Maintenance tech Gus Varga": a department, then a role
        return None, ""
    following = _FOLLOWING_CAPITALS.match(after)
    if following and any(ORG_WORDS.match(w.rstrip(".")) for w in following.group(0).split()):
        return None, ""  # "our Women's Health team": part of an organization's name
    if not _plausible(context, candidate):
        return None, ""
    if not candidate.after_cue and names_a_thing(
        context, candidate.start, candidate.end, proper_noun_only=candidate.proper_noun_only
    ):
        return None, ""
    cue_before = _NAME_CUE.search(before)
    if candidate.after_cue or cue_before:
        return "patient", (cue_before.group(0).strip(" ,:") if cue_before else "patient")
    for start, end in aged:
        if sentence.start <= start < sentence.end:
            return "patient", text[start:end]
    if cue := context.cue(PATIENT, candidate.start, candidate.end):
        return "patient", cue
    if cue := context.cue(CARE, candidate.start, candidate.end):
        return "patient", cue
    if post_has_care and (_AGE_APPOSITION.match(after) or _signs_off(context, candidate)):
        return "patient", context.cue_within(
            CARE, candidate.start, candidate.end, 1000
        ) or "patient"
    # Weaker evidence: care words in the next or previous sentence, or anywhere in the post.
    # Not for a single capitalized word only the proper-noun recognizer proposed ("Balance,
    # Eyes, Face..." in a stroke post), nor in a sentence praising staff or inviting to an event.
    single_proper_noun = (
        candidate.proper_noun_only and " " not in text[candidate.start : candidate.end]
    )
    if single_proper_noun and not _subject_of_verb(context, candidate):
        return None, ""
    if context.cue(STAFF_POST, candidate.start, candidate.end) or context.cue(
        INVITATION, candidate.start, candidate.end
    ):
        return None, ""
    if cue := context.cue(CARE, candidate.start, candidate.end, neighbours=1):
        return "patient", cue
    if post_has_care:
        return "patient", context.cue_within(
            CARE, candidate.start, candidate.end, 1000
        ) or "patient"
    return None, ""


def _signs_off(context: Context, candidate: Candidate) -> bool:
    rest = context.text[candidate.end :].strip(" .!,\n")
    return (not rest or rest[:1].isdigit()) and bool(
        _SIGNATURE_BEFORE.search(context.text[: candidate.start])
    )


def _subject_of_verb(context: Context, candidate: Candidate) -> bool:
    return candidate.before_verb or bool(_FIRST_WORD_VERB.match(context.text, candidate.end))


def _plausible(context: Context, candidate: Candidate) -> bool:
    """A one-word candidate that opens a sentence may just be a capitalized word ("Gracias",
    "Nothing"): keep it only when a verb follows ("Jonah is going home") or the word shows up
    again mid-sentence."""
    surface = context.text[candidate.start : candidate.end]
    if " " in surface or candidate.after_cue or _AGE_APPOSITION.match(context.text, candidate.end):
        return True
    sentence = context.sentence(candidate.start)
    opening = context.text[sentence.start : candidate.start].strip(" \t\n¡¿\"“'(")
    if opening:
        return True
    if _subject_of_verb(context, candidate):
        return True
    for match in re.finditer(rf"\b{re.escape(surface)}\b", context.text):
        other = context.sentence(match.start())
        if match.start() != candidate.start and context.text[other.start : match.start()].strip(
            " \t\n¡¿\"“'("
        ):
            return True
    return False


def _merge(context: Context, candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per name: trimmed of leading titles and cue words, possessives and
    punctuation; organizations and hashtags dropped; overlapping spans joined."""
    text = context.text
    cleaned = []
    for candidate in candidates:
        start, end = candidate.start, candidate.end
        surface = text[start:end]
        lead = _LEADING.match(surface)
        if lead:
            start += lead.end()
        # "Maintenance tech Gus Varga": a lowercase word inside is not part of the name.
        inner = list(
            re.finditer(
                r"\s(?!(?:de|del|la|las|los|van|von|da|di|le|y)\s)[a-z][\w'’-]*\s+", text[start:end]
            )
        )
        if inner:
            start += inner[-1].end()
        tail = re.search(r"(?:\s+[a-z][\w'’-]*)+$", text[start:end])
        if tail:
            end = start + tail.start()
        surface = text[start:end]
        trimmed = re.sub(r"(?:['’]s?|[\s,;:!?)\"”]+|(?<![A-Z])\.)+$", "", surface)
        end = start + len(trimmed)
        surface = text[start:end]
        if (
            end <= start
            or not surface[:1].isupper()
            or any(ORG_WORDS.match(w) for w in surface.split())
        ):
            continue
        if surface.isupper() or text[max(0, start - 1) : start] in {"#", "@"}:
            continue
        if not candidate.after_cue and surface.lower() in STOP_WORDS:
            continue
        cleaned.append(
            Candidate(
                start, end, candidate.after_cue, candidate.proper_noun_only, candidate.before_verb
            )
        )
    cleaned.sort(key=lambda c: (c.start, -(c.end - c.start)))
    merged: list[Candidate] = []
    for candidate in cleaned:
        if merged and candidate.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Candidate(
                last.start,
                max(last.end, candidate.end),
                last.after_cue or candidate.after_cue,
                last.proper_noun_only and candidate.proper_noun_only,
                last.before_verb or candidate.before_verb,
            )
        else:
            merged.append(candidate)
    return merged


def _other_mentions(
    context: Context, patient_tokens, staff_tokens, candidates
) -> list[NameFinding]:
    """Mentions of a patient's name that no recognizer proposed ("Maria" after "Maria Lopez")."""
    if not patient_tokens:
        return []
    taken = [(c.start, c.end) for c in candidates]
    extra = []
    for match in _NAME_TOKEN.finditer(context.text):
        token = re.sub(r"['’]s?$", "", match.group(0))
        start, end = match.start(), match.start() + len(token)
        if token not in patient_tokens or token in staff_tokens:
            continue
        if any(s < end and start < e for s, e in taken) or STAFF_BEFORE.search(
            context.before(start)
        ):
            continue
        extra.append(
            NameFinding(
                start, end, IdentifierKind.NAME, Severity.HIGH, _reason(patient_tokens[token])
            )
        )
        taken.append((start, end))
    return extra


def _tokens(surface: str) -> set[str]:
    return {
        t
        for t in (re.sub(r"['’]s?$", "", token) for token in _NAME_TOKEN.findall(surface))
        if len(t) > 2 and t not in _NOT_NAME_TOKENS
    }


def _reason(cue: str) -> str:
    if cue and cue.lower() not in {"patient", "paciente", "our patient"}:
        return (
            f"A patient's or a relative's name next to a care detail (\"{cue}\") identifies the "
            "patient. Remove it or get the patient's written consent."
        )
    return (
        "A patient's name identifies them. Remove it or get the patient's written consent "
        "(a signed authorization) before posting."
    )
