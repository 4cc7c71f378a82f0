"""The pages `make bench` measures, as the apps declare them (core.benchmarks)."""

import pytest
from django.apps import apps
from django.urls import Resolver404, resolve

from socialrx.core.benchmarks import CEILING_PATH, MEMBER, BenchPage, declared_pages
from tests.registry.factories import AccountFactory, EntityFactory, PhysicianFactory

pytestmark = pytest.mark.django_db


def by_name() -> dict[str, tuple[str, BenchPage]]:
    return {page.name: (app, page) for app, page in declared_pages()}


def test_core_membership_and_the_registry_declare_their_pages_in_order():
    declared = declared_pages()

    assert [(app, page.name) for app, page in declared] == [
        ("core", "Health probe (/healthz)"),
        ("core", "Ceiling (base template, no query)"),
        ("core", "Home"),
        ("membership", "Pricing"),
        ("registry", "Registry search"),
        ("registry", "Registry search, misspelt (q=mayo clinik)"),
        ("registry", "Hospital page"),
        ("registry", "Physician page"),
        ("registry", "Adoption dashboard"),
        ("registry", "Leaderboards"),
        ("training", "Training catalogue"),
        ("training", "Course page"),
        ("training", "Lesson (signed-in member)"),
        ("training", "Boot camp page"),
        ("training", "Certificate verification"),
        ("events", "Events list"),
        ("events", "Event page"),
        ("events", "Event agenda"),
        ("events", "Session page"),
        ("events", "Speaker page"),
        ("events", "My events (signed-in member)"),
        ("events", "My agenda (signed-in member)"),
        ("coaching", "Coaching page"),
        ("coaching", "Coach page"),
        ("coaching", "Engagement (signed-in member)"),
        ("coaching", "Booking slots (signed-in member)"),
        ("coaching", "My coaching (signed-in member)"),
        ("library", "Library home"),
        ("library", "Library search (q=social media policy)"),
        ("library", "Resource page (signed-in member)"),
        ("library", "Podcast feed"),
        ("library", "News"),
        ("community", "Forums (signed-in member)"),
        ("community", "Forum category (signed-in member)"),
        ("community", "Forum thread (signed-in member)"),
        ("community", "Member directory (signed-in member)"),
        ("core", "Dashboard (signed-in member)"),
        ("toolkit", "Toolkit home"),
        ("toolkit", "Post safety checker"),
        ("toolkit", "Assessment result (signed-in member)"),
        ("toolkit", "Assessment history (signed-in member)"),
        ("toolkit", "Policy version (signed-in member)"),
        ("toolkit", "Executive brief (signed-in member)"),
    ]
    assert [page.visitor for _, page in declared if not page.public] == [MEMBER] * 16


def test_every_fixed_url_declared_is_a_page_of_the_site():
    for _, page in declared_pages():
        if isinstance(page.path, str) and page.path != CEILING_PATH:
            resolve(page.path.split("?")[0])


def test_the_ceiling_is_routed_only_when_the_bench_turns_it_on():
    with pytest.raises(Resolver404):
        resolve(CEILING_PATH)


def test_the_registry_finds_a_hospital_and_a_physician_with_accounts_in_the_data():
    EntityFactory(ccn="990001", has_account=False)
    with_accounts = EntityFactory(ccn="990002")
    AccountFactory(entity=with_accounts)
    with_accounts.has_account = True
    with_accounts.save()
    physician = PhysicianFactory(has_account=True)
    pages = by_name()

    assert pages["Hospital page"][1].url() == "/registry/hospitals/990002/"
    assert pages["Physician page"][1].url() == f"/registry/physicians/{physician.npi}/"


def test_the_registry_pages_are_skipped_when_the_data_has_none():
    pages = by_name()

    assert pages["Hospital page"][1].url() is None
    assert pages["Physician page"][1].url() is None


def test_a_declaration_that_is_not_a_bench_page_is_refused(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("membership"), "bench_pages", ["/pricing/"])

    with pytest.raises(TypeError, match="must list BenchPage"):
        declared_pages()
