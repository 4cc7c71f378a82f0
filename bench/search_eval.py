"""The registry search evaluation: realistic queries (bench/search/queries.tsv), each with the
entity it means, scored as top-3 hit rate and mean reciprocal rank, and timed beside a naive
`name ILIKE '%…%'` scan.

    .venv/bin/python bench/search_eval.py                 # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialrx_eval \\
        .venv/bin/python bench/search_eval.py             # PostgreSQL (that database is recreated)
    .venv/bin/python bench/search_eval.py --physicians 1000000   # size L (bench/search_scale.py)

As a module (the benchmark runner, the tests), in a database already set up:

    load_eval_data()            # every CMS hospital, the eval physicians, accounts, aliases
    score(read_queries())       # {"top3": .., "top1": .., "mrr": .., "n": .., "misses": [..]}
    latency(read_queries(), repeat=3)   # p50/p95 ms of search and of the naive scan

The data: every hospital of CMS Hospital General Information (the file the registry ships),
six physicians invented here (with accents and apostrophes in their names, NPIs no provider
holds), the accounts of bench/search/accounts.tsv (well-known hospitals' public handles with
rounded follower counts: the prominence the ranking weighs) and the known short names of
registry.search_aliases. `score(..., prominence=False)` ranks without the accounts, to show
what the names alone achieve."""

from __future__ import annotations

import csv
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
QUERIES = ROOT / "bench" / "search" / "queries.tsv"
ACCOUNTS = ROOT / "bench" / "search" / "accounts.tsv"
PAGE_SIZE = 20

# Invented physicians: (NPI, name, city, state, specialty, X handle or "")
EVAL_PHYSICIANS = [
    ("1970000018", "María José Peña", "SAN JUAN", "PR", "Cardiology", "@DraMJPena"),
    ("1970000026", "Siobhán O'Reilly", "BOSTON", "MA", "Pediatrics", ""),
    ("1970000034", "François Lefèvre", "NEW ORLEANS", "LA", "Neurology", "@DrLefevreNOLA"),
    ("1970000042", "Jürgen Müller-Schmidt", "ROCHESTER", "MN", "Oncology", ""),
    ("1970000059", "Nguyễn Thị Lan", "HOUSTON", "TX", "Family Medicine", ""),
    ("1970000067", "Zoë Chávez-Ortiz", "MAYAGÜEZ", "PR", "Internal Medicine", "@DraZoeChavez"),
]


@dataclass(frozen=True)
class EvalQuery:
    query: str
    expected: str  # "ccn:240010" or "npi:1970000018"
    category: str
    note: str = ""

    @classmethod
    def from_row(cls, row: dict) -> EvalQuery:
        expected = row["expected"]
        if ":" not in expected:  # a CCN, as the file writes hospitals
            expected = f"ccn:{expected}"
        return cls(row["query"], expected, row["category"], row.get("note") or "")


def read_queries(path: Path = QUERIES) -> list[EvalQuery]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [EvalQuery.from_row(row) for row in rows]


# --- the data ----------------------------------------------------------------------------------


def cms_hospitals():
    """Every hospital of the CMS file, as unsaved entities (what the import makes of them)."""
    from socialrx.registry.classification import classify
    from socialrx.registry.demo.cms import CMS_DIR, CMS_FILES
    from socialrx.registry.models import Entity, EntityKind

    with (CMS_DIR / CMS_FILES[0][1]).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rating = row["Hospital overall rating"]
            entity = Entity(
                kind=EntityKind.HOSPITAL,
                ccn=row["Facility ID"],
                name=row["Facility Name"],
                street_address=row["Address"],
                city=row["City/Town"],
                state=row["State"],
                postal_code=row["ZIP Code"],
                county=row["County/Parish"],
                phone=row["Telephone Number"],
                hospital_type=row["Hospital Type"],
                ownership=row["Hospital Ownership"],
                emergency_services=row["Emergency Services"] == "Yes",
                star_rating=int(rating) if rating.isdigit() else None,
                source="CMS Hospital General Information",
            )
            classify(entity)
            yield entity


def eval_staff():
    """The center staff member the eval's short names are given by."""
    from socialrx.accounts.models import User

    staff, _ = User.objects.get_or_create(
        email="search-eval@example.invalid", defaults={"is_staff": True, "full_name": "Eval"}
    )
    return staff


def load_eval_data(staff=None) -> dict[str, int]:
    """Create what is missing: the CMS hospitals, the eval physicians, their accounts and the
    known short names (through the alias service, as `staff`)."""
    from socialrx.registry.classification import classify
    from socialrx.registry.models import Entity, EntityKind
    from socialrx.registry.search_aliases import seed_known_aliases

    present = set(Entity.objects.exclude(ccn="").values_list("ccn", flat=True))
    hospitals = [entity for entity in cms_hospitals() if entity.ccn not in present]
    Entity.objects.bulk_create(hospitals, batch_size=500)
    physicians = []
    known_npis = set(Entity.objects.exclude(npi="").values_list("npi", flat=True))
    for npi, name, city, state, specialty, _ in EVAL_PHYSICIANS:
        if npi not in known_npis:
            physician = Entity(
                kind=EntityKind.PHYSICIAN, npi=npi, name=name, city=city, state=state,
                specialty=specialty, credential="MD", source="Search evaluation",
                is_generated=True,
            )  # fmt: skip
            classify(physician)
            physicians.append(physician)
    Entity.objects.bulk_create(physicians)
    staff = staff or eval_staff()
    accounts = _load_accounts()
    aliases = seed_known_aliases(staff)
    return {"hospitals": len(hospitals), "physicians": len(physicians), "accounts": accounts,
            "aliases": aliases}  # fmt: skip


def _account_rows():
    with ACCOUNTS.open(newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")
    for npi, _, _, _, _, handle in EVAL_PHYSICIANS:
        if handle:
            yield {"npi": npi, "platform": "x", "address": handle, "followers": "3000",
                   "verified": "no", "claimed": "no"}  # fmt: skip


def _load_accounts() -> int:
    from socialrx.core.platforms import normalize_account
    from socialrx.organizations.models import Organization
    from socialrx.registry.models import Account, Entity
    from socialrx.registry.services.accounts import note_presence

    made, touched = 0, []
    for row in _account_rows():
        key = {"npi": row["npi"]} if row.get("npi") else {"ccn": row["ccn"]}
        entity = Entity.objects.filter(**key).first()
        if entity is None:
            continue
        address = normalize_account(row["address"], row["platform"])
        _, created = Account.objects.get_or_create(
            platform=address.platform,
            key=address.key,
            removed_on=None,
            defaults={
                "entity": entity, "handle": address.handle, "url": address.url,
                "followers": int(row["followers"]), "verified": row["verified"] == "yes",
                "first_listed": date(2015, 1, 1), "is_generated": True,
            },
        )  # fmt: skip
        made += created
        if row["claimed"] == "yes" and entity.organization_id is None:
            entity.organization, _ = Organization.objects.get_or_create(
                name=entity.display_name[:200],
                city=entity.city.title()[:100],
                state=entity.state,
                defaults={"org_type": "hospital"},
            )
            entity.save(update_fields=["organization"])
        touched.append(entity)
    note_presence(entity.pk for entity in touched)
    return made


# --- scoring -----------------------------------------------------------------------------------


def entity_key(entity) -> str:
    return f"ccn:{entity.ccn}" if entity.ccn else f"npi:{entity.npi}"


def ranked_keys(query: str, limit: int = 10) -> list[str]:
    from socialrx.registry.selectors.search import SearchFilters, search_entities

    return [entity_key(e) for e in search_entities(SearchFilters(query=query))[:limit]]


def score(queries: list[EvalQuery], limit: int = 10, prominence: bool = True) -> dict:
    """Top-1 and top-3 hit rates and the mean reciprocal rank (over the first `limit`)."""
    from socialrx.registry import search_ranking as search_module

    weight = search_module.PROMINENCE_WEIGHT
    if not prominence:
        search_module.PROMINENCE_WEIGHT = 0.0
    try:
        results = [(q, ranked_keys(q.query, limit)) for q in queries]
    finally:
        search_module.PROMINENCE_WEIGHT = weight
    ranks = [(q, keys.index(q.expected) + 1 if q.expected in keys else None, keys)
             for q, keys in results]  # fmt: skip
    by_category: dict[str, list] = {}
    for q, rank, _ in ranks:
        by_category.setdefault(q.category, []).append(rank)
    n = len(ranks)
    return {
        "n": n,
        "top1": sum(1 for _, r, _ in ranks if r == 1) / n,
        "top3": sum(1 for _, r, _ in ranks if r and r <= 3) / n,
        "mrr": sum(1 / r for _, r, _ in ranks if r) / n,
        "by_category": {
            c: sum(1 for r in rs if r and r <= 3) / len(rs) for c, rs in sorted(by_category.items())
        },  # fmt: skip
        "misses": [
            {
                "query": q.query,
                "expected": q.expected,
                "category": q.category,
                "rank": rank,
                "got": keys[:3],
            }
            for q, rank, keys in ranks
            if not rank or rank > 3
        ],  # fmt: skip
    }


# --- latency -----------------------------------------------------------------------------------


def results_page(query: str) -> int:
    """What the search page asks the database for: the count, the first page and its
    accounts."""
    from socialrx.registry.selectors.search import SearchFilters, search, with_listed_accounts

    entities = with_listed_accounts(search(SearchFilters(query=query)).entities)
    count = entities.count()
    list(entities[:PAGE_SIZE])
    return count


def naive_page(query: str) -> int:
    """The same page from a naive scan: `name ILIKE '%query%'`, by name."""
    from django.db import connection

    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    where = f"FROM registry_entity WHERE name {like} %s ESCAPE '\\'"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {where}", [pattern])  # noqa: S608 - fixed text
        count = cursor.fetchone()[0]
        page = f"SELECT id, name {where} ORDER BY name LIMIT {PAGE_SIZE}"  # noqa: S608 - fixed text
        cursor.execute(page, [pattern])
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            accounts = f"SELECT * FROM registry_account WHERE removed_on IS NULL AND entity_id IN ({marks})"  # noqa: S608, E501 - placeholders only
            cursor.execute(accounts, ids)
            cursor.fetchall()
    return count


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered) * 1000, "p95": p95 * 1000,
            "mean": statistics.fmean(ordered) * 1000}  # fmt: skip


def _timed(page, queries: list[EvalQuery], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            page(q.query)
            times.append(time.perf_counter() - start)
    return times


def latency(queries: list[EvalQuery], repeat: int = 3) -> dict:
    """p50/p95/mean milliseconds of a results page for each query (each run `repeat` times,
    after one warm-up pass), for search and for the naive scan, and how many times faster."""
    _timed(results_page, queries, 1)
    _timed(naive_page, queries, 1)
    searched = _percentiles(_timed(results_page, queries, repeat))
    naive = _percentiles(_timed(naive_page, queries, repeat))
    return {
        "search": searched,
        "naive": naive,
        "speedup_p50": naive["p50"] / searched["p50"],
        "speedup_p95": naive["p95"] / searched["p95"],
    }


# --- as a script -------------------------------------------------------------------------------


def main() -> int:
    import argparse
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--physicians", type=int, default=0, help="generated physicians beside (size L: 1000000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="socialrx-search-eval-") as directory:
        _fresh_database(Path(directory))
        from django.db import connection

        started = time.perf_counter()
        loaded = load_eval_data()
        if args.physicians:
            from search_scale import add_physicians

            loaded["generated physicians"] = add_physicians(args.physicians)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE registry_entity")
        loaded["seconds"] = round(time.perf_counter() - started, 1)
        queries = read_queries()
        report = {
            "database": connection.vendor,
            "loaded": loaded,
            "score": score(queries),
            "score without prominence": score(queries, prominence=False),
            "latency": latency(queries, repeat=args.repeat),
        }
        report["score without prominence"].pop("misses")
        print(json.dumps(report, indent=2, default=str))
    return 0


def _fresh_database(var_dir: Path) -> None:
    """A SQLite file in `var_dir`, or with DATABASE_URL that PostgreSQL database dropped and
    created again; migrated."""
    os.environ["SOCIALRX_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(url)
        params = {key.lower(): config[key] or None for key in ("HOST", "PORT", "USER", "PASSWORD")}
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    sys.exit(main())
