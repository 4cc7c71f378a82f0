"""The detector's contract with the apps that call it: sorted, non-overlapping findings with a
reason; bounded input with a clear error; an engine built once per process, lazily, from an
installed package, and never a network call."""

import socket
import statistics
import subprocess
import sys
import threading
import time

import pytest
import requests

from socialrx.privacy import engine
from socialrx.privacy.detect import (
    MAX_TEXT_CHARS,
    TextNotReadable,
    TextTooLong,
    find_identifiers,
)
from socialrx.privacy.kinds import IdentifierKind, Severity

pytestmark = pytest.mark.unit

STORY = (
    "So proud of our patient Maria Lopez, who was discharged yesterday after last Tuesday's "
    "surgery in room 412! Her MRN is 00774411. Cards to 42 Elm Street, Springfield, IL 62704, "
    "or donate at gofundme.example.com/maria-lopez. Call her daughter at 608-555-0131."
)


def test_findings_are_sorted_exact_and_never_overlap():
    findings = find_identifiers(STORY)
    assert [(STORY[f.start : f.end], f.kind) for f in findings] == [
        ("Maria Lopez", IdentifierKind.NAME),
        ("yesterday", IdentifierKind.DATE),
        ("last Tuesday", IdentifierKind.DATE),
        ("room 412", IdentifierKind.ROOM),
        ("00774411", IdentifierKind.RECORD_NUMBER),
        ("42 Elm Street", IdentifierKind.ADDRESS),
        ("62704", IdentifierKind.ZIP),
        ("gofundme.example.com/maria-lopez", IdentifierKind.URL),
        ("608-555-0131", IdentifierKind.PHONE),
    ]
    for earlier, later in zip(findings, findings[1:], strict=False):
        assert earlier.end <= later.start


def test_every_finding_has_a_severity_and_a_plain_reason():
    for finding in find_identifiers(STORY):
        assert finding.severity in set(Severity)
        assert finding.reason.endswith(".")
        assert len(finding.reason) > 40
        assert finding.field == "text"
        assert finding.label  # "Name", "Date"... for the checker's legend


def test_the_more_specific_kind_wins_where_candidates_overlap():
    # spaCy reads "00482913" as a date and "555-0166" could be a date too; a record number and
    # a phone number are what they are.
    text = "My husband's MRN is 00482913. Call me at 555-0166 about his discharge."
    kinds = [(text[f.start : f.end], f.kind) for f in find_identifiers(text)]
    assert kinds == [("00482913", IdentifierKind.RECORD_NUMBER), ("555-0166", IdentifierKind.PHONE)]


def test_empty_and_blank_text_have_no_finding():
    assert find_identifiers("") == []
    assert find_identifiers("   \n ", image_description=" ") == []


def test_a_clean_post_has_no_finding():
    text = "Flu shots are recommended for everyone 6 months and older. Ask your doctor today!"
    assert find_identifiers(text) == []


def test_a_draft_over_the_limit_is_refused_with_a_clear_message():
    with pytest.raises(TextTooLong) as refused:
        find_identifiers("a" * (MAX_TEXT_CHARS + 1))
    assert refused.value.status_code == 413
    assert refused.value.field == "text"
    assert "20,000 characters" in refused.value.message
    with pytest.raises(TextTooLong):
        find_identifiers("x" * 1_000_000)
    with pytest.raises(TextTooLong) as image_refused:
        find_identifiers("ok", image_description="y" * 5_000)
    assert image_refused.value.field == "image"


def test_a_text_with_a_lone_surrogate_is_refused_with_where_it_is():
    # JSON's "\\ud800" escape decodes to half of a UTF-16 pair; spaCy cannot encode it.
    with pytest.raises(TextNotReadable) as refused:
        find_identifiers("Maria was admitted \ud800 on Monday")
    assert refused.value.status_code == 422
    assert refused.value.field == "text"
    assert refused.value.code == "invalid_characters"
    assert refused.value.message == (
        "The draft contains a character that is not valid text (at character 20), often half "
        "of an emoji broken by copying: delete or retype it, then check again."
    )
    # The refusal does not carry the draft along (a log of it would keep the words).
    assert refused.value.__suppress_context__ and "Maria" not in str(refused.value)
    with pytest.raises(TextNotReadable) as image_refused:
        find_identifiers("ok", image_description="A nurse \udfff smiling")
    assert image_refused.value.field == "image"
    assert "The image description contains" in image_refused.value.message
    # A whole emoji (a surrogate pair in JSON, one character in Python) is text.
    assert find_identifiers("Thank you nurses \U0001f499") == []


def test_a_text_that_is_not_a_string_is_a_programming_error():
    with pytest.raises(TypeError):
        find_identifiers(None)
    with pytest.raises(TypeError):
        find_identifiers("ok", image_description=b"bytes")


def test_importing_the_app_loads_no_model():
    """Web workers that never check a draft must not pay for spaCy: the engine is built on
    first use, not at import."""
    code = (
        "import os, sys, django;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'socialrx.settings');"
        "django.setup();"
        "import socialrx.privacy.detect, socialrx.privacy.redact, socialrx.privacy.cells;"
        "print('spacy' in sys.modules, 'presidio_analyzer' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_the_engine_is_built_once_however_many_threads_ask(monkeypatch):
    built = []

    def slow_build():
        time.sleep(0.05)
        built.append(object())
        return built[-1]

    monkeypatch.setattr(engine, "_engine", None)
    monkeypatch.setattr(engine, "_build", slow_build)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(engine.get_engine())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert all(result is built[0] for result in results) and len(results) == 8


def test_a_missing_model_package_is_refused_not_downloaded(monkeypatch, settings):
    import spacy.cli

    def no_download(*args, **kwargs):
        raise AssertionError("the detector must never download a model")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    monkeypatch.setattr(engine, "_engine", None)
    settings.PRIVACY_NLP_MODEL = "en_core_web_no_such_package"
    with pytest.raises(engine.DetectorUnavailable, match="en_core_web_no_such_package"):
        engine.get_engine()


def test_building_the_engine_and_detecting_make_no_network_call(monkeypatch):
    """Presidio's own email and URL recognizers fetch the public suffix list (tldextract,
    unless a cache happens to exist): ours are patterns. Every socket and HTTP call is
    recorded and refused; the engine builds and finds emails, web addresses and phone numbers
    without one."""
    attempts = []

    def refused(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    monkeypatch.setattr(requests.Session, "request", refused)
    monkeypatch.setattr(engine, "_engine", None)  # rebuilt under the patches
    text = (
        "Jaylen finished chemo! Email his mom at tara.reyes@gmail.com, call her at 608-555-0177 "
        "or give at https://www.gofundme.example.com/jaylen-strong."
    )
    kinds = [f.kind for f in find_identifiers(text)]
    assert kinds == [
        IdentifierKind.NAME,
        IdentifierKind.EMAIL,
        IdentifierKind.PHONE,
        IdentifierKind.URL,
    ]
    assert attempts == []


def test_the_registry_holds_only_recognizers_that_stay_offline():
    names = sorted(type(r).__name__ for r in engine.get_engine().registry.recognizers)
    assert "EmailRecognizer" not in names and "UrlRecognizer" not in names
    assert names[:2] == ["PatternRecognizer"] * 2
    assert {"PhoneRecognizer", "SpacyRecognizer", "ProperNounRecognizer"} <= set(names)


def test_a_2000_character_draft_is_checked_fast_after_warm_up():
    """It runs while people type: about 50 ms on a quiet machine. The bound (half a second)
    leaves room for a busy runner and still catches the engine being rebuilt per call (seconds)."""
    draft = (STORY + " ") * 8
    draft = draft[:2000]
    find_identifiers(draft)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        find_identifiers(draft)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.5
