"""Highlighted matches: the summary, or a passage of the body around the first match, with the
searched words (and their other forms) in <mark> and everything else escaped; a reader who may
not open the resource gets the summary only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.library.selectors.highlight import snippet
from tests.library.factories import make_resource

BODY_HTML = (
    "<h2>Before</h2><p>Write the approval chain down. Name a deputy for nights and weekends. "
    "Agree which posts need legal review and which do not.</p>"
    "<p>During an incident, post a holding statement within the first hour, then update "
    "every two hours even when nothing changed.</p>"
)


@pytest.mark.unit
def test_words_in_the_summary_are_marked_there():
    shown = snippet("Templates for a crisis & more", BODY_HTML, ("crisis",), may_open=True)

    assert shown == "Templates for a <mark>crisis</mark> &amp; more"


@pytest.mark.unit
def test_a_passage_of_the_body_around_the_first_match():
    shown = snippet("How to prepare.", BODY_HTML, ("holding", "statements"), may_open=True)

    assert shown == (
        "… legal review and which do not. During an incident, post a "
        "<mark>holding</mark> <mark>statement</mark> within the first hour, then update every "
        "two hours even when nothing changed."
    )


@pytest.mark.unit
def test_a_reader_who_may_not_open_it_gets_the_summary_only():
    shown = snippet("How to prepare.", BODY_HTML, ("holding",), may_open=False)

    assert shown == "How to prepare."


@pytest.mark.unit
def test_other_forms_of_a_word_are_marked():
    shown = snippet("One policy, two policies.", "", ("policies",), may_open=True)

    assert shown == "One <mark>policy</mark>, two <mark>policies</mark>."


@pytest.mark.unit
def test_markup_in_the_text_and_in_the_words_is_escaped():
    shown = snippet('Say <script>alert("x")</script> aloud', "", ("script",), may_open=True)

    assert shown == (
        "Say &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; aloud"
    )


@pytest.mark.unit
def test_no_words_gives_the_summary_escaped():
    assert snippet("A <b> tag", BODY_HTML, (), may_open=True) == "A &lt;b&gt; tag"


@pytest.mark.integration
@pytest.mark.django_db
def test_the_page_shows_a_script_in_a_resource_as_text(client):
    make_resource(
        title="Scripts <script>alert('t')</script> for replies",
        summary="Reply scripts: <script>alert('s')</script> and <img src=x onerror=alert(1)>",
        body="Ready-made reply scripts.",
    )

    response = client.get(reverse("library:home"), {"q": "scripts"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(" not in page
    assert "<img src=x" not in page
    assert (
        "Reply <mark>scripts</mark>: &lt;<mark>script</mark>&gt;alert(&#x27;s&#x27;)"
        "&lt;/<mark>script</mark>&gt; and &lt;img src=x onerror=alert(1)&gt;"
    ) in page
    assert "Scripts &lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; for replies" in page
