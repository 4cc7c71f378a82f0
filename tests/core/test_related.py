"""core.related: items of every app by shared taxonomy (best first, each once, what the page
excludes left out), the digest's sections in order, organizations' items, the version of pages
showing them, and the system check of what the apps declare. Fake providers: whatever apps
are installed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from socialrx.core import related
from socialrx.core.related import DigestSection, RelatedItem, RelatedProvider

pytestmark = pytest.mark.unit

SINCE, UNTIL = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)


def course(title, score, when, url=None):
    return RelatedItem("Course", title, url or f"/training/{title}/", score=score, when=when)


def event(title, score, when):
    return RelatedItem("Webinar", title, f"/events/{title}/", score=score, when=when, source="ev")


class Asked:
    """A provider function that answers `answer` and remembers how it was called."""

    def __init__(self, answer):
        self.answer, self.calls = answer, []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return self.answer


@pytest.fixture
def installed(monkeypatch):
    """Two apps' providers in place of the installed ones."""

    def install(*providers):
        monkeypatch.setattr(related, "providers", lambda: tuple(providers))

    return install


def test_items_of_every_app_best_first(installed):
    training = Asked(
        [
            course("a", 1, datetime(2026, 1, 5, tzinfo=UTC)),
            course("b", 3, datetime(2025, 6, 1, tzinfo=UTC)),
            course("never", 0, datetime(2026, 2, 1, tzinfo=UTC)),  # shares nothing: left out
        ]
    )
    events = Asked([event("c", 3, date(2026, 5, 1)), event("d", 1, date(2025, 12, 1))])
    installed(
        ("training", RelatedProvider(by_taxonomy=training)),
        ("events", RelatedProvider(by_taxonomy=events)),
        ("coaching", RelatedProvider()),  # offers nothing by taxonomy
    )

    items = related.related_items(None, topic_ids=[1, 2], platform_ids=[7], limit=3)

    # The most shared first; between equals, the newest (a date or a datetime).
    assert [(item.title, item.source) for item in items] == [
        ("c", "ev"),
        ("b", "training"),  # the provider left `source` empty: its app's label
        ("a", "training"),
    ]
    assert training.calls == [
        ((None,), {"topic_ids": frozenset({1, 2}), "platform_ids": frozenset({7}), "limit": 3})
    ]


def test_excluded_urls_and_other_apps_are_left_out(installed):
    training = Asked(
        [
            course("self", 5, None, url="/library/self/"),
            course("a", 2, None),
            course("b", 1, None),
        ]
    )
    events = Asked([event("c", 4, None)])
    installed(
        ("training", RelatedProvider(by_taxonomy=training)),
        ("events", RelatedProvider(by_taxonomy=events)),
    )

    items = related.related_items(
        None,
        topic_ids=[1],
        platform_ids=[],
        limit=2,
        exclude_urls=["/library/self/"],
        sources=["training"],
    )

    assert [item.title for item in items] == ["a", "b"]
    assert training.calls[0][1]["limit"] == 3  # enough left once the excluded one is dropped
    assert events.calls == []


def test_an_item_two_apps_name_is_shown_once(installed):
    same = "/training/shared/"
    installed(
        ("training", RelatedProvider(by_taxonomy=Asked([course("first", 2, None, url=same)]))),
        ("events", RelatedProvider(by_taxonomy=Asked([course("second", 3, None, url=same)]))),
    )

    items = related.related_items(None, topic_ids=[1], platform_ids=[])

    assert [item.title for item in items] == ["first"]


def test_no_taxonomy_asks_no_app(installed):
    training = Asked([course("a", 1, None)])
    installed(("training", RelatedProvider(by_taxonomy=training)))

    assert related.related_items(None, topic_ids=[], platform_ids=()) == []
    assert training.calls == []


def test_the_digest_has_each_apps_sections_with_items_in_order(installed):
    new_courses = DigestSection("New courses", (course("a", 0, None),), order=20)
    events = DigestSection("Upcoming events", (event("c", 0, None),), order=40)
    resources = DigestSection("New resources", (course("r", 0, None),), order=10)
    training = Asked([new_courses, DigestSection("Upcoming boot camps", (), order=30)])
    installed(
        ("training", RelatedProvider(new_between=training)),
        ("events", RelatedProvider(new_between=Asked([events]))),
        ("library", RelatedProvider(new_between=Asked([resources]))),
    )

    sections = related.digest_sections(SINCE, UNTIL, limit=5)

    assert [section.title for section in sections] == [
        "New resources",
        "New courses",
        "Upcoming events",
    ]
    assert training.calls == [((SINCE, UNTIL, 5), {})]


def test_organizations_items_of_every_app(installed):
    library = Asked({7: [course("Case study", 0, None)]})
    community = Asked({7: [event("Directory entry", 0, None)], 9: [course("Other", 0, None)]})
    installed(
        ("library", RelatedProvider(for_organizations=library)),
        ("community", RelatedProvider(for_organizations=community)),
        ("training", RelatedProvider()),
    )

    found = related.items_for_organizations("person", [7, 9, 7])

    assert {org: [(i.title, i.source) for i in items] for org, items in found.items()} == {
        7: [("Case study", "library"), ("Directory entry", "ev")],
        9: [("Other", "community")],
    }
    assert library.calls == [(("person", [7, 9]), {})]


def test_no_organization_asks_no_app(installed):
    library = Asked({})
    installed(("library", RelatedProvider(for_organizations=library)))

    assert related.items_for_organizations("person", []) == {}
    assert library.calls == []


# --- the version of pages showing organizations' items ----------------------------------------


@pytest.mark.django_db
def test_the_organizations_version_moves_once_the_change_commits(
    django_capture_on_commit_callbacks,
):
    before = related.organizations_version()
    assert related.organizations_version() == before  # stable while nothing changes

    with django_capture_on_commit_callbacks(execute=False) as pending:
        related.organization_items_changed()
    assert related.organizations_version() == before  # not before the commit
    for callback in pending:
        callback()

    assert related.organizations_version() != before


# --- the system check -------------------------------------------------------------------------

PROVIDER = RelatedProvider()
NOT_A_PROVIDER = DigestSection("x", ())


def test_declared_providers_that_do_not_load_fail_the_check(monkeypatch):
    monkeypatch.setattr(
        related,
        "declared_paths",
        lambda: [
            ("good", "tests.core.test_related.PROVIDER"),
            ("gone", "socialrx.nowhere.related.PROVIDER"),
            ("wrong", "tests.core.test_related.NOT_A_PROVIDER"),
        ],
    )

    errors = related.check_related_providers()

    assert [(error.id, error.msg.split(":")[0]) for error in errors] == [
        ("core.E111", "gone"),
        ("core.E112", "wrong"),
    ]
    assert "is a DigestSection, not a core.related.RelatedProvider" in errors[1].msg


def test_training_and_events_declare_their_providers(monkeypatch):
    declared = dict(related.declared_paths())
    assert declared["training"] == "socialrx.training.related.PROVIDER"
    assert declared["events"] == "socialrx.events.related.PROVIDER"
    monkeypatch.setattr(
        related, "declared_paths", lambda: [(app, declared[app]) for app in ("training", "events")]
    )

    assert related.check_related_providers() == []
