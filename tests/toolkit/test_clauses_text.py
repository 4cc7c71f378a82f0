"""A clause's text: what the back office refuses, how placeholders are filled (answers read
literally, never as Markdown), and the filled Markdown read back as plain blocks."""

from __future__ import annotations

from socialrx.core.markdown import render
from socialrx.toolkit.clause_text import (
    BULLET,
    NUMBERED,
    PARAGRAPH,
    Block,
    blocks,
    fill,
    placeholders_in,
    plain_lines,
    problems,
)
from socialrx.toolkit.policy_answers import placeholder_values
from tests.toolkit.factories import POLICY_ANSWERS, POLICY_OTHER_ANSWERS


def test_the_placeholders_a_body_uses_are_listed_once_in_order():
    body = "{{ approver_role }} and {{organization_name}}, then {{ approver_role }} again."
    assert placeholders_in(body) == ["approver_role", "organization_name"]


def test_a_known_placeholder_passes():
    assert (
        problems("Posts are approved by the {{ approver_role }} of {{ organization_name }}.") == []
    )


def test_an_unknown_placeholder_is_refused_with_its_name_and_the_known_ones():
    found = problems("Approved by {{ approver }} within {{ response_hours }} hours.")
    assert len(found) == 1
    assert found[0].startswith("Unknown placeholder {{ approver }}. A clause may use: ")
    assert "{{ approver_role }}" in found[0]
    assert "{{ organization_name }}" in found[0]


def test_two_unknown_placeholders_are_both_named():
    found = problems("{{ ceo }} and {{ cfo }}")
    assert found[0].startswith("Unknown placeholders {{ ceo }}, {{ cfo }}.")


def test_template_tags_and_stray_braces_are_refused():
    for body in ("{% if physicians_post %}Text{% endif %}", "Text {{ }} here", "Only }} closes"):
        assert problems(body) == [
            "Write a placeholder as {{ name }}, with a name from the list; other braces and "
            "template tags are not allowed."
        ], body


def test_html_is_refused_in_a_clause():
    assert problems("Be careful.<script>alert('x')</script>") == [
        "Clause text is Markdown: HTML tags (such as <script> or <b>) are not allowed."
    ]
    assert problems("A comparison: 3 < 4 and 5 > 2.") == []


def test_headings_and_empty_bodies_are_refused():
    assert problems("## Approval\n\nText.") == [
        "A clause's title is its heading: write its text without Markdown headings (#)."
    ]
    assert problems("  \n ") == ["Write the clause's text."]
    assert problems("Use #HeartHealth in posts.") == []


def test_answers_fill_the_placeholders():
    values = placeholder_values("Lakeside Family Physicians", POLICY_ANSWERS)
    filled = fill(
        "{{ organization_name }}: answered within {{ response_hours }} hours, "
        "{{ personal_use }}, following {{ accessibility_standard }}.",
        values,
    )
    assert render(filled) == (
        "<p>Lakeside Family Physicians: answered within 6 hours, on breaks and meal periods "
        "only, following WCAG 2.1 Level AA.</p>\n"
    )


def test_an_optional_answer_left_empty_reads_as_its_fallback():
    values = placeholder_values("Lakeside", POLICY_OTHER_ANSWERS)
    assert values["authorization_form"] == "the organization's written HIPAA authorization form"
    assert values["other_languages"] == "other languages"


def test_an_answer_is_read_literally_never_as_markdown():
    values = {"organization_name": "St. Anne's *Hospital* [click](javascript:alert(1))"}
    html = render(fill("Welcome to {{ organization_name }}.", values))
    assert html == ("<p>Welcome to St. Anne's *Hospital* [click](javascript:alert(1)).</p>\n")


def test_script_in_a_stored_clause_never_reaches_the_page():
    html = render(fill("Note <script>alert(1)</script> and <img src=x onerror=alert(2)>", {}))
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_the_filled_markdown_reads_as_blocks():
    markdown = (
        "Intro paragraph\nwrapped here.\n\n- first point;\n- second point.\n\n"
        "1. step one\n2. step two\n\n   more of step two\n"
    )
    assert blocks(markdown) == [
        Block(PARAGRAPH, "Intro paragraph wrapped here."),
        Block(BULLET, "first point;"),
        Block(BULLET, "second point."),
        Block(NUMBERED, "step one", 1),
        Block(NUMBERED, "step two", 2),
        Block(PARAGRAPH, "more of step two"),
    ]
    assert plain_lines(markdown) == [
        "Intro paragraph wrapped here.",
        "• first point;",
        "• second point.",
        "1. step one",
        "2. step two",
        "more of step two",
    ]
