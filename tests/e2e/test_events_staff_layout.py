"""The events back office in Chromium, as laid out after the visual review: the staff lists
stack into labelled rows on a 375-pixel phone (labels never broken inside a word), date and
time inputs as tall and wide as text inputs, the sales charts' axis labels readable on a
phone, and the agenda's Edit and Delete on one line, Delete asking before it posts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from socialrx.events.models import Session

from .browser import assert_accessible, assert_fits_the_screen, force_login
from .events_world import sweep_world

pytestmark = pytest.mark.e2e
PHONE = 375

# Each stacked cell's label (its ::before): how it wraps, how wide it is, and how wide its
# longest word is in the label's own font (a canvas measures it; letter spacing added).
LABELS = """() => [...document.querySelectorAll('.table-stack td[data-label]')]
  .filter(td => td.offsetParent !== null)
  .map(td => {
    const style = getComputedStyle(td, '::before');
    const pen = document.createElement('canvas').getContext('2d');
    pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const spacing = parseFloat(style.letterSpacing) || 0;
    const longest = Math.max(...td.dataset.label.toUpperCase().split(/\\s+/)
      .map(word => pen.measureText(word).width + spacing * word.length));
    return {label: td.dataset.label, wrap: style.overflowWrap, width: parseFloat(style.width),
            longest, display: getComputedStyle(td).display};
  })"""


@pytest.fixture
def world(staff):
    return sweep_world(staff=staff)


def test_the_staff_lists_stack_into_labelled_rows_on_a_phone(new_page, live_server, staff, world):
    page = new_page(width=PHONE)
    force_login(page, live_server, staff)
    slug = world["event"].slug
    for path in (
        reverse("events:staff_events"),
        reverse("events:staff_speakers"),
        reverse("events:staff_registrations", args=[slug]),
    ):
        page.goto(path)
        assert_fits_the_screen(page)
        sideways = page.evaluate(
            "[...document.querySelectorAll('.table-wrap')]"
            ".filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1).length"
        )
        assert sideways == 0, f"{path}: a table scrolls sideways"
        labels = page.evaluate(LABELS)
        assert labels, path
        for cell in labels:
            assert cell["display"] == "flow-root", (path, cell)
            assert cell["wrap"] == "normal", (path, cell)
            # The longest word fits its column (a pixel for rounding): never "ORGANIZATI / ON".
            assert cell["longest"] <= cell["width"] + 1, (path, cell)
    assert_accessible(page, context="registrations, 375px")


def test_date_and_time_inputs_are_as_tall_and_wide_as_text_inputs(
    new_page, live_server, staff, world
):
    page = new_page()
    force_login(page, live_server, staff)
    slug = world["event"].slug
    sizes = """ids => ids.map(id => {
      const box = document.getElementById(id).getBoundingClientRect();
      const field = document.getElementById(id).closest('.field').getBoundingClientRect();
      return [Math.round(box.height), Math.round(box.width), Math.round(field.width)]; })"""
    page.goto(reverse("events:staff_session_new", args=[slug]))
    (title, starts, ends) = page.evaluate(sizes, ["id_title", "id_starts", "id_ends"])
    assert starts[0] == ends[0] == title[0]
    assert starts[1] == starts[2] and ends[1] == ends[2]  # as wide as their column
    page.goto(reverse("events:staff_event_edit", args=[slug]))
    (title, starts, closes) = page.evaluate(
        sizes, ["id_title", "id_starts_at", "id_registration_closes_at"]
    )
    assert starts[0] == closes[0] == title[0]
    assert starts[1] == starts[2] and closes[1] == closes[2]


def test_the_sales_charts_axis_labels_are_readable_on_a_phone(new_page, live_server, staff, world):
    page = new_page(width=PHONE)
    force_login(page, live_server, staff)
    page.goto(reverse("events:staff_sales", args=[world["event"].slug]))
    labels = page.evaluate(
        """() => [...document.querySelectorAll('svg.line-chart')].flatMap(svg => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const frame = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('text.chart-axis')]
            .filter(text => getComputedStyle(text).display !== 'none')
            .map(text => { const box = text.getBoundingClientRect();
              return {text: text.textContent, y: text.classList.contains('chart-axis-y'),
                      px: parseFloat(getComputedStyle(text).fontSize) * scale,
                      inside: box.left >= frame.left - 1 && box.right <= frame.right + 1}; });
        })"""
    )
    assert any(label["y"] for label in labels) and any(not label["y"] for label in labels)
    for label in labels:
        assert label["px"] >= 11, label
        assert label["inside"], label


def test_the_agendas_edit_and_delete_line_up_and_delete_asks_first(
    new_page, live_server, staff, world
):
    page = new_page()
    force_login(page, live_server, staff)
    event = world["event"]
    page.goto(reverse("events:staff_agenda", args=[event.slug]))
    actions = page.locator(".evs-grid .evs-session-actions").first
    edit, delete = actions.locator("a.evs-action"), actions.locator("summary")
    measured = page.evaluate(
        """([edit, summary]) => [edit, summary].map(element => {
          const range = document.createRange(); range.selectNodeContents(element.firstChild);
          const box = range.getBoundingClientRect();
          const size = getComputedStyle(element).fontSize;
          return [size, Math.round(box.bottom), Math.round(box.height)];
        })""",
        [edit.element_handle(), delete.element_handle()],
    )
    assert measured[0] == measured[1], measured  # same size, same baseline

    before = Session.objects.filter(event=event).count()
    confirm = actions.locator("form.evs-confirm-form")
    assert not confirm.is_visible()
    delete.click()
    assert confirm.is_visible()
    assert "It leaves the agenda and attendees' starred sessions." in confirm.inner_text()
    assert_accessible(page, context="agenda, a deletion asked")
    confirm.get_by_role("button").click()
    # The deletion comes back to the agenda it was asked on: its message says the page loaded.
    expect(page.locator("body")).to_contain_text("was removed from the agenda")
    assert page.url.endswith(reverse("events:staff_agenda", args=[event.slug]))
    assert Session.objects.filter(event=event).count() == before - 1
