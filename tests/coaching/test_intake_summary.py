"""The readable summary of a needs assessment: the lead sentences and each section, for two
intakes written by hand (a full one and a thin draft), plus the partial that renders it."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from socialrx.coaching.models import Intake
from socialrx.coaching.selectors.intakes import (
    SummaryDetail,
    SummaryItem,
    SummaryList,
    describe_hours,
    join_words,
    summary,
    with_summary_data,
)
from socialrx.taxonomy.models import Platform
from tests.factories import CoachFactory, org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def platforms(*codes):
    return [Platform.objects.get(code=code) for code in codes]


@pytest.fixture
def riverside():
    """Riverside Medical Center's submitted assessment, with a coach assigned."""
    organization, admin = org_with_admin(name="Riverside Medical Center")
    admin.full_name = "Dana Whitfield"
    admin.save(update_fields=["full_name"])
    coach = CoachFactory(full_name="Maya Lindqvist")
    intake = Intake.objects.create(
        organization=organization,
        status="assigned",
        goals=["patient_education", "physician_visibility"],
        goals_detail="Two explainer videos a month.\nDoctors posting on their own.",
        audience="Parents of young children in the county.",
        people_available=2,
        hours_per_week=Decimal("6.0"),
        approval_process="Marketing drafts, compliance reviews within three days.",
        legal_concerns="Patient photos without consent.",
        leadership_concerns="",
        it_concerns="  ",
        policy_status="drafting",
        anything_else="We merged with Lakeside Clinic in May.",
        created_by=admin,
        submitted_by=admin,
        submitted_at=datetime(2025, 3, 4, 15, 30, tzinfo=UTC),
        assigned_coach=coach,
    )
    intake.platforms_in_use.set(platforms("facebook", "instagram"))
    intake.platforms_planned.set(platforms("tiktok", "instagram"))
    return intake


@pytest.fixture
def thin_draft():
    """A draft with one person, no hours and nothing else."""
    organization, admin = org_with_admin(name="Lakeside Clinic")
    return Intake.objects.create(
        organization=organization, goals=[], people_available=1, created_by=admin
    )


def test_the_lead_says_what_they_want_and_who_can_give_how_much_time(riverside):
    result = summary(riverside)

    assert result.lead == (
        "Riverside Medical Center wants help with patient education and physician visibility. "
        "Two people can give it about 6 hours a week."
    )


def test_the_sections_of_a_full_intake_read_as_prose_and_short_lists(riverside):
    result = summary(riverside)

    assert [section.title for section in result.sections] == [
        "Goals",
        "Platforms",
        "Audience",
        "How posts are approved",
        "Concerns by department",
        "Social media policy",
        "Anything else",
    ]
    goals = result.section("goals")
    assert goals.text == ""
    assert goals.lists == (
        SummaryList("", (SummaryItem("Patient education"), SummaryItem("Physician visibility"))),
    )
    assert goals.details == (
        SummaryDetail(
            "What success looks like",
            "Two explainer videos a month.\nDoctors posting on their own.",
        ),
    )
    assert result.section("platforms").lists == (
        SummaryList("In use", (SummaryItem("Facebook"), SummaryItem("Instagram"))),
        SummaryList("Planned", (SummaryItem("Instagram"), SummaryItem("TikTok", "new"))),
    )
    assert result.section("platforms").text == ""
    assert result.section("audience").text == "Parents of young children in the county."
    assert result.section("approval").text == (
        "Marketing drafts, compliance reviews within three days."
    )
    # Only the departments that raised something; blank and whitespace-only are left out.
    assert result.section("concerns").details == (
        SummaryDetail("Legal and compliance", "Patient photos without consent."),
    )
    assert result.section("concerns").text == ""
    assert result.section("policy").text == "A social media policy is being drafted."
    assert result.section("anything_else").text == "We merged with Lakeside Clinic in May."
    assert (result.status_label, result.submitted_by, result.assigned_coach) == (
        "Coach assigned",
        "Dana Whitfield",
        "Maya Lindqvist",
    )


def test_a_thin_draft_says_what_is_missing_instead_of_showing_blanks(thin_draft):
    result = summary(thin_draft)

    assert result.lead == (
        "Lakeside Clinic has not chosen its goals yet. "
        "One person will work on it; the hours a week are not given yet."
    )
    assert [(section.title, section.text) for section in result.sections] == [
        ("Goals", "No goals chosen yet."),
        ("Platforms", "No platforms given yet."),
        ("Audience", "Not described yet."),
        ("How posts are approved", "Not described yet."),
        ("Concerns by department", "None raised."),
        ("Social media policy", "Not answered yet."),
    ]
    assert (result.status_label, result.submitted_by, result.submitted_at) == ("Draft", "", None)
    assert result.assigned_coach == ""


def test_three_goals_take_a_serial_comma_and_hours_alone_get_their_own_sentence(thin_draft):
    thin_draft.goals = ["recruitment", "reputation", "crisis_readiness"]
    thin_draft.people_available = None
    thin_draft.hours_per_week = Decimal("2.5")
    thin_draft.policy_status = "unsure"

    result = summary(thin_draft)

    assert result.lead == (
        "Lakeside Clinic wants help with recruiting staff and physicians, reputation and "
        "reviews, and crisis readiness. It has about 2.5 hours a week for it."
    )
    assert result.section("policy").text == (
        "The admin is not sure whether a social media policy exists."
    )


def test_planned_platforms_without_any_in_use_are_all_new(thin_draft):
    thin_draft.platforms_planned.set(platforms("linkedin", "youtube"))

    section = summary(thin_draft).section("platforms")

    assert section.text == "No platform in use yet."
    assert section.lists == (
        SummaryList("Planned", (SummaryItem("YouTube", "new"), SummaryItem("LinkedIn", "new"))),
    )


def test_words_and_hours_helpers():
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"]) == "a, b, and c"
    assert describe_hours(Decimal("1.0")) == "1 hour"
    assert describe_hours(Decimal("0.5")) == "0.5 hours"
    assert describe_hours(Decimal("12.0")) == "12 hours"
    assert describe_hours(Decimal("168")) == "168 hours"


def test_the_summary_reads_everything_in_three_queries(riverside, django_assert_num_queries):
    # The intake with its organization and people, then each platform list.
    with django_assert_num_queries(3):
        intake = with_summary_data(Intake.objects.filter(pk=riverside.pk)).get()
        summary(intake)


def test_the_partial_renders_headings_at_the_level_asked_for(riverside):
    html = render_to_string(
        "coaching/intakes/_summary.html", {"summary": summary(riverside), "summary_heading": 3}
    )

    assert '<h3 id="intake-goals">Goals</h3>' in html
    assert '<h4 class="intake-subtitle">What success looks like</h4>' in html
    assert "Two explainer videos a month.<br>Doctors posting on their own." in html
    assert 'TikTok <span class="badge badge-brand">new</span>' in html
    assert "Not assigned yet" not in html
    assert "Maya Lindqvist" in html


def test_the_partial_leaves_the_meta_out_when_asked(thin_draft):
    html = render_to_string(
        "coaching/intakes/_summary.html", {"summary": summary(thin_draft), "summary_meta": False}
    )

    assert '<h2 id="intake-goals">Goals</h2>' in html
    assert "Not assigned yet" not in html
