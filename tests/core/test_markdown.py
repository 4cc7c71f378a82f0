"""Markdown from staff and members becomes safe HTML: what is written is shown, never run."""

import pytest

from socialrx.core.markdown import render

pytestmark = pytest.mark.unit


def test_renders_commonmark_with_headings_below_the_page_title():
    html = render("# Moderation\n\nRemove **spam** and _threats_.\n\n- one\n- two")
    assert html == (
        "<h2>Moderation</h2>\n<p>Remove <strong>spam</strong> and <em>threats</em>.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    )


def test_a_script_in_the_markdown_is_shown_as_text():
    html = render("Before <script>alert('x')</script> after")
    assert "<script" not in html
    assert "&lt;script&gt;alert" in html


def test_event_handlers_and_raw_tags_never_pass():
    html = render('<img src="x" onerror="alert(1)">\n\n<a href="#" onclick="x()">hi</a>')
    assert html == (
        '<p>&lt;img src="x" onerror="alert(1)"&gt;</p>\n'
        '<p>&lt;a href="#" onclick="x()"&gt;hi&lt;/a&gt;</p>\n'
    )


@pytest.mark.parametrize("href", ["javascript:alert(1)", "data:text/html,hi", "vbscript:x"])
def test_dangerous_link_schemes_are_dropped(href):
    html = render(f"[click]({href})")
    assert 'href="' not in html


def test_web_links_open_without_passing_the_referrer_or_rank():
    assert render("[CDC](https://www.cdc.gov/)") == (
        '<p><a href="https://www.cdc.gov/" rel="noopener noreferrer nofollow">CDC</a></p>\n'
    )


def test_tables_render_without_inline_styles():
    html = render("| Platform | Posts |\n|:--|--:|\n| X | 4 |")
    assert "<table>" in html and "<th>Platform</th>" in html and "<td>4</td>" in html
    assert "style=" not in html


def test_empty_text_is_empty():
    assert render("") == ""
