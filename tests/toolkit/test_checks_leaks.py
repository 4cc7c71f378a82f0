"""What is pasted into the checker stays out of places nobody chose to keep it: the error report
of a crash (Django's report shows the posted fields and every frame's variables) and the
browser's cache (a clinic's shared computer shows cached pages again from its history)."""

from __future__ import annotations

import json
import sys

import pytest
from django.core.signals import got_request_exception
from django.urls import reverse
from django.views.debug import ExceptionReporter

from tests.toolkit.factories import SavedCheckFactory, make_check_member

pytestmark = pytest.mark.django_db

CHECK = reverse("toolkit:check")
RESULTS = reverse("toolkit:check_results")
API = "/api/v1/toolkit/checks/"
HTMX = {"HX-Request": "true"}
# Words found nowhere else in a report: the test looks for them in its text and HTML.
DRAFT = "Our patient Wilhelmina Quattlebaum went home after her hip surgery on Tuesday."
IMAGE = "Wilhelmina smiling at the camera beside the Zephyrine ward sign."
SECRET_WORDS = ("Quattlebaum", "Zephyrine")


@pytest.fixture
def crashing_detector(monkeypatch):
    """spaCy (the engine) fails on the draft it is handed, as it did on a lone surrogate."""

    def analyze(text):
        raise RuntimeError("the language model fell over")

    monkeypatch.setattr("socialrx.privacy.engine.analyze", analyze)


@pytest.fixture
def reports(client):
    """The error reports Django would write (mail to the admins, the technical 500 page) for
    each crash the client meets, in text and HTML."""
    client.raise_request_exception = False
    written: list[str] = []

    def report(sender, request, **kwargs):
        reporter = ExceptionReporter(request, *sys.exc_info())
        written.append(reporter.get_traceback_text())
        written.append(reporter.get_traceback_html())

    got_request_exception.connect(report)
    yield written
    got_request_exception.disconnect(report)


def assert_no_draft_in(written: list[str]) -> None:
    assert written, "the crash was reported"
    for text in written:
        assert "the language model fell over" in text  # it is the crash's report
        for word in SECRET_WORDS:
            assert word not in text


@pytest.mark.parametrize(("url", "headers"), [(CHECK, {}), (RESULTS, HTMX), (RESULTS, {})])
def test_a_crash_on_the_page_reports_neither_the_draft_nor_its_description(
    client, crashing_detector, reports, url, headers
):
    response = client.post(url, {"text": DRAFT, "image_description": IMAGE}, headers=headers)

    assert response.status_code == 500
    assert_no_draft_in(reports)
    # The posted fields are listed, hidden.
    assert "text = '********************'" in reports[0]


def test_a_crash_while_saving_reports_no_draft(client, org_a, crashing_detector, reports):
    organization, _, person = org_a
    make_check_member(organization)
    client.force_login(person)

    response = client.post(
        reverse("toolkit:check_save"),
        {"text": DRAFT, "image_description": IMAGE, "organization": str(organization.public_id)},
    )

    assert response.status_code == 500
    assert_no_draft_in(reports)


def test_a_crash_over_the_api_reports_no_draft(client, crashing_detector, reports):
    response = client.post(
        API,
        json.dumps({"text": DRAFT, "image_description": IMAGE}),
        content_type="application/json",
    )

    assert response.status_code == 500
    assert_no_draft_in(reports)


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_the_checkers_results_are_never_cached(client):
    assert no_store(client.post(CHECK, {"text": DRAFT}))
    assert no_store(client.post(RESULTS, {"text": DRAFT}, headers=HTMX))
    assert no_store(client.post(RESULTS, {"text": DRAFT}))
    answer = client.post(API, json.dumps({"text": DRAFT}), content_type="application/json")
    assert answer.status_code == 200
    assert no_store(answer)


def test_a_refused_draft_is_not_cached_either(client):
    # The page shows the refused draft again in its field.
    response = client.post(CHECK, {"text": "x" * 700})
    assert response.status_code == 400
    assert no_store(response)


def test_the_saved_check_and_the_history_are_never_cached(client, org_a):
    organization, _, person = org_a
    make_check_member(organization)
    saved = SavedCheckFactory(organization=organization, saved_by=person)
    client.force_login(person)

    history = client.get(reverse("toolkit:check_history", args=[organization.public_id]))
    page = client.get(
        reverse("toolkit:saved_check", args=[organization.public_id, saved.public_id])
    )

    assert (history.status_code, page.status_code) == (200, 200)
    assert no_store(history)
    assert no_store(page)
