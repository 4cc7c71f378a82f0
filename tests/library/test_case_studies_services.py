"""A case study written through its service: one transaction makes the resource (kind case
study, its body composed from the answers as Markdown and rendered), the case study and its
figures; a refused figure leaves nothing behind; saving again replaces the figures; it is
submitted and reviewed like any contribution."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import CaseStudy, Resource, ResultFigure
from socialrx.library.services.case_studies import Figure, save_case_study, start_case_study
from socialrx.library.services.contribution_reviews import approve_contribution
from socialrx.library.services.contributions import AlreadySubmitted, submit_contribution
from tests.factories import StaffFactory
from tests.library.contributions_support import (
    FOLLOWERS,
    answers,
    case_study_draft,
    draft_case_study,
)
from tests.library.factories import member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def member():
    return member_org("Riverside Regional Medical Center")


def nothing_written() -> None:
    assert Resource.objects.count() == 0
    assert CaseStudy.objects.count() == 0
    assert ResultFigure.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_case_study_is_a_resource_with_its_answers_and_figures(member):
    organization, _admin, person = member

    resource = start_case_study(
        actor=person, draft=case_study_draft(organization), answers=answers()
    )

    resource.refresh_from_db()
    assert (resource.kind, resource.status, resource.access) == ("case_study", "draft", "public")
    assert resource.contributed_by_organization == organization
    assert resource.body == (
        "## Goal\n\nReach parents in the county with trustworthy health information.\n\n"
        "## Approach\n\nTwo patient stories a week, approved by the patients and by "
        "compliance.\n\n"
        "## Results\n\nThe page became the county's most followed health page.\n\n"
        "## Lessons\n\nAsk for consent early; stories outperform announcements.\n\n"
        "## What legal and IT required\n\nA consent form reviewed by legal; no new tools for IT."
    )
    assert resource.body_html.startswith(
        "<h2>Goal</h2>\n<p>Reach parents in the county with trustworthy health information.</p>"
    )
    assert resource.minutes == 1  # under 200 words: a minute
    case_study = resource.case_study
    assert (case_study.organization, case_study.lessons) == (
        organization,
        "Ask for consent early; stories outperform announcements.",
    )
    figures = list(case_study.figures.values_list("measure", "before", "after", "unit", "period"))
    assert figures == [
        ("Page followers", Decimal("1200.00"), Decimal("5400.00"), "", "12 months"),
        ("Messages answered within a day", None, Decimal("92.00"), "%", ""),
    ]
    assert "Page followers: 1,200 → 5,400 (+350%), 12 months" in resource.search_text
    assert "Messages answered within a day: 92%" in resource.search_text
    assert [p.code for p in resource.platforms.all()] == ["facebook", "instagram"]


def test_a_script_in_an_answer_is_stripped(member):
    organization, _admin, person = member

    resource = start_case_study(
        actor=person,
        draft=case_study_draft(organization),
        answers=answers(lessons="<script>alert(1)</script><img src=x onerror=alert(1)>"),
    )

    assert "<script" not in resource.body_html
    assert "<img" not in resource.body_html


def test_a_figure_with_letters_leaves_nothing_written(member):
    organization, _admin, person = member
    bad = Figure(measure="Reach", before=Decimal("10"), after="lots")

    with pytest.raises(DomainError) as refused:
        start_case_study(
            actor=person,
            draft=case_study_draft(organization),
            answers=answers(figures=[FOLLOWERS, bad]),
        )

    assert refused.value.field == "figures"
    assert refused.value.message == "Result 2: give “after” as a number, like 1200 or 3.5."
    nothing_written()


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ([], "Give from 1 to 8 results in numbers."),
        ([FOLLOWERS] * 9, "Give from 1 to 8 results in numbers."),
        ([Figure(measure="Reach", after=None)], "Result 1: give the number after."),
        ([Figure(measure=" ", after=Decimal("3"))], "Result 1: name what was measured (up to "
         "120 characters)."),
        ([Figure(measure="Reach", after=Decimal("1.005"))], "Result 1: give “after” with at "
         "most two decimals."),
        ([Figure(measure="Reach", after=Decimal("1e13"))], "Result 1: give “after” as a number, "
         "like 1200 or 3.5."),
    ],
)  # fmt: skip
def test_figures_out_of_bounds_are_refused(member, figures, message):
    organization, _admin, person = member

    with pytest.raises(DomainError) as refused:
        start_case_study(
            actor=person, draft=case_study_draft(organization), answers=answers(figures=figures)
        )

    assert refused.value.message == message
    nothing_written()


@pytest.mark.parametrize("missing", ["goal", "approach", "results", "lessons"])
def test_an_empty_required_answer_is_refused(member, missing):
    organization, _admin, person = member

    with pytest.raises(DomainError) as refused:
        start_case_study(
            actor=person, draft=case_study_draft(organization), answers=answers(**{missing: " "})
        )

    assert refused.value.field == missing
    nothing_written()


def test_crediting_another_organization_is_refused(member):
    _organization, _admin, person = member
    elsewhere, _other_admin, _other = member_org("Lakeside Family Physicians")

    with pytest.raises(DomainError) as refused:
        start_case_study(actor=person, draft=case_study_draft(elsewhere), answers=answers())

    assert refused.value.field == "organization"
    nothing_written()


def test_saving_again_replaces_the_figures(member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)
    new_figure = Figure(measure="Job applications", before=Decimal("40"), after=Decimal("64"))

    save_case_study(
        actor=person,
        resource=resource,
        draft=case_study_draft(organization, title="Recruiting nurses on Instagram"),
        answers=answers(figures=[new_figure], legal_it_requirements=""),
    )

    resource.refresh_from_db()
    assert resource.title == "Recruiting nurses on Instagram"
    assert list(resource.case_study.figures.values_list("measure", flat=True)) == [
        "Job applications"
    ]
    assert "What legal and IT required" not in resource.body
    assert "Job applications: 40 → 64 (+60%)" in resource.search_text


def test_a_failing_figure_on_save_keeps_the_saved_case_study(member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)

    with pytest.raises(DomainError):
        save_case_study(
            actor=person,
            resource=resource,
            draft=case_study_draft(organization, title="Changed"),
            answers=answers(figures=[Figure(measure="Reach", after="x")]),
        )

    resource.refresh_from_db()
    assert resource.title == "How Riverside grew its Facebook page"
    assert resource.case_study.figures.count() == 2


def test_a_case_study_is_submitted_and_published_like_any_contribution(member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)

    submit_contribution(actor=person, resource=resource)
    with pytest.raises(AlreadySubmitted):
        save_case_study(
            actor=person, resource=resource, draft=case_study_draft(organization), answers=answers()
        )
    approve_contribution(actor=StaffFactory(), resource=resource, access="public")

    resource.refresh_from_db()
    assert (resource.status, resource.access) == ("published", "public")
    assert resource.slug == "how-riverside-grew-its-facebook-page"
