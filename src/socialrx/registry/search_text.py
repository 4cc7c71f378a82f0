"""Text as the registry's search compares it: folded (no accents, case or punctuation), and a
query read for what it asks (an identifier, a ZIP code, an account, a name, a city with a
name), with the spellings of health-care names it may stand for.

No database: `search_ranking` turns a `ParsedQuery` into SQL. The folding is
done the same way by the database (`srx_fold`: a PostgreSQL function over `unaccent`, created by
migration 0006; on SQLite the Python `fold` below, registered on each connection), so a folded
query is compared with folded names on either."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import models

from socialrx.core.geography import US_STATES
from socialrx.core.identifiers import CCN_PATTERN, npi_check_digit_ok
from socialrx.core.platforms import (
    AccountAddress,
    AccountAddressError,
    detect_platform,
    normalize_account,
)

FOLD_FUNCTION = "srx_fold"


class Sort(models.TextChoices):
    """The orders a search's results can be shown in."""

    RELEVANCE = "relevance", "Relevance"
    NAME = "name", "Name"
    FOLLOWERS = "followers", "Most followers"


# What a query is cut to before it is read; the page says so when it cuts.
MAX_QUERY_LENGTH = 200

# Letters NFKD leaves whole, spelled as PostgreSQL's unaccent spells them.
_LIGATURES = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ı": "i"}
)  # fmt: skip
_APOSTROPHES = re.compile(r"['`´’‘]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case without accents or punctuation, words separated by one space: "Children's
    Hospital – Mayagüez" is "childrens hospital mayaguez". An apostrophe joins its word
    ("ST. MARY'S" is "st marys"), as people type it."""
    if text is None:
        return None
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", text)).strip()


# --- the spellings of health-care names --------------------------------------------------------

# Short forms people (and CMS) write, and the word each stands for. A query is also tried with
# every short form written out, and with the words CMS usually shortens shortened.
ABBREVIATIONS = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "hosp": "hospital",
    "hsp": "hospital", "hosps": "hospitals", "hlth": "health", "hlthcare": "healthcare",
    "med": "medical", "ctr": "center", "cntr": "center", "centre": "center", "ctrs": "centers",
    "mem": "memorial", "meml": "memorial", "reg": "regional", "rgnl": "regional",
    "univ": "university", "comm": "community", "cmty": "community", "sys": "system",
    "systm": "system", "gen": "general", "psych": "psychiatric", "rehab": "rehabilitation",
    "mass": "massachusetts", "natl": "national", "inst": "institute", "intl": "international",
    "childrens": "childrens", "children": "childrens", "kids": "childrens", "womens": "womens",
    "peds": "pediatric", "cty": "county", "svcs": "services", "assoc": "associates",
}  # fmt: skip
# CMS writes these short more often than long (ST 316 names, SAINT 72; FT and FORT alike).
CMS_SHORT = {"saint": "st", "mount": "mt", "fort": "ft"}
# How CMS shortens the others, in the few names it does ("OVERLAND PARK REG MED CTR").
CMS_CONTRACTIONS = {
    **CMS_SHORT, "medical": "med", "center": "ctr", "regional": "reg", "hospital": "hosp",
    "university": "univ", "health": "hlth", "memorial": "mem", "community": "comm",
}  # fmt: skip
# Words that carry nothing a name is found by ("ANN & ROBERT H LURIE", "HOPKINS HOSPITAL, THE",
# "hospital in putnam").
FILLER = {"the", "and", "dr", "in", "near"}
# Words thousands of names share: a name is told apart by its other words, so a misspelt query
# is looked up by those ("bellvue hospital" by "bellvue"), and a city followed only by these
# ("woonsocket hospital") asks for what is in that city.
GENERIC = {
    "hospital", "hospitals", "medical", "center", "centers", "health", "healthcare",
    "memorial", "regional", "county", "community", "system", "inc", "llc", "of", "at", "for",
    "campus", "services", "care", "clinic", "clinics",
}  # fmt: skip

STATE_CODES = {code.lower(): code for code, _ in US_STATES}
STATE_NAMES = {fold(name): code for code, name in US_STATES}

_IDENTIFIER = re.compile(
    r"^(?P<label>ccn|cms|cms id|provider|provider id|provider number|facility id|npi)"
    r"\s*(?:#|no|number|:)?\s*(?P<value>[0-9a-z][0-9a-z -]*)$"
)
_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")
_REGISTRY_PAGE = re.compile(r"/registry/(hospitals|physicians)/([0-9A-Za-z]{6,10})/?")
_HANDLE = re.compile(r"^@?[A-Za-z0-9_.\-]{3,}$")


@dataclass(frozen=True)
class ParsedQuery:
    """What a query asks for. `variants` are folded spellings of the name to look for;
    `city_splits` are (city, rest of the name) readings of "rochester mayo"."""

    text: str = ""
    folded: str = ""
    ccn: str = ""
    npi: str = ""
    zip_code: str = ""
    address: AccountAddress | None = None
    handle: str = ""
    variants: tuple[str, ...] = ()
    # The variants without GENERIC words, when something is left ("harbor view" for "harbor
    # view medical center"): what the typo-tolerant lookup over every name looks for.
    distinctive: tuple[str, ...] = ()
    # The query without a trailing state ("galion" for "galion ohio").
    bare: str = ""
    city_splits: tuple[tuple[str, str], ...] = ()
    state: str = ""
    # Why nothing can be looked for ("only symbols"), or "" when something can.
    unreadable: str = ""
    cut: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def is_identifier(self) -> bool:
        return bool(self.ccn or self.npi or self.zip_code or self.address)


def parse_query(raw: str) -> ParsedQuery:
    """Read a query: a pasted address, an identifier (with or without "CCN"/"NPI"), a ZIP
    code, or a name (possibly a handle, possibly with its city or state)."""
    text = " ".join((raw or "").split())
    cut = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    if not text:
        return ParsedQuery()
    page = _REGISTRY_PAGE.search(text)
    if page and "://" in text or page and text.startswith("/"):
        kind, key = page.groups()
        if kind == "hospitals":
            return ParsedQuery(text=text, ccn=key.upper(), cut=cut)
        return ParsedQuery(text=text, npi=key, cut=cut)
    address = _pasted_address(text)
    if address is not None:
        return ParsedQuery(text=text, address=address, cut=cut)
    folded = fold(text)
    if not folded:
        return ParsedQuery(text=text, unreadable="symbols", cut=cut)
    identifier = _identifier(folded)
    if identifier is not None:
        return ParsedQuery(text=text, folded=folded, cut=cut, **identifier)
    if zip_match := _ZIP.match(text.strip()):
        return ParsedQuery(text=text, folded=folded, zip_code=zip_match[1], cut=cut)
    handle = text.lstrip("@").lower() if _HANDLE.match(text) else ""
    words = [w for w in folded.split() if w not in FILLER] or folded.split()
    state, name_words = _trailing_state(words)
    variants = _variants(words, name_words)
    return ParsedQuery(
        text=text,
        folded=folded,
        handle=handle,
        variants=variants,
        distinctive=_distinctive(variants),
        bare=" ".join(name_words),
        city_splits=_city_splits(name_words),
        state=state,
        cut=cut,
    )


def _pasted_address(text: str) -> AccountAddress | None:
    """The account a pasted address (a platform URL, a Mastodon @name@server) names, if any."""
    if not detect_platform(text):
        return None
    try:
        return normalize_account(text)
    except AccountAddressError:
        return None


def _identifier(folded: str) -> dict | None:
    """A CCN or an NPI, written bare ("240010") or with its label ("CCN 240010", "NPI:
    1234567893"). A labelled value that is not a valid one is still looked for (and found by
    nobody) rather than read as a name."""
    labelled = _IDENTIFIER.match(folded)
    value = (labelled["value"] if labelled else folded).replace(" ", "").replace("-", "")
    if labelled and labelled["label"] == "npi":
        return {"npi": value}
    if labelled:
        return {"ccn": value.upper()}
    if CCN_PATTERN.match(value.upper()) and any(c.isdigit() for c in value) and " " not in folded:
        return {"ccn": value.upper()}
    if len(value) == 10 and npi_check_digit_ok(value):
        return {"npi": value}
    return None


def _trailing_state(words: list[str]) -> tuple[str, list[str]]:
    """A state written after the name or the city ("mayo clinic az", "lebanon nh hospital"):
    it ranks that state's entities first; the name is looked for with and without it."""
    for size in (2, 1):  # "new york", "rhode island" before "york"
        tail = " ".join(words[-size:]) if len(words) > size else ""
        code = STATE_NAMES.get(tail) or (STATE_CODES.get(tail) if size == 1 else None)
        if code:
            return code, words[:-size]
    # A state's code before generic words ("lebanon nh hospital"); not a state's name, which
    # is part of many names ("university of washington medical center").
    end = len(words)
    while end > 1 and words[end - 1] in GENERIC:
        end -= 1
    code = STATE_CODES.get(words[end - 1]) if 1 < end < len(words) else None
    if code:
        return code, words[: end - 1] + words[end:]
    return "", words


def is_generic(text: str) -> bool:
    """Whether `text` has only words thousands of names share, and perhaps a state ("oregon
    hospital" after "astoria" asks for what is in Astoria)."""
    words = [w for w in text.split() if ABBREVIATIONS.get(w, w) not in GENERIC]
    rest = " ".join(words)
    return not words or rest in STATE_NAMES or rest in STATE_CODES


def distinctive(text: str) -> str:
    """`text` without the words thousands of names share, or all of it if nothing is left."""
    kept = " ".join(w for w in text.split() if ABBREVIATIONS.get(w, w) not in GENERIC)
    return kept or text


def _distinctive(variants: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(distinctive(variant) for variant in variants))


def _variants(words: list[str], name_words: list[str]) -> tuple[str, ...]:
    """The name as typed, with short forms written out, with SAINT, MOUNT and FORT shortened
    (as CMS mostly writes them), with every word CMS ever shortens shortened, and without a
    trailing state: at most five spellings."""
    typed = " ".join(words)
    long_words = [ABBREVIATIONS.get(w, w) for w in name_words]
    expanded = " ".join(long_words)
    shortened = " ".join(CMS_SHORT.get(w, w) for w in long_words)
    contracted = " ".join(CMS_CONTRACTIONS.get(w, w) for w in long_words)
    without_state = " ".join(name_words)
    found = []
    for variant in (typed, expanded, shortened, contracted, without_state):
        if variant and variant not in found:
            found.append(variant)
    return tuple(found)


def _city_splits(words: list[str]) -> tuple[tuple[str, str], ...]:
    """ "rochester mayo" may be Mayo in Rochester, "mayo rochester mn" Mayo in Rochester
    (Minnesota): the first or last one to three words as a city, the rest as the name (a rest
    of generic words only, as in "woonsocket hospital", asks for anything in the city)."""
    splits = []
    if len(words) < 2:
        return ()
    for size in range(1, min(3, len(words) - 1) + 1):
        head, rest = " ".join(words[:size]), " ".join(words[size:])
        splits.append((head, rest))
        tail, front = " ".join(words[-size:]), " ".join(words[:-size])
        splits.append((tail, front))
    return tuple(dict.fromkeys(splits))
