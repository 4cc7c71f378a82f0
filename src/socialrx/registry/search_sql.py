"""The SQL pieces of registry search, for both databases.

PostgreSQL compares with pg_trgm (`word_similarity`, `strict_word_similarity`, `similarity`,
and the `%>`/`%>>` operators the trigram index on srx_fold(name) serves); SQLite with Python
functions of the same meaning that `search_functions` registers. Names and cities are compared
folded (`srx_fold`, search_text.fold).

Conditions and prominence are Django expressions; the name's score is SQL text over a column
holding the folded name, computed once per row (see search_ranking)."""

from __future__ import annotations

import math

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Least, Ln, Upper
from django.db.models.lookups import Contains, Exact, GreaterThanOrEqual, In

from .models import Account, EntityKind
from .search_functions import (
    POSTGRES_STRICT_THRESHOLD,
    SQLITE_SIMILARITY,
    SQLITE_STRICT_WORD_SIMILARITY,
    SQLITE_WORD_SIMILARITY,
)
from .search_text import FOLD_FUNCTION, distinctive

# At or above this a name matches on SQLite (rapidfuzz's partial ratio). PostgreSQL matches
# with pg_trgm's strict word similarity, at least 0.5 (set by search_functions): "jonhs
# hopkins" has 0.59 against JOHNS HOPKINS HOSPITAL, THE, "rochester" 0.4 against WINCHESTER
# MEDICAL CENTER.
SQLITE_WORD_THRESHOLD = 0.8
# Shorter queries (in letters and digits) are matched literally only: "mgh" is not fuzzy.
MIN_FUZZY_LENGTH = 4
# SQLite: the full-text index of names (trigrams; migration 0006 keeps it with triggers), and
# how many of the names sharing most trigrams with a query are compared with it.
SQLITE_NAME_INDEX = "registry_entity_name_fts"
SQLITE_NAME_TERMS = "registry_entity_name_terms"
SQLITE_FUZZY_CANDIDATES = 300
SQLITE_RARE_TRIGRAMS = 8

# A name's score: mostly whether the query's words are in the name (strict word similarity:
# the query against the name's closest run of whole words; its distinctive words again on
# their own), a little whether the name is the query (similarity: MAYO CLINIC before MAYO
# CLINIC HEALTH SYSTEM - FAIRMONT for "mayo clinic"), and a bonus when the name starts with
# or is the query.
STRICT_WEIGHT, DISTINCTIVE_WEIGHT, WHOLE_WEIGHT = 0.6, 0.2, 0.2
STARTS_BONUS, EXACT_BONUS = 0.05, 0.1
# The other ways to match.
IDENTIFIER_SCORE = 1.2
ALIAS_SCORE = 1.1
HANDLE_SCORE, HANDLE_EXACT_SCORE = 0.9, 1.15
CITY_SCORE = 0.8
# A physician found by the city alone: a place name asks for places more than for people.
PERSON_CITY_SCORE = 0.7
ZIP_SCORE = 0.8
# "rochester mayo": being in the city sets a floor, the name's match the rest.
SPLIT_FLOOR, SPLIT_SHARE = 0.3, 0.7
# A state typed after the name ("mayo clinic az") counts as much as full prominence.
STATE_BONUS = 0.3

# Prominence, 0 to 1: the largest following (10 million counts as full), beds (2,000 as full),
# a listed account, a verified account, a claimed listing, being a hospital or health system.
FOLLOWERS_WEIGHT, BEDS_WEIGHT = 0.4, 0.25
ACCOUNT_WEIGHT, VERIFIED_WEIGHT, CLAIMED_WEIGHT, INSTITUTION_WEIGHT = 0.1, 0.1, 0.1, 0.05
FULL_FOLLOWING, FULL_BEDS = 10_000_000, 2_000


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class Fold(Func):
    """srx_fold(text): lower case, no accents or punctuation (search_text.fold)."""

    function = FOLD_FUNCTION
    arity = 1
    output_field = CharField()


def folded_name() -> Fold:
    return Fold(F("name"))


# --- conditions (Django) -----------------------------------------------------------------------


def name_matches(text: str) -> Q:
    """The folded name matches the folded `text`, typos and all, found through an index: on
    PostgreSQL its trigram index (strict word similarity at least 0.5); on SQLite the
    full-text index of trigrams (`similar_names`), then compared one by one. A short text is
    matched literally."""
    if len(text.replace(" ", "")) < MIN_FUZZY_LENGTH:
        return name_contains(text)
    if is_postgres():
        from django.contrib.postgres.lookups import TrigramStrictWordSimilar  # noqa: PLC0415 - contrib.postgres is installed only on PostgreSQL

        return Q(TrigramStrictWordSimilar(folded_name(), Value(text)))
    return Q(pk__in=similar_names(trigrams_of([text]))) & name_resembles(text)


def name_close_to(text: str) -> Q:
    """PostgreSQL: the folded name has a stretch close to `text` (word similarity at least
    0.6, core.search's threshold, through the trigram index): tighter than `name_matches`, for
    the listings with an account looked at before anything settles the query."""
    if len(text.replace(" ", "")) < MIN_FUZZY_LENGTH:
        return name_contains(text)
    from django.contrib.postgres.lookups import TrigramWordSimilar  # noqa: PLC0415 - contrib.postgres is installed only on PostgreSQL

    return Q(TrigramWordSimilar(folded_name(), Value(text)))


def trigrams_of(texts) -> list[str]:
    return sorted({w[i : i + 3] for text in texts for w in text.split() for i in range(len(w) - 2)})


def rare_trigrams(texts) -> list[str]:
    """SQLite: the trigrams of `texts` that fewest names hold (one query on the index's
    vocabulary). Looking a misspelt query up by these alone is as good and much cheaper: "mar"
    and "hos" are in a hundred thousand names of a million, "mai" and "nid" in a few."""
    trigrams = trigrams_of(texts)
    if not trigrams:
        return []
    marks = ", ".join(["%s"] * len(trigrams))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, doc FROM {SQLITE_NAME_TERMS} WHERE term IN ({marks})",  # noqa: S608 - placeholders only
            trigrams,
        )
        held = dict(cursor.fetchall())
    present = sorted((t for t in trigrams if held.get(t)), key=lambda t: (held[t], t))
    if not present:
        return trigrams[:1]
    # The rarest few, and the others not much commoner than the rarest.
    ceiling = max(4 * held[present[0]], 500)
    kept = [t for t in present if held[t] <= ceiling]
    return (kept if len(kept) >= 3 else present[:3])[:SQLITE_RARE_TRIGRAMS]


def similar_names(trigrams: list[str], listed_only: bool = False) -> RawSQL:
    """SQLite: ids of the names holding most of `trigrams` (the full-text index's ranking),
    at most SQLITE_FUZZY_CANDIDATES; only listings with an account if `listed_only`."""
    match = " OR ".join(f'"{trigram}"' for trigram in trigrams) or '""'
    if listed_only:
        return RawSQL(  # noqa: S611 - constant names; what is looked for is a parameter
            f"SELECT f.rowid FROM {SQLITE_NAME_INDEX} AS f JOIN registry_entity AS e "  # noqa: S608 - constant names
            f"ON e.id = f.rowid WHERE {SQLITE_NAME_INDEX} MATCH %s AND e.has_account "
            f"ORDER BY f.rank LIMIT {SQLITE_FUZZY_CANDIDATES}",
            [match],
        )
    return RawSQL(  # noqa: S611 - constant names; what is looked for is a parameter
        f"SELECT rowid FROM {SQLITE_NAME_INDEX} WHERE {SQLITE_NAME_INDEX} MATCH %s "  # noqa: S608 - constant names
        f"ORDER BY rank LIMIT {SQLITE_FUZZY_CANDIDATES}",
        [match],
    )


def name_resembles(text: str) -> Q:
    """Like `name_matches`, as a comparison no index serves: for names already narrowed down
    (a city's), where reading an index would cost more."""
    if len(text.replace(" ", "")) < MIN_FUZZY_LENGTH:
        return Q(Contains(folded_name(), text))
    function, threshold = (
        ("strict_word_similarity", POSTGRES_STRICT_THRESHOLD)
        if is_postgres()
        else (SQLITE_WORD_SIMILARITY, SQLITE_WORD_THRESHOLD)
    )
    similar = Func(Value(text), folded_name(), function=function, output_field=FloatField())
    return Q(GreaterThanOrEqual(similar, threshold))


def name_contains(text: str) -> Q:
    """The folded name contains `text`: on PostgreSQL as it is (the trigram index serves it);
    on SQLite each of its words, wherever they are (its full-text index serves it)."""
    if is_postgres():
        return Q(Contains(folded_name(), text))
    words = [word for word in text.split() if len(word) >= 3]  # the index holds trigrams
    if not words:
        return Q(name__icontains=text)
    # Each word, wherever it is: "cedars sinai" is in CEDARS-SINAI MEDICAL CENTER too.
    return Q(
        pk__in=RawSQL(  # noqa: S611 - constant names; what is looked for is a parameter
            f"SELECT rowid FROM {SQLITE_NAME_INDEX} WHERE {SQLITE_NAME_INDEX} MATCH %s",  # noqa: S608 - constant names
            [" AND ".join(f'"{word}"' for word in words)],
        )
    )


def city_is(forms: tuple[str, ...]) -> Q:
    """The city is one of the folded `forms`. PostgreSQL compares it folded (an index on
    srx_fold(city)); SQLite in capitals (the index on UPPER(city)), which finds CMS's
    unaccented cities for an accented query but not an accented city for an unaccented one."""
    if is_postgres():
        return Q(In(Fold(F("city")), list(forms)))
    return Q(In(Upper(F("city")), [form.upper() for form in forms]))


def city_is_sql(forms: tuple[str, ...]) -> tuple[str, list]:
    """`city_is` as SQL text over registry_entity, for a probe too small to build with the
    ORM."""
    placeholders = ", ".join(["%s"] * len(forms))
    if is_postgres():
        return f"{FOLD_FUNCTION}(city) IN ({placeholders})", list(forms)
    return f"UPPER(city) IN ({placeholders})", [form.upper() for form in forms]


# --- the name's score (SQL text over a folded-name column) ----------------------------------


def name_score_sql(texts: tuple[str, ...], column: str) -> tuple[str, list]:
    """SQL for how well the folded name in `column` matches the best of `texts` (0 to 1.1),
    and its parameters. The words thousands of names share count less: a text's distinctive
    words are matched again on their own ("maoy" of "maoy clinic" is nearer MAYO CLINIC than
    CLEVELAND CLINIC, though "clinic" is in both)."""
    strict, whole = _similarity_functions()
    parts, params = [], []
    for text in texts:
        own = distinctive(text)
        if own == text:
            words = f"{STRICT_WEIGHT + DISTINCTIVE_WEIGHT} * {strict}(%s, {column})"
            params.append(text)
        else:
            words = (
                f"{STRICT_WEIGHT} * {strict}(%s, {column}) "
                f"+ {DISTINCTIVE_WEIGHT} * {strict}(%s, {column})"
            )
            params += [text, own]
        parts.append(
            f"({words} + {WHOLE_WEIGHT} * {whole}(%s, {column}) + CASE WHEN {column} = %s "
            f"THEN {EXACT_BONUS} WHEN {column} LIKE %s THEN {STARTS_BONUS} ELSE 0 END)"
        )
        params += [text, text, text + " %"]
    if len(parts) == 1:
        return parts[0], params
    return f"{greatest_function()}({', '.join(parts)})", params


def _similarity_functions() -> tuple[str, str]:
    if is_postgres():
        return "strict_word_similarity", "similarity"
    return SQLITE_STRICT_WORD_SIMILARITY, SQLITE_SIMILARITY


def greatest_function() -> str:
    return "GREATEST" if is_postgres() else "MAX"


def subquery_fence() -> str:
    """What keeps a subquery from being merged into the query around it, so that a column it
    computes (the folded name) is computed once per row."""
    return "OFFSET 0" if is_postgres() else "LIMIT -1 OFFSET 0"


# --- prominence (Django) -----------------------------------------------------------------------


def _listed(**conditions):
    return Account.objects.filter(entity=OuterRef("pk"), removed_on__isnull=True, **conditions)


def top_followers():
    """The largest follower count of the entity's listed accounts (0 without any); only
    entities with an account are looked up (an indexed column says which)."""
    largest = _listed(followers__isnull=False).order_by("-followers").values("followers")[:1]
    return Case(
        When(has_account=True, then=Coalesce(Subquery(largest), Value(0))),
        default=Value(0),
    )


def prominence():
    """How prominent a listing is, 0 to 1 (uses the `top_followers` annotation)."""
    # A scalar subquery with LIMIT 1, looked up per candidate with an account through the
    # account's entity index (an EXISTS here was hashed over every account in the registry).
    verified = Case(
        When(
            has_account=True,
            then=Coalesce(Subquery(_listed(verified=True).values("verified")[:1]), False),
        ),
        default=Value(False),
    )
    return (
        FOLLOWERS_WEIGHT * log_scale(F("top_followers"), FULL_FOLLOWING)
        + BEDS_WEIGHT * log_scale(Coalesce(F("bed_count"), Value(0)), FULL_BEDS)
        + _if(Q(has_account=True), ACCOUNT_WEIGHT)
        + _if(Q(Exact(verified, True)), VERIFIED_WEIGHT)
        + _if(Q(organization__isnull=False), CLAIMED_WEIGHT)
        + _if(Q(kind__in=[EntityKind.HOSPITAL, EntityKind.HEALTH_SYSTEM]), INSTITUTION_WEIGHT)
    )


def log_scale(expression, full: int):
    """ln(1 + x) / ln(1 + full), at most 1."""
    return Least(
        Ln(Value(1.0) + expression) / Value(math.log(1 + full)),
        Value(1.0),
        output_field=FloatField(),
    )


def state_bonus(state: str):
    return _if(Q(state=state), STATE_BONUS) if state else Value(0.0)


def _if(condition: Q, weight: float):
    return Case(When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField())
