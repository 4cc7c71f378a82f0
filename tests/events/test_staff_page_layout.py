"""The back office's pages after the visual review: one header on every page (breadcrumb, h1,
status), the overview's places counted as the registrations page counts them and its "Live"
summary once published, the agenda's tabs under the heading with its actions below, deleting
a session after a confirmation, speakers and topics as checkboxes in columns, the lists as
tables that stack on phones, and the charts' axis labels marked for phones."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from socialrx.core import charts
from socialrx.events.models import WaitlistEntry
from tests.events.agenda_support import at, june_conference
from tests.events.factories import (
    make_attendee,
    make_room,
    make_session,
    make_speaker,
    make_ticket_type,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _get(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, name
    return response.content.decode()


def _stat(html: str, label: str) -> str:
    found = re.search(rf"<dt>{label}</dt><dd class=\"stat\">([^<]*)</dd>", html)
    assert found, f"no {label!r} figure"
    return found.group(1)


# --- the overview -----------------------------------------------------------------------------


def test_a_published_events_overview_is_live_without_the_checklist(staff_client):
    event = june_conference(title="Social Health 2031")
    html = _get(staff_client, "events:staff_event", event.slug)
    assert "Before publishing" not in html
    assert '<h2 id="live-title">Live</h2>' in html
    assert "registration is open until Jun 9, 2031 at 5:00 PM CDT" in html
    live = html[html.index('id="live-title"') : html.index("</section>", html.index("live-title"))]
    for name in ("events:event", "events:staff_registrations", "events:check_in"):
        assert f'href="{reverse(name, args=[event.slug])}"' in live


def test_a_drafts_overview_lists_what_is_missing_and_is_not_live(staff_client):
    event = june_conference(status="draft")
    html = _get(staff_client, "events:staff_event", event.slug)
    assert "Before publishing" in html and "No ticket types yet" in html
    assert 'id="live-title"' not in html


def test_a_cancelled_events_overview_says_so_instead(staff_client):
    event = june_conference(status="cancelled")
    html = _get(staff_client, "events:staff_event", event.slug)
    assert "Before publishing" not in html and 'id="live-title"' not in html
    assert "This event is cancelled: it can no longer be changed." in html


def test_the_overview_counts_places_as_the_registrations_page_does(staff_client):
    event = june_conference(capacity=10)
    standard = make_ticket_type(event, name="Standard")
    for _ in range(2):
        make_attendee(event, standard)
    make_attendee(event, standard, status="pending")  # its hold runs 30 more minutes
    expired = make_attendee(event, standard, status="pending")
    expired.order.hold_expires_at = timezone.now() - timedelta(minutes=5)
    expired.order.save(update_fields=["hold_expires_at"])
    make_attendee(event, standard, status="cancelled")
    WaitlistEntry.objects.create(
        event=event,
        ticket_type=standard,
        person=UserFactory(),
        status="offered",
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + timedelta(hours=1),
    )

    overview = _get(staff_client, "events:staff_event", event.slug)
    registrations = _get(staff_client, "events:staff_registrations", event.slug)
    for page in (overview, registrations):
        assert _stat(page, "Registered") == "2"
        assert _stat(page, "Awaiting payment") == "2"
    assert _stat(overview, "Waitlist offers") == "1"
    # 10 places − 2 registered − 1 pending with a live hold − 1 live offer.
    assert _stat(overview, "Places left") == "6"
    assert "1 hold ran out: its place is free again" in overview
    assert "2 people are registered and 2 awaiting payment" in overview

    listing = _get(staff_client, "events:staff_events")
    assert "2 / 10" in listing and "+ 2 awaiting payment" in listing


# --- one header on every page -------------------------------------------------------------------


def test_every_staff_page_of_an_event_has_the_same_header(staff_client):
    event = june_conference(title="Social Health 2031", status="draft")
    standard = make_ticket_type(event, name="Standard")
    session = make_session(event, title="Opening keynote")
    slug = event.slug
    pages = [
        ("events:staff_event", [slug]),
        ("events:staff_event_edit", [slug]),
        ("events:staff_agenda", [slug]),
        ("events:staff_session_new", [slug]),
        ("events:staff_session_edit", [slug, session.slug]),
        ("events:staff_rooms", [slug]),
        ("events:staff_tracks", [slug]),
        ("events:staff_ticket_types", [slug]),
        ("events:staff_ticket_type_edit", [slug, standard.public_id]),
        ("events:staff_waitlist", [slug]),
        ("events:staff_registrations", [slug]),
        ("events:staff_sales", [slug]),
        ("events:staff_attendance", [slug]),
        ("events:check_in", [slug]),
    ]
    back_office = f'<a href="{reverse("events:staff_events")}">Events back office</a>'
    for name, args in pages:
        html = _get(staff_client, name, *args)
        start = html.index('aria-label="Breadcrumb"')
        crumbs = html[start : html.index("</nav>", start)]
        assert back_office in crumbs, name
        assert f'href="{reverse("events:staff_event", args=[slug])}"' in crumbs, name
        assert "Social Health 2031</a>" in crumbs, name
        assert html.count("<h1>") == 1, name
        assert '<span class="badge badge-warning">Draft</span>' in html, name
        assert 'class="eyebrow"' not in html, name
        # The header, then the tabs.
        assert html.index('aria-label="Breadcrumb"') < html.index("<h1>"), name
        assert html.index("<h1>") < html.index('aria-label="Event back office"'), name


def test_the_back_offices_own_pages_have_the_header_without_an_event(staff_client):
    speaker = make_speaker(full_name="Dr. Ada Lovelace")
    listing = _get(staff_client, "events:staff_events")
    assert '<span aria-current="page">Events back office</span>' in listing
    assert "<h1>Events</h1>" in listing
    for name, args, h1 in (
        ("events:staff_speakers", [], "Speakers"),
        ("events:staff_event_new", [], "Add an event"),
        ("events:staff_speaker_edit", [speaker.slug], "Edit Dr. Ada Lovelace"),
    ):
        html = _get(staff_client, name, *args)
        assert 'aria-label="Breadcrumb"' in html and f"<h1>{h1}</h1>" in html, name
        assert 'class="badge' not in html.split("<h1>")[1].split("</div>")[0], name
    edit = _get(staff_client, "events:staff_speaker_edit", speaker.slug)
    assert f'<a href="{reverse("events:staff_speakers")}">Speakers</a>' in edit


# --- the agenda --------------------------------------------------------------------------------


def test_the_agendas_tabs_sit_under_the_heading_and_add_a_session_below_them(staff_client):
    event = june_conference(title="Social Health 2031")
    make_session(event, title="Opening keynote", starts_at=at(10, 9), room=make_room(event))
    html = _get(staff_client, "events:staff_agenda", event.slug)
    heading, tabs = html.index("<h1>Social Health 2031</h1>"), html.index('class="tabs')
    add = html.index(f'href="{reverse("events:staff_session_new", args=[event.slug])}"')
    assert heading < tabs < add
    assert "Add a session" not in html[:tabs]


def test_deleting_a_session_from_the_agenda_asks_first_then_posts(staff_client):
    event = june_conference()
    session = make_session(event, title="Opening keynote", starts_at=at(10, 9))
    html = _get(staff_client, "events:staff_agenda", event.slug)
    delete = reverse("events:staff_session_delete", args=[event.slug, session.slug])
    # In the grid and in the phone list: a disclosure, then the POST form with its warning.
    assert html.count('<details class="evs-confirm">') == 2
    assert html.count(f'<form method="post" action="{delete}" class="evs-confirm-form">') == 2
    assert "Delete “Opening keynote”? It leaves the agenda and attendees' starred sessions." in html
    summary = '<summary class="evs-action">Delete<span class="visually-hidden"> Opening keynote'
    assert summary in html
    assert '<a class="evs-action" href="' in html  # Edit, styled the same


# --- the forms ---------------------------------------------------------------------------------


def test_the_session_form_offers_speakers_as_checkboxes_with_their_job_titles(staff_client):
    event = june_conference()
    ada = make_speaker(
        full_name="Ada Lovelace",
        credentials="MD",
        job_title="Chief Medical Officer",
        organization_name="Mercy Hospital",
    )
    make_speaker(full_name="Zoe Brown", job_title="", organization_name="")
    session = make_session(event, title="Keynote", starts_at=at(10, 9), speakers=[ada])
    html = _get(staff_client, "events:staff_session_edit", event.slug, session.slug)
    assert "<select" not in html.split('class="field evs-speakers')[1].split("</fieldset>")[0]
    checked = rf'<input type="checkbox" name="speakers" value="{ada.pk}"[^>]* checked>'
    assert re.search(checked, html)
    assert '<span class="evs-speaker-name">Ada Lovelace, MD</span>' in html
    assert '<span class="evs-speaker-role">Chief Medical Officer, Mercy Hospital</span>' in html
    assert html.index("Ada Lovelace, MD") < html.index("Zoe Brown")  # A to Z
    assert 'aria-describedby="id_speakers_helptext"' in html


def test_the_event_form_puts_topics_and_platforms_in_columns_in_a_fieldset(staff_client):
    html = _get(staff_client, "events:staff_event_new")
    after = html.split("<legend>Topics and platforms</legend>")[1]
    fieldset = after.split("</fieldset>\n  <fieldset")[0]
    assert fieldset.count('<div class="evs-choices">') == 2
    assert "<legend>Topics</legend>" in fieldset and "<legend>Platforms</legend>" in fieldset
    the_event = html.split("<legend>The event</legend>")[1].split("</fieldset>")[0]
    assert 'name="topics"' not in the_event


# --- the lists stack on phones -----------------------------------------------------------------


def test_the_events_and_speakers_lists_are_tables_that_stack_on_phones(staff_client):
    event = june_conference(title="Social Health 2031")
    speaker = make_speaker(full_name="Ada Lovelace", job_title="Nurse lead")
    make_session(event, speakers=[speaker])
    events = _get(staff_client, "events:staff_events")
    assert '<table class="table-stack evs-stack">' in events
    for label in ("Dates", "Status", "Registered", "Sessions", "Pages"):
        assert f'data-label="{label}"' in events
    speakers = _get(staff_client, "events:staff_speakers")
    assert '<table class="table-stack evs-stack">' in speakers
    for label in ("Role", "Photo", "Sessions"):
        assert f'data-label="{label}"' in speakers
    assert "scrolls sideways" not in events + speakers


# --- the charts' axis labels ---------------------------------------------------------------------


def test_the_line_charts_axis_labels_say_which_ones_phones_leave_out():
    days = [date(2030, 1, 1) + timedelta(days=30 * n) for n in range(7)]
    chart = charts.line_chart([("Tickets", [(day, n * 10) for n, day in enumerate(days)])])
    html = render_to_string(
        "includes/line_chart.html",
        {"chart": chart, "chart_id": "c", "title": "Tickets", "description": "Tickets by month"},
    )
    y_labels = re.findall(r'<text class="chart-axis chart-axis-y([^"]*)"[^>]*>([^<]*)<', html)
    # Five values, 0 to 100 (the peak, 60, rounded up): phones keep the top and the middle.
    assert y_labels == [
        (" chart-tick-zero", "0"),
        (" chart-tick-minor", "25"),
        ("", "50"),
        (" chart-tick-minor", "75"),
        ("", "100"),
    ]
    x_labels = re.findall(r'<text class="chart-axis chart-axis-x([^"]*)"', html)
    assert x_labels[0] == "" and x_labels[-1] == ""
    assert set(x_labels[1:-1]) == {" chart-tick-inner"}
    assert "style=" not in html

    # Six values (the training report's whole numbers, 0 to 5): phones keep 5, 3 and 1.
    six = dataclasses.replace(chart, y_ticks=[charts.Tick(224 - 40 * n, str(n)) for n in range(6)])
    html = render_to_string(
        "includes/line_chart.html",
        {"chart": six, "chart_id": "c", "title": "Tickets", "description": "Tickets by month"},
    )
    y_labels = re.findall(r'<text class="chart-axis chart-axis-y([^"]*)"[^>]*>([^<]*)<', html)
    assert [label for classes, label in y_labels if not classes] == ["1", "3", "5"]
