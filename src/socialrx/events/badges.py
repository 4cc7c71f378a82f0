"""Name badges: a printable PDF sheet, six 4 × 3 in badges to a US Letter page (two across,
three down, 1 in top and bottom margins, 1/4 in at the sides: the common 6-up badge insert
sheets), each with the name large, title, organization, the event and a ribbon naming the
ticket type. WeasyPrint draws it from an HTML template that carries its styles inline, so
rendering fetches nothing."""

from __future__ import annotations

from django.template.loader import render_to_string

from socialrx.core.pdf import html_to_pdf

PER_PAGE = 6
PER_ROW = 2


def name_size(full_name: str) -> str:
    """A class for the name's type size: long names get smaller type, never a second line
    cut in half."""
    length = len(full_name)
    if length <= 16:
        return "name-xl"
    if length <= 22:
        return "name-l"
    if length <= 30:
        return "name-m"
    return "name-s"


def badge_pages(attendees) -> list[list[list[dict]]]:
    """Pages of rows of badges (the last row padded with empty places)."""
    badges = [
        {
            "attendee": attendee,
            "size": name_size(attendee.full_name),
            "ribbon": f"ribbon-{attendee.ticket_type.kind}",
        }
        for attendee in attendees
    ]
    pages = []
    for start in range(0, len(badges), PER_PAGE):
        chunk = badges[start : start + PER_PAGE]
        rows = [chunk[i : i + PER_ROW] for i in range(0, len(chunk), PER_ROW)]
        if len(rows[-1]) < PER_ROW:
            rows[-1] = rows[-1] + [None] * (PER_ROW - len(rows[-1]))
        pages.append(rows)
    return pages


def badge_sheet_html(event, attendees, *, ticket_type=None) -> str:
    return render_to_string(
        "events/check_in/badges_pdf.html",
        {"event": event, "pages": badge_pages(attendees), "ticket_type": ticket_type},
    )


def badge_sheet_pdf(event, attendees, *, ticket_type=None) -> bytes:
    return html_to_pdf(badge_sheet_html(event, attendees, ticket_type=ticket_type))
