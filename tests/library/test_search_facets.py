"""Facet counts on both databases: each facet counts what matches the words and every other
facet's choices but not its own; values within a facet are alternatives; the API's `tiers`
narrows the counts too. The expected counts are read off the table in search_support.corpus."""

from __future__ import annotations

import pytest

from tests.library.search_support import corpus, counts, find

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_every_facet_counts_the_published_resources_without_a_choice():
    corpus()

    _params, titles, facets = find("")

    assert len(titles) == 6
    assert counts(facets, "kind") == {
        "guide": 2,
        "checklist": 1,
        "policy_template": 1,
        "case_study": 1,
        "video": 1,
    }
    assert counts(facets, "access") == {"public": 3, "member": 2, "premium": 1}
    assert counts(facets, "topic") == {
        "strategy": 2,
        "policy-legal": 1,
        "hipaa-privacy": 1,
        "measurement-roi": 1,
        "crisis-response": 2,
        "recruitment": 1,
    }
    assert counts(facets, "platform") == {
        "facebook": 3,
        "x": 1,
        "instagram": 1,
        "linkedin": 1,
        "youtube": 1,
    }
    assert counts(facets, "audience") == {
        "communications": 2,
        "leadership": 2,
        "legal-compliance": 1,
        "physicians": 1,
        "human-resources": 1,
    }


def test_a_chosen_type_narrows_the_other_facets_but_not_its_own():
    corpus()

    _params, titles, facets = find("kind=guide")

    assert titles == ["HIPAA and photos", "Crisis communication playbook"]
    assert counts(facets, "kind") == {
        "guide": 2,
        "checklist": 1,
        "policy_template": 1,
        "case_study": 1,
        "video": 1,
    }
    assert counts(facets, "topic") == {"hipaa-privacy": 1, "crisis-response": 1}
    assert counts(facets, "access") == {"public": 1, "premium": 1}
    assert counts(facets, "platform") == {"facebook": 1, "x": 1, "instagram": 1}


def test_words_and_a_topic_together():
    corpus()

    _params, titles, facets = find("q=crisis&topic=crisis-response")

    assert titles == ["Crisis communication playbook", "Storm season checklist"]
    # The topic facet applies the words only: "crisis" is in three resources.
    assert counts(facets, "topic") == {"strategy": 1, "hipaa-privacy": 1, "crisis-response": 2}
    assert counts(facets, "kind") == {"guide": 1, "checklist": 1}
    assert counts(facets, "access") == {"public": 1, "member": 1}


def test_two_values_of_one_facet_are_alternatives_and_facets_combine():
    corpus()

    _params, either, _facets = find("kind=guide&kind=checklist")
    _params, both, facets = find("kind=guide&kind=checklist&platform=facebook")

    assert either == ["HIPAA and photos", "Storm season checklist", "Crisis communication playbook"]
    assert both == ["Storm season checklist", "Crisis communication playbook"]
    assert counts(facets, "platform") == {"facebook": 2, "x": 1, "instagram": 1}


def test_a_chosen_value_with_nothing_left_stays_offered_with_zero():
    corpus()

    params, titles, facets = find("kind=webinar_recording")

    assert titles == []
    assert params.values("kind") == ("webinar_recording",)
    kind = [facet for facet in facets if facet.name == "kind"][0]
    assert [(o.value, o.count, o.selected) for o in kind.options if o.selected] == [
        ("webinar_recording", 0, True)
    ]


def test_unknown_values_are_left_out_with_a_reason():
    corpus()

    params, titles, _facets = find("topic=astrology&topic=strategy&kind=poem&sort=sideways")

    assert params.chosen == {"topic": ("strategy",)}
    assert params.sort == "newest"
    assert params.refused == (
        "Type “poem” is not one the library uses; it was left out.",
        "Topic “astrology” is not one the library uses; it was left out.",
        "The order “sideways” is not one the library offers; results are in the usual order.",
    )
    assert titles == ["Storm season checklist", "Recruiting nurses on LinkedIn"]


def test_tiers_narrow_results_and_counts():
    corpus()

    _params, titles, facets = find("q=crisis", tiers=frozenset({"public"}))

    assert titles == ["Crisis communication playbook"]
    assert counts(facets, "access") == {"public": 1}
    assert counts(facets, "kind") == {"guide": 1}
