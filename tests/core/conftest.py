"""Fixtures of the mailing tests: two declared lists (whatever the installed apps declare)
and a message's templates in a throw-away directory."""

from __future__ import annotations

import copy

import pytest

from socialrx.core import mailing
from socialrx.core.plugins import EmailStream

DIGEST = EmailStream("library.digest", "Monthly digest", "New resources, courses and events.")
FORUM = EmailStream("community.notifications", "Forum notifications", "Replies you follow.")


@pytest.fixture
def declared_streams(monkeypatch):
    monkeypatch.setattr(mailing, "streams", lambda: (DIGEST, FORUM))
    return DIGEST, FORUM


@pytest.fixture
def digest_templates(settings, tmp_path):
    """tests/digest_subject.txt, .txt and .html; the text and HTML end with core's footer."""
    folder = tmp_path / "templates" / "tests"
    folder.mkdir(parents=True)
    (folder / "digest_subject.txt").write_text("Your {{ month }} digest")
    (folder / "digest.txt").write_text(
        'Hello {{ name }}.\n{% include "core/email/list_footer.txt" %}'
    )
    (folder / "digest.html").write_text(
        '<p>Hello {{ name }}.</p>{% include "core/email/list_footer.html" %}'
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path / "templates"]
    settings.TEMPLATES = templates
    return "tests/digest"
