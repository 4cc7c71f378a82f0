"""A Presidio recognizer for the names spaCy's small English model does not call PERSON.

The model misses many first names and most non-English ones ("Mildred Okafor" comes out as a
place, "Valentina Rojas" as nothing), but a capitalized word inside a sentence is almost always a
proper noun. This recognizer proposes each run of capitalized words as a possible name; the
rules (rules_people.py) keep only those in a patient's context, exactly as for spaCy's own
PERSON entities. Not proposed: runs inside dates and numbers, hashtags and handles, the names
of organizations, places and events ("Family Birth Center", "Walk for Preemies"), and the
capitalized words that open sentences and greetings ("Meet", "Happy", "Gracias")."""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from .rules_vocabulary import ORG_WORDS, STOP_WORDS

ENTITY = "PERSON_PROPN"

_NAME_SHAPE = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:['’-][A-Za-záéíóúñü]+)?$")
_CAPITALIZED = re.compile(r"^[A-ZÁÉÍÓÚÑ]")
_INITIAL = re.compile(r"^[A-Z]\.$")
_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
# Punctuation after which a capitalized word may just open a sentence. Not dashes: a name after
# a dash signs a comment ("Thank you! - Edna").
_SENTENCE_OPENERS = {".", "!", "?", "¡", "¿", ":", ";", '"', "“", "•"}
_DASHES = {"-", "–", "—", "~"}
_ABBREVIATED = {"Rd", "St", "Ave", "Blvd", "Dr", "Mr", "Mrs", "Ms", "Jr", "Sr", "Ln", "Ct"}
_GENDERED_PRONOUNS = {"he", "she", "his", "her", "him", "hers", "él", "ella"}
_COMMON_NOUN_ENDING = re.compile(r"(?:ing|tion|sion|ment|ness|ity|ance|ence|ship|ery|ure|ism)$")
_TITLE_ARTICLES = {"The", "La", "Las", "El", "Los"}
_TITLE_CONNECTORS = {"for", "of", "de", "del"}


class ProperNounRecognizer(LocalRecognizer):
    """Runs of capitalized words (with a trailing initial: "Patricia K.")."""

    def __init__(self):
        super().__init__(
            supported_entities=[ENTITY], name="socialrx_proper_nouns", supported_language="en"
        )

    def load(self) -> None:  # nothing to load: it reads the spaCy document Presidio made
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        doc = nlp_artifacts.tokens
        numeric = {
            i
            for ent in doc.ents
            if ent.label_ in _NUMERIC_LABELS
            for i in range(ent.start, ent.end)
        }
        results, run = [], []
        for token in doc:
            capitalized = (
                _CAPITALIZED.match(token.text)
                and token.i not in numeric
                and (token.is_alpha or _INITIAL.match(token.text))
            )
            if capitalized or (run and _INITIAL.match(token.text)):
                run.append(token)
                continue
            results.extend(self._results(run))
            run = []
        results.extend(self._results(run))
        return results

    def _results(self, run) -> list[RecognizerResult]:
        if not run or any(ORG_WORDS.match(t.text) for t in run) or _titled(run):
            return []
        if any(
            t.text.isupper() and len(t.text) > 1 and not _INITIAL.match(t.text) for t in run
        ):  # "Cardiac ICU", "ER Team"
            return []
        doc = run[0].doc
        if run[0].i > 0 and doc[run[0].i - 1].text in {"#", "@"}:
            return []
        names = [t for t in run if _is_name_token(t) or _INITIAL.match(t.text)]
        # Keep the stretches of consecutive name tokens ("Meet Ava Thompson": "Ava Thompson").
        stretches, current = [], []
        for token in names:
            if current and token.i != current[-1].i + 1:
                stretches.append(current)
                current = []
            current.append(token)
        if current:
            stretches.append(current)
        return [
            self._result(s[:4]) for s in stretches if not all(_INITIAL.match(t.text) for t in s)
        ]

    def _result(self, tokens) -> RecognizerResult:
        return RecognizerResult(
            entity_type=ENTITY,
            start=tokens[0].idx,
            end=tokens[-1].idx + len(tokens[-1].text),
            score=0.4,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def _is_name_token(token) -> bool:
    if not _NAME_SHAPE.match(token.text) or token.text.lower() in STOP_WORDS or token.is_stop:
        return False
    return (
        token.tag_ in {"NNP", "NNPS"} or not _opens_sentence(token) or _subject_with_pronoun(token)
    )


def _subject_with_pronoun(token) -> bool:
    """A capitalized word opening a sentence, followed by a verb, and later in the sentence
    a he or she ("Carmen lives at ... with her daughter"): a person the tagger did not know.
    "Parking was a nightmare" has no pronoun; words shaped like common nouns are left out."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].tag_[:2] not in {"VB", "MD"}:
        return False
    if _COMMON_NOUN_ENDING.search(token.text.lower()):
        return False
    for following in doc[token.i + 2 : token.i + 30]:
        if following.text in {"!", "?"} or (
            following.text == "." and doc[following.i - 1].text not in _ABBREVIATED
        ):
            return False
        if following.lower_ in _GENDERED_PRONOUNS:
            return True
    return False


def _opens_sentence(token) -> bool:
    doc, i = token.doc, token.i - 1
    while i >= 0 and (
        doc[i].is_space or _is_symbol(doc[i].text) or doc[i].text in {"¡", "¿", '"', "“", "("}
    ):
        i -= 1
    return i < 0 or doc[i].text in _SENTENCE_OPENERS or doc[i].text.endswith((".", "!", "?"))


def _is_symbol(text: str) -> bool:
    """Emoji and other symbols between sentences ("home! 🎉 Thank you")."""
    return not any(ch.isalnum() for ch in text) and text not in _SENTENCE_OPENERS | _DASHES


def _titled(run) -> bool:
    """A run inside a title: "Walk for Preemies", "Sisters of Mercy", "Las Mañanitas"."""
    doc, first = run[0].doc, run[0].i
    if (
        first >= 2
        and doc[first - 1].text in _TITLE_CONNECTORS
        and _CAPITALIZED.match(doc[first - 2].text)
    ):
        return doc[first - 2].text.lower() not in STOP_WORDS
    return run[0].text in _TITLE_ARTICLES and not _opens_sentence(run[0])
