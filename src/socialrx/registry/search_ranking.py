"""The ranking statement of registry search: one SQL query, on PostgreSQL and SQLite alike,
that finds the candidates and ranks them.

    WITH found AS (            -- each way the query may match, capped, with its match score
        SELECT id, match, lookup, cap, settles FROM (<a lookup>) ... UNION ALL ...
    ), best AS (SELECT id, MAX(match) AS match FROM found GROUP BY id)
    SELECT e.id, best.match * e.boost + e.bonus AS relevance, e.top_followers, <capped>, <settled>
    FROM best JOIN (<the filtered entities, with their prominence>) AS e ON e.id = best.id
    WHERE best.match >= <half the best match>
    ORDER BY ...

Each lookup is served by an index on PostgreSQL (trigram on srx_fold(name), b-tree on
srx_fold(city), CCN, NPI, ZIP code, account keys, aliases) and capped, so a common word or a
city of a hundred thousand physicians cannot make the ranking grow with the registry. A name's
match is computed once per candidate, over its folded name (search_sql.name_score_sql).

The typo-tolerant lookup over every name (the index's costliest scan) runs only when the others
found nothing that settles the query: a name containing it as typed, a known short name, an
identifier, a city. So a search is one statement, or two for a misspelling (and a probe of
which words are cities): a fixed number however large the registry."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, FloatField, Max, Q, QuerySet, Value, When

from . import search_sql as sql
from .models import Account, Entity, EntityAlias, EntityKind
from .search_text import ABBREVIATIONS, CMS_SHORT, ParsedQuery, is_generic

NAME_CAP = 100
CITY_CAP = 150
SPLIT_CAP = 60
SMALL_CAP = 50
# How much prominence (0 to 1) raises a match (0 to 1.2): up to 30 %.
PROMINENCE_WEIGHT = 0.3
# A candidate matching less than this share of the best match is left out: beside CLEVELAND
# CLINIC for "cleveland clinic", GRAND ITASCA CLINIC AND HOSPITAL is noise.
WEAKEST_SHARE = 0.5

ORDERS = {
    "relevance": "relevance DESC, e.name, e.id",
    "name": "e.name, e.id",
    "followers": "e.top_followers DESC, relevance DESC, e.name, e.id",
}


@dataclass(frozen=True)
class Lookup:
    sql: str  # SELECT id, match FROM …
    params: list
    cap: int
    settles: bool = True  # finding something this way makes the fuzzy lookup needless


@dataclass(frozen=True)
class Ranked:
    id: int
    relevance: float
    top_followers: int


def rank(entities: QuerySet[Entity], parsed: ParsedQuery, order: str) -> tuple[list[Ranked], bool]:
    """The candidates in `order` ("relevance", "name" or "followers"), and whether a lookup
    was cut at its cap (then there are more matches than those ranked)."""
    entities = entities.order_by()
    cities = known_cities(parsed)
    lookups = _lookups(entities, parsed, cities)
    scored = _with_standing(entities, parsed)
    ranked, capped, settled = _run(scored, lookups, order)
    if parsed.variants and not settled:
        lookups += _anywhere(entities, parsed) + _people_in_cities(entities, parsed, cities)
        ranked, capped, _ = _run(scored, lookups, order)
    return ranked, capped


def _with_standing(entities: QuerySet[Entity], parsed: ParsedQuery) -> tuple[str, list]:
    """SQL for the filtered entities with what raises their match: `boost` (1 + weighted
    prominence) and `bonus` (the state asked for)."""
    scored = entities.annotate(top_followers=sql.top_followers()).annotate(
        boost=1 + PROMINENCE_WEIGHT * sql.prominence(), bonus=sql.state_bonus(parsed.state)
    )
    return _compiled(scored.values("id", "name", "top_followers", "boost", "bonus"))


def _run(scored, lookups: list[Lookup], order: str) -> tuple[list[Ranked], bool, bool]:
    scored_sql, scored_params = scored
    parts, params = [], []
    for number, lookup in enumerate(lookups):
        parts.append(
            f"SELECT id, match, {number} AS lookup, {lookup.cap} AS cap, "  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters
            f"{int(lookup.settles)} AS settles FROM ({lookup.sql}) AS l{number}"
        )
        params += lookup.params
    statement = (
        f"WITH found AS ({' UNION ALL '.join(parts)}), "  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters
        "best AS (SELECT id, MAX(match) AS match FROM found GROUP BY id) "
        "SELECT e.id, best.match * e.boost + e.bonus AS relevance, e.top_followers, "
        "EXISTS (SELECT 1 FROM found GROUP BY lookup HAVING COUNT(*) >= MAX(cap)) AS capped, "
        "EXISTS (SELECT 1 FROM found WHERE settles = 1) AS settled "
        f"FROM best JOIN ({scored_sql}) AS e ON e.id = best.id "
        f"WHERE best.match >= {WEAKEST_SHARE} * (SELECT MAX(match) FROM best) "
        f"ORDER BY {ORDERS[order]}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params + list(scored_params))
        rows = cursor.fetchall()
    ranked = [Ranked(row[0], float(row[1]), int(row[2])) for row in rows]
    return ranked, bool(rows and rows[0][3]), bool(rows and rows[0][4])


def known_cities(parsed: ParsedQuery) -> set[str]:
    """Which of the query's possible cities (all of it, its first or last words) are cities of
    the registry, folded (one query on an index, and none for an identifier)."""
    candidates = {parsed.folded, parsed.bare, *(city for city, _ in parsed.city_splits)} - {""}
    if not parsed.variants or not candidates:
        return set()
    probes, params = [], []
    for city in sorted(candidates):
        forms = city_forms(city)
        condition, forms_params = sql.city_is_sql(forms)
        probes.append(
            f"SELECT %s AS city WHERE EXISTS (SELECT 1 FROM registry_entity WHERE {condition})"  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters
        )
        params += [city, *forms_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(probes), params)
        return {row[0] for row in cursor.fetchall()}


def city_forms(city: str) -> tuple[str, ...]:
    """A city as typed and with SAINT/ST, FORT/FT, MOUNT/MT either way (CMS writes both)."""
    words = city.split()
    long = " ".join(ABBREVIATIONS.get(w, w) if w in CMS_SHORT.values() else w for w in words)
    short = " ".join(CMS_SHORT.get(w, w) for w in words)
    return tuple(dict.fromkeys([city, long, short]))


# --- the lookups -------------------------------------------------------------------------------


def _lookups(entities: QuerySet[Entity], parsed: ParsedQuery, cities: set[str]) -> list[Lookup]:
    # "Not blank" restates the unique indexes' condition, which SQLite needs to see to use them.
    if parsed.ccn:
        found = entities.filter(ccn=parsed.ccn).exclude(ccn="")
        return [_constant(found, sql.IDENTIFIER_SCORE, 5)]
    if parsed.npi:
        found = entities.filter(npi=parsed.npi).exclude(npi="")
        return [_constant(found, sql.IDENTIFIER_SCORE, 5)]
    if parsed.address:
        held = Account.objects.filter(
            removed_on__isnull=True, platform=parsed.address.platform, key=parsed.address.key
        )
        found = entities.filter(pk__in=held.values("entity_id"))
        return [_constant(found, sql.IDENTIFIER_SCORE, 5)]
    if parsed.zip_code:
        low, high = parsed.zip_code, f"{int(parsed.zip_code) + 1:05d}"
        return _city(entities.filter(postal_code__gte=low, postal_code__lt=high), sql.ZIP_SCORE)
    variants = parsed.variants
    lookups = [
        *_by_name(entities, variants),
        _constant(
            entities.filter(pk__in=_aliased({parsed.folded, *variants})),
            sql.ALIAS_SCORE,
            SMALL_CAP,
        ),
    ]
    for city in {parsed.folded, parsed.bare} & cities:
        lookups += _city(entities.filter(sql.city_is(city_forms(city))))
    for city, rest in parsed.city_splits:
        if city not in cities:
            continue
        in_city = entities.filter(sql.city_is(city_forms(city)))
        lookups += _city(in_city) if is_generic(rest) else _in_city(in_city, rest)
    if parsed.handle and len(parsed.handle) >= 3:
        lookups.append(_handles(parsed.handle))
    return lookups


def _by_name(entities: QuerySet[Entity], texts: tuple[str, ...]) -> list[Lookup]:
    """The names containing one of `texts` (folded spellings of one name) as written, and on
    PostgreSQL the listings with an account like them (a partial trigram index), at most
    NAME_CAP of each, scored. The typo-tolerant lookup over every name (`_anywhere`) follows
    only if these settle nothing: a word thousands of names share ("hospital", "smith") so
    costs no more than a rare one, and the listings people look for most are never left out."""
    lookups = [_scored(entities.filter(_any(sql.name_contains, texts)), texts, cut=NAME_CAP)]
    if sql.is_postgres():
        listed = entities.filter(has_account=True).filter(_any(sql.name_close_to, texts))
        lookups.append(_scored(listed, texts, cut=NAME_CAP, settles=False))
    return lookups


def _anywhere(entities: QuerySet[Entity], parsed: ParsedQuery) -> list[Lookup]:
    """Names anywhere in the registry like the query, typos and all, scored against it.

    PostgreSQL looks for the query's distinctive words: its trigram index returns names in
    the table's order, and a typo in "maimonedes medical center" must be found through
    "maimonedes", not among the thousands of names sharing "medical center". SQLite looks for
    the names holding most of the query's rarest trigrams (its full-text index ranks them),
    and among listings with an account."""
    variants = parsed.variants
    if sql.is_postgres():
        found = entities.filter(_any(sql.name_matches, parsed.distinctive))
        # The trigram index returns names in the table's order, where a listing rewritten by
        # each change of its accounts sits last: those with an account are asked for apart.
        listed = found.filter(has_account=True)
        return [
            _scored(found, variants, cut=2 * NAME_CAP),
            _scored(listed, variants, cut=NAME_CAP),
        ]
    trigrams = sql.rare_trigrams(variants)
    resembling = _any(sql.name_resembles, variants)
    return [
        _scored(
            entities.filter(resembling, pk__in=sql.similar_names(trigrams)),
            variants,
            cut=2 * NAME_CAP,
        ),
        _scored(
            entities.filter(resembling, pk__in=sql.similar_names(trigrams, listed_only=True)),
            variants,
            cut=NAME_CAP,
        ),
    ]


def _city(place: QuerySet[Entity], score: float = sql.CITY_SCORE) -> list[Lookup]:
    """What is in a place (a city, a ZIP code): its hospitals and other institutions, then
    its listings with an account, then any (a place name asks for places more than for
    people, and a city may have thousands of physicians: each part is capped)."""
    people = place.filter(kind=EntityKind.PHYSICIAN)
    person_score = score - (sql.CITY_SCORE - sql.PERSON_CITY_SCORE)
    return [
        _constant(place.exclude(kind=EntityKind.PHYSICIAN), score, CITY_CAP),
        _constant(people.filter(has_account=True), person_score, CITY_CAP),
        _constant(people, person_score, CITY_CAP),
    ]


def _in_city(in_city: QuerySet[Entity], rest: str) -> list[Lookup]:
    """ "rochester mayo": in the city, institutions and listings with an account named like
    the rest, or with it as a short name. These are few (partial indexes on the city find
    them): their names are compared one by one. The city's physicians, perhaps thousands,
    are looked at only if nothing settled the query (`_people_in_cities`)."""
    aliased = in_city.filter(pk__in=_aliased({rest}))
    few = in_city.exclude(kind=EntityKind.PHYSICIAN) | in_city.filter(has_account=True)
    return [
        _scored(few.filter(sql.name_resembles(rest)), (rest,), cap=SPLIT_CAP, split=True),
        _constant(aliased, sql.SPLIT_FLOOR + sql.SPLIT_SHARE * sql.ALIAS_SCORE, 5),
    ]


def _people_in_cities(entities, parsed: ParsedQuery, cities: set[str]) -> list[Lookup]:
    """ "smith rochester": the physicians of the city named closely like the rest (a city
    raises their match: a loose one, "jonas" for "jonhs hopkins" in Hopkins, would outrank
    the misspelt hospital). PostgreSQL's planner chooses between the city's index and the
    trigram index; SQLite compares the city's physicians one by one."""
    match = sql.name_close_to if sql.is_postgres() else sql.name_resembles
    lookups = []
    for city, rest in parsed.city_splits:
        if city in cities and not is_generic(rest):
            in_city = entities.filter(sql.city_is(city_forms(city)), kind=EntityKind.PHYSICIAN)
            lookups.append(_scored(in_city.filter(match(rest)), (rest,), cut=SPLIT_CAP, split=True))
    return lookups


def _any(condition, texts) -> Q:
    combined = Q()
    for text in texts:
        combined |= condition(text)
    return combined


def _compiled(queryset: QuerySet) -> tuple[str, list]:
    text, params = queryset.query.sql_with_params()
    return text, list(params)


def _constant(found: QuerySet, score: float, cap: int) -> Lookup:
    inner, params = _compiled(found.values("id")[:cap])
    return Lookup(f"SELECT id, {float(score)} AS match FROM ({inner}) AS c", params, cap)  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters


def _scored(
    found: QuerySet,
    texts: tuple[str, ...],
    cap: int | None = None,
    cut: int | None = None,
    split: bool = False,
    settles: bool = True,
) -> Lookup:
    """`found` with how well their names match `texts`: the first `cut` in the table's order
    (the index's), or the best `cap` of all."""
    found = found.annotate(folded=sql.folded_name()).values("id", "folded")
    inner, params = _compiled(found[:cut] if cut else found)
    score, score_params = sql.name_score_sql(texts, "c.folded")
    if split:
        score = f"{sql.SPLIT_FLOOR} + {sql.SPLIT_SHARE} * {score}"
    if cut:
        text = f"SELECT id, {score} AS match FROM ({inner}) AS c"  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters
        return Lookup(text, score_params + params, cut, settles)
    text = (
        f"SELECT id, {score} AS match FROM ({inner} {sql.subquery_fence()}) AS c "  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters
        f"ORDER BY match DESC LIMIT {cap}"
    )
    return Lookup(text, score_params + params, cap, settles)


def _aliased(spellings) -> QuerySet:
    return EntityAlias.objects.filter(folded__in=sorted(spellings)).values("entity_id")


def _handles(handle: str) -> Lookup:
    """Entities with a listed account whose key contains the handle; its own key first."""
    exact = Case(
        When(key=handle, then=Value(sql.HANDLE_EXACT_SCORE)),
        default=Value(sql.HANDLE_SCORE),
        output_field=FloatField(),
    )
    held = (
        Account.objects.filter(removed_on__isnull=True, key__contains=handle)
        .values("entity_id")
        .annotate(match=Max(exact))
        .order_by()
        .values("entity_id", "match")[:SMALL_CAP]
    )
    inner, params = _compiled(held)
    return Lookup(f"SELECT entity_id AS id, match FROM ({inner}) AS c", params, SMALL_CAP)  # noqa: S608 - SQL the ORM compiled, and numbers; values are parameters
