"""The toolkit's browser journeys (issue 25), in Debian's Chromium, axe clean (WCAG 2.1 AA)
on every toolkit page visited, at a phone's width too for the checker and the results:

1. a visitor takes the short assessment, reads the scores (chart and table) and follows the
   invitation to join to the sign-up page;
2. the admin of a member hospital completes the full assessment step by step, reads the result
   with its staffing estimate, changes an assumption and sees the hours recomputed live
   (htmx), then builds the policy through its ten steps, assembles it and downloads the Word
   document, whose name and text are checked (python-docx opens it); last she checks a
   draft as she types it: the patient's name and admission date are marked, and nothing else,
   without a button pressed.

Expected figures are worked out by hand in toolkit_world.py."""

from __future__ import annotations

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from socialrx.toolkit.models import Assessment
from tests.membership.factories import standard_plans

from .browser import login
from .toolkit_world import (
    CADENCE,
    DRAFT_FIRST,
    DRAFT_REST,
    FIVE_DAY_HOURS,
    FULL_SCORES,
    FULL_STEPS,
    GOALS,
    HOURS_NOW,
    ORGANIZATION,
    POLICY_STEP_TITLES,
    POLICY_STEPS,
    SHORT_ANSWERS,
    SHORT_SCORES,
    STAFFING_HOURS,
    answer,
    detector_ready,
    look,
    look_on_a_phone,
    mark_stay,
    member_hospital,
    rows_of,
    still_the_same_page,
)

pytestmark = pytest.mark.e2e


def scores_table(page):
    return page.get_by_role("region", name="Scores by dimension, table", exact=True).locator(
        "table"
    )


def test_a_visitor_takes_the_short_assessment_and_follows_the_invitation_to_join(page):
    standard_plans()
    page.goto("/toolkit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Getting to yes with leadership, legal and IT"
    )
    look(page, "toolkit home")
    page.get_by_role("link", name="Take the assessment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Readiness and staffing assessment")
    look(page, "short assessment")
    for question, choice in SHORT_ANSWERS.items():
        answer(page, question, choice)
    page.get_by_role("button", name="See my scores").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your readiness — Level 1 of 4: Starting"
    )
    expect(page.get_by_text("Overall score 33 out of 100", exact=False)).to_be_visible()
    chart = page.locator("svg.assessment-bars")
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).to_have_text(
        "Strategy 50 (Developing), Governance 25 (Starting), Capacity 13 (Starting), "
        "Skills 25 (Starting), Measurement 50 (Developing). "
        "The same numbers are in the table that follows."
    )
    expect(chart.locator("rect")).to_have_count(5)
    assert rows_of(scores_table(page)) == SHORT_SCORES
    assert rows_of(scores_table(page), "tfoot") == [["Overall", "33", "1 Starting"]]
    look(page, "short assessment's scores")
    look_on_a_phone(page, "short assessment's scores")

    join = page.get_by_role("region", name="Get the full assessment")
    join.get_by_role("link", name="See membership plans and prices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pricing that scales with your organization"
    )
    page.get_by_role("link", name="Create an account to apply").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()


# --- the org admin ---------------------------------------------------------------------------


def _take_the_full_assessment(page) -> None:
    page.goto("/toolkit/assessment/")
    mine = page.get_by_role("region", name="Your organizations")
    expect(mine.get_by_role("heading", name=ORGANIZATION)).to_be_visible()
    look(page, "assessment start, signed in")
    mine.get_by_role("link", name="Take the full assessment").click()

    for number, answers in enumerate(FULL_STEPS, start=1):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Step {number} of 7:")
        if number == 1:
            goals = page.get_by_role(
                "group", name="What should social media do for your organization?"
            )
            for goal in GOALS:
                goals.get_by_label(goal).check()
        if number == 3:
            page.get_by_label("About how many hours a week does your team spend").fill(HOURS_NOW)
        if number == 6:
            for platform, count, period in CADENCE:
                page.get_by_label(f"{platform}: posts").fill(count)
                page.get_by_label(f"{platform}: how often").select_option(label=period)
        for question, choice in answers.items():
            answer(page, question, choice)
        look(page, f"assessment step {number}")
        if number < len(FULL_STEPS):
            page.get_by_role("button", name=re.compile(r"^Next: ")).click()
    page.get_by_role("button", name="Submit and see the results").click()


def _read_the_result_and_change_an_assumption(page, organization) -> None:
    expect(page.get_by_text(f"{ORGANIZATION}'s assessment is saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{ORGANIZATION} — Level 2 of 4: Developing"
    )
    expect(page.get_by_text("Overall score 58 out of 100", exact=False)).to_be_visible()
    expect(page.locator("svg.assessment-bars rect")).to_have_count(5)
    assert rows_of(scores_table(page)) == FULL_SCORES
    assert rows_of(scores_table(page), "tfoot") == [["Overall", "58", "2 Developing"]]

    figures = page.locator("#staffing-figures")
    expect(figures.locator(".assessment-staffing-total")).to_have_text(
        "18.5 hours a week = 0.46 FTE at 40 hours a week per full-time person."
    )
    expect(figures).to_contain_text(
        f"Your team spends about {HOURS_NOW} hours a week now: the plan needs 6.5 more."
    )
    hours = figures.locator("table")
    assert [[row[0], row[-1]] for row in rows_of(hours)[:3]] == STAFFING_HOURS
    look(page, "assessment result")
    look_on_a_phone(page, "assessment result")

    # Patients write on weekends too, but this team will watch on office days only.
    mark_stay(page)
    page.get_by_label("Days a week someone watches").fill("5")
    expect(figures.locator(".assessment-staffing-total")).to_have_text(
        "17.0 hours a week = 0.42 FTE at 40 hours a week per full-time person."
    )
    expect(figures).to_contain_text("Recalculated, not saved yet")
    assert [[row[0], row[-1]] for row in rows_of(figures.locator("table"))[:3]] == FIVE_DAY_HOURS
    assert still_the_same_page(page), "the estimate was recomputed by reloading the page"
    look(page, "assessment result, recalculated")

    page.get_by_role("button", name="Save these assumptions").click()
    expect(page.get_by_text("The staffing estimate and its assumptions are saved.")).to_be_visible()
    expect(figures.locator(".assessment-staffing-total")).to_contain_text("17.0 hours a week")
    saved = Assessment.objects.get(organization=organization)
    assert saved.staffing["monitoring_days"] == 5


def _build_the_policy(page) -> None:
    page.goto("/toolkit/policies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Social media policy builder")
    look(page, "policy builder")
    page.get_by_role("button", name=f"Start building the policy of {ORGANIZATION}").click()

    steps = zip(POLICY_STEP_TITLES, POLICY_STEPS, strict=True)
    for number, (title, answers) in enumerate(steps, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Step {number} of 10: {title}")
        for question, value in answers:
            group = page.get_by_role("group", name=question, exact=True)
            if group.count():
                group.get_by_label(value, exact=True).check()
            else:
                page.get_by_label(question).fill(value)
        if number in (1, 2, 3, 10):  # text and choice; a number; yes/no; the last step
            look(page, f"policy step {number}")
        page.get_by_role("button", name=re.compile(r"^Save and (go on|review)")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Review the answers and assemble")
    approvals = page.get_by_role("region", name="2. Approval workflow")
    expect(approvals).to_contain_text("Director of Communications")
    look(page, "policy assembly")
    page.get_by_role("button", name="Assemble the policy").click()

    expect(page.get_by_text("Version 1 of the policy is assembled.", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Social media policy")
    text = page.get_by_role("article", name="The policy's text")
    expect(text).to_contain_text(
        "is approved before it is published by the Director of Communications"
    )
    look(page, "policy version")


def _download_the_word_document(page, tmp_path) -> None:
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Word (.docx)").click()
    download = download_info.value
    assert download.suggested_filename == "lakeside-community-hospital-social-media-policy-v1.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    document = Document(str(path))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert ORGANIZATION in paragraphs
    text = " ".join(" ".join(paragraphs).split())
    assert "is approved before it is published by the Director of Communications" in text
    assert "within 2 business days" in text
    assert "within 30 minutes" in text


def _check_a_draft_as_she_types(page) -> None:
    page.goto("/toolkit/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Post safety check")
    look(page, "checker")
    look_on_a_phone(page, "checker")

    mark_stay(page)
    draft = page.get_by_label("Your draft")
    draft.press_sequentially(DRAFT_FIRST)
    marks = page.locator("#check-results mark")
    expect(marks).to_have_count(2)
    draft.press_sequentially(DRAFT_REST)
    summary = page.locator("#check-results .check-summary")
    expect(summary).to_have_text("2 identifiers found · 2 of high severity")
    # The counter follows too, against a member's limit (49 + 59 characters typed).
    expect(page.locator("#check-text-status")).to_contain_text("108 of 20,000 characters")
    expect(marks).to_have_count(2)
    # A mark holds the words found, then their label ("[Name]"): the words alone first.
    own_text = marks.evaluate_all(
        "marks => marks.map(mark => Array.from(mark.childNodes)"
        ".filter(node => node.nodeType === Node.TEXT_NODE)"
        ".map(node => node.textContent).join(''))"
    )
    assert own_text == ["Maria Lopez", "March 3"]
    expect(marks.locator(".check-mark-label a")).to_have_text(
        ["Name, high severity", "Date, high severity"]
    )
    assert still_the_same_page(page), "the draft was checked by reloading the page"
    look(page, "checker with results")
    look_on_a_phone(page, "checker with results")


def test_an_org_admin_assesses_builds_the_policy_and_checks_a_draft(page, live_server, tmp_path):
    organization, admin = member_hospital()
    detector_ready()
    login(page, live_server, admin)
    _take_the_full_assessment(page)
    _read_the_result_and_change_an_assumption(page, organization)
    _build_the_policy(page)
    _download_the_word_document(page, tmp_path)
    _check_a_draft_as_she_types(page)
