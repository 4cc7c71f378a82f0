"""The search evaluation (bench/search/queries.tsv, bench/search_eval.py): its queries are
written against the real CMS hospitals, and search puts the entity each means in its first
three results for at least 95 % of them."""

import csv

import pytest
from bench import search_eval

from socialrx.registry.demo.cms import CMS_DIR, CMS_FILES

CATEGORIES = {
    "name", "partial", "typo", "abbreviation", "alias", "city", "identifier", "url", "zip",
    "handle", "accent", "state",
}  # fmt: skip


@pytest.mark.unit
def test_the_evaluation_has_150_queries_each_meaning_a_real_entity():
    queries = search_eval.read_queries()
    with (CMS_DIR / CMS_FILES[0][1]).open(newline="", encoding="utf-8") as handle:
        ccns = {row["Facility ID"] for row in csv.DictReader(handle)}
    npis = {npi for npi, *_ in search_eval.EVAL_PHYSICIANS}

    assert len(queries) >= 150
    assert len({q.query for q in queries}) == len(queries)
    for q in queries:
        kind, key = q.expected.split(":")
        assert key in (ccns if kind == "ccn" else npis), q
        assert q.category in CATEGORIES, q


@pytest.mark.slow
@pytest.mark.django_db
def test_search_finds_the_meant_entity_in_its_first_three_for_95_percent():
    search_eval.load_eval_data()

    result = search_eval.score(search_eval.read_queries())

    assert result["n"] >= 150
    assert result["top3"] >= 0.95, result["misses"]
    assert result["mrr"] >= 0.9, result["misses"]
