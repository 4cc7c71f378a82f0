"""Search ranking on both databases (SQLite's LIKE fallback by default; PostgreSQL's weighted
full-text search with DATABASE_URL): a title match outranks a body match, every word must be
found, `-word` leaves out, only published resources are found, and each order is kept."""

from __future__ import annotations

import pytest
from django.db import connection

from socialrx.library.models import Resource
from tests.library.factories import make_resource
from tests.library.search_support import corpus, find

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_title_match_outranks_body_matches_even_newer_ones():
    corpus()

    params, titles, _facets = find("q=crisis")

    # Title first; then the two body matches, equal, the newer (3 days) before (5 days).
    assert params.sort == "relevance"
    assert titles == ["Crisis communication playbook", "HIPAA and photos", "Storm season checklist"]


def test_a_summary_match_outranks_a_body_match():
    make_resource(
        title="Night shifts",
        summary="Nothing about it here.",
        body="Recruiting for the night shift.",
        published_days_ago=1,
    )
    make_resource(
        title="Hiring plan",
        summary="Recruiting physicians in a small town.",
        body="Start early.",
        published_days_ago=9,
    )

    _params, titles, _facets = find("q=recruiting")

    assert titles == ["Hiring plan", "Night shifts"]


def test_every_word_must_be_found_whatever_its_case():
    corpus()

    _params, titles, _facets = find("q=CRISIS+Hotline")

    assert titles == ["Storm season checklist"]


def test_a_word_after_a_minus_is_left_out():
    corpus()

    _params, titles, _facets = find("q=crisis+-hurricane")

    assert titles == ["Crisis communication playbook", "HIPAA and photos"]


def test_drafts_and_withdrawn_resources_are_never_found():
    corpus()

    _params, titles, _facets = find("q=crisis+memo")

    assert titles == []
    assert Resource.objects.filter(title="Old crisis memo").count() == 1


def test_newest_and_most_used_orders_with_words():
    made = corpus()
    Resource.objects.filter(pk=made["storm"].pk).update(use_count=40)
    Resource.objects.filter(pk=made["playbook"].pk).update(use_count=7)

    _params, newest, _facets = find("q=crisis&sort=newest")
    _params, most_used, _facets = find("q=crisis&sort=most_used")

    assert newest == ["HIPAA and photos", "Storm season checklist", "Crisis communication playbook"]
    assert most_used == [
        "Storm season checklist",
        "Crisis communication playbook",
        "HIPAA and photos",
    ]


def test_without_words_the_newest_come_first_even_when_relevance_is_asked():
    corpus()

    params, titles, _facets = find("sort=relevance")

    assert params.sort == "newest"
    assert titles == [
        "HIPAA and photos",
        "Storm season checklist",
        "Measuring what matters",
        "Recruiting nurses on LinkedIn",
        "Social media policy template",
        "Crisis communication playbook",
    ]


def test_the_english_stemming_of_postgresql_finds_other_forms_of_a_word():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's English stemming")
    corpus()

    _params, titles, _facets = find("q=policies")

    assert titles == ["Social media policy template"]


def test_postgresql_reads_a_quoted_phrase_as_a_phrase():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's phrase search")
    corpus()

    _params, in_order, _facets = find('q="holding statement"')
    _params, reversed_words, _facets = find('q="statement holding"')

    assert in_order == ["Crisis communication playbook"]
    assert reversed_words == []


def test_the_fallback_finds_a_word_inside_a_longer_one():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's LIKE fallback")
    corpus()

    _params, titles, _facets = find("q=photo")

    # "photos" in the title (3), "photograph" in the summary (2), both in the words (1);
    # the template has "photograph" in its body only (1).
    assert titles == ["HIPAA and photos", "Social media policy template"]


def test_the_search_vector_follows_edits_of_the_title():
    if connection.vendor != "postgresql":
        pytest.skip("the trigger keeping the search vector")
    resource = make_resource(title="Webinar basics", summary="Start here.", body="Nothing more.")
    resource.title = "Livestream basics"
    resource.search_text = "Livestream basics Start here. Nothing more."
    resource.save()

    _params, old, _facets = find("q=webinar")
    _params, new, _facets = find("q=livestream")

    assert old == []
    assert new == ["Livestream basics"]
