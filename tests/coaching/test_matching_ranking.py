"""Matching: the 0-100 score worked out by hand (selectors/matching.py's docstring), coaches'
free hours over a fixed four-week window, and the ranked suggestions for one needs assessment
with five hand-made coaches."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from socialrx.coaching.models import Intake
from socialrx.coaching.selectors.matching import (
    GOAL_TOPICS,
    Wanted,
    match_score,
    suggestions_for,
)
from socialrx.coaching.selectors.slots import free_minutes_by_coach
from socialrx.schedules.services import Slot, commit
from socialrx.taxonomy.models import Platform, Topic
from tests.coaching.factories import make_coach
from tests.factories import org_with_admin

CHICAGO = ZoneInfo("America/Chicago")
# Monday 6 January 2031, midnight in Chicago (CST, UTC-6): 28 days later is Monday 3 February,
# no daylight-saving change in between, and the window holds exactly 20 weekdays.
SINCE = datetime(2031, 1, 6, tzinfo=CHICAGO)
MORNINGS = [(day, time(9), time(12)) for day in range(5)]  # Monday-Friday 9:00-12:00


def busy(coach, starts_at: datetime, minutes: int = 60) -> None:
    """`coach` committed elsewhere (a boot camp, say) from `starts_at`."""
    commit(
        coach.user,
        [Slot(starts_at, starts_at + timedelta(minutes=minutes))],
        source_kind="training.bootcamp",
        source_public_id=coach.public_id,
        label="Boot camp",
    )


# --- the score ------------------------------------------------------------------------------

WANTED = Wanted(
    platforms=frozenset({"facebook", "instagram", "tiktok"}),
    topics=frozenset({"crisis-response", "policy-legal"}),
    organization_type="hospital",
)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("platforms", "topics", "types", "expected"),
    [
        # 100 × (40 × 3/3 + 40 × 2/2 + 20 × 1) / 100 = 100
        (
            ("facebook", "instagram", "tiktok"),
            ("crisis-response", "policy-legal"),
            ("hospital",),
            100,
        ),
        # 100 × (40 × 2/3 + 40 × 1/2 + 20 × 1) / 100 = 66.67 → 67
        (("facebook", "instagram", "x"), ("crisis-response", "recruitment"), ("hospital",), 67),
        # 100 × (40 × 1/3 + 0 + 0) / 100 = 13.33 → 13
        (("linkedin", "tiktok"), ("strategy",), ("practice",), 13),
        # only the type: 100 × 20 / 100 = 20
        ((), (), ("hospital", "practice"), 20),
        # nothing in common
        (("youtube",), ("recruitment",), ("practice",), 0),
    ],
)
def test_the_score_is_the_weighted_share_of_what_the_intake_asks(
    platforms, topics, types, expected
):
    score = match_score(WANTED, platforms=platforms, topics=topics, organization_types=types)

    assert score == expected


@pytest.mark.unit
def test_a_category_the_intake_leaves_empty_is_left_out_and_the_others_make_100():
    only_topics_and_type = Wanted(topics=frozenset({"reputation"}), organization_type="practice")
    # topics 40 and type 20 present: 100 × (40 × 1/1 + 20 × 0) / 60 = 66.67 → 67
    assert (
        match_score(
            only_topics_and_type,
            platforms=("facebook",),
            topics=("reputation",),
            organization_types=(),
        )
        == 67
    )
    # 100 × (40 × 0 + 20 × 1) / 60 = 33.33 → 33
    assert (
        match_score(only_topics_and_type, platforms=(), topics=(), organization_types=("practice",))
        == 33
    )
    assert match_score(Wanted(), platforms=("x",), topics=(), organization_types=()) == 0


@pytest.mark.unit
def test_a_half_rounds_up():
    two_platforms = Wanted(
        platforms=frozenset({"facebook", "x"}), topics=frozenset({"a", "b", "c", "d"})
    )
    # 100 × (40 × 1/2 + 40 × 1/4) / 80 = 37.5 → 38 (round() would give 38 too; 1/8 checks below)
    assert match_score(two_platforms, platforms=("x",), topics=("a",), organization_types=()) == 38
    eight = Wanted(platforms=frozenset("abcdefgh"))
    # 100 × 40 × 1/8 / 40 = 12.5 → 13 (Python's round(12.5) would say 12)
    assert match_score(eight, platforms=("a",), topics=(), organization_types=()) == 13


@pytest.mark.unit
def test_every_goal_maps_to_topics_that_exist_in_the_vocabulary():
    from socialrx.coaching.models import Goal  # noqa: PLC0415
    from socialrx.taxonomy.vocabulary import TOPICS  # noqa: PLC0415

    known = {slug for slug, _name, _description in TOPICS}
    assert set(GOAL_TOPICS) == set(Goal.values)
    assert {slug for slugs in GOAL_TOPICS.values() for slug in slugs} <= known


# --- free hours -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_free_hours_over_four_weeks_are_the_mornings_less_the_commitment():
    coach = make_coach(windows=MORNINGS)
    # Tuesday 7 January, 10:00-11:00 Chicago: one hour inside a morning.
    busy(coach, datetime(2031, 1, 7, 10, tzinfo=CHICAGO))

    free = free_minutes_by_coach([coach], since=SINCE, until=SINCE + timedelta(days=28))

    # 20 weekdays × 3 h = 60 h, less 1 h = 59 h = 3,540 minutes
    assert free == {coach.user_id: 3540}


@pytest.mark.django_db
def test_free_hours_from_mid_morning_count_the_partial_days_at_both_ends():
    coach = make_coach(windows=MORNINGS)
    since = datetime(2031, 1, 8, 10, 30, tzinfo=CHICAGO)  # a Wednesday, 10:30
    # Thursday 9 January 11:30-12:30: only its first half hour is inside a morning.
    busy(coach, datetime(2031, 1, 9, 11, 30, tzinfo=CHICAGO))

    free = free_minutes_by_coach([coach], since=since, until=since + timedelta(days=28))

    # Wed 8 Jan 10:30-12:00 = 1.5 h; Thu 9 Jan - Tue 4 Feb = 19 weekdays × 3 h = 57 h;
    # Wed 5 Feb 9:00-10:30 = 1.5 h; 60 h less the half hour = 59.5 h = 3,570 minutes
    assert free == {coach.user_id: 3570}


@pytest.mark.django_db
def test_a_coach_in_another_zone_counts_their_own_mornings():
    coach = make_coach(time_zone="America/New_York", windows=MORNINGS)

    free = free_minutes_by_coach([coach], since=SINCE, until=SINCE + timedelta(days=28))

    # 9:00-12:00 in New York is 8:00-11:00 in Chicago: all 20 mornings lie inside the window
    assert free == {coach.user_id: 20 * 180}


# --- suggestions ----------------------------------------------------------------------------


def _intake() -> Intake:
    """A hospital's submitted assessment: Facebook and Instagram in use, TikTok planned; goals
    crisis readiness (crisis-response, policy-legal) and reputation (reputation)."""
    organization, admin = org_with_admin(name="Mercy Regional Hospital")
    intake = Intake.objects.create(
        organization=organization,
        status="submitted",
        goals=["crisis_readiness", "reputation"],
        audience="Patients and families in the valley.",
        created_by=admin,
        submitted_by=admin,
        submitted_at=datetime(2030, 12, 20, 15, tzinfo=UTC),
    )
    intake.platforms_in_use.set(Platform.objects.filter(code__in=["facebook", "instagram"]))
    intake.platforms_planned.set(Platform.objects.filter(code="tiktok"))
    return intake


@pytest.mark.django_db
def test_suggestions_are_ranked_by_score_then_free_hours_then_name_closed_coaches_last():
    intake = _intake()
    avery = make_coach(
        full_name="Avery Adams",
        time_zone="America/New_York",
        windows=MORNINGS,
        platforms=("facebook", "instagram", "tiktok"),
        topics=("crisis-response", "reputation"),
        organization_types=("hospital",),
    )
    blake = make_coach(
        full_name="Blake Brown",
        platforms=("facebook", "instagram"),
        topics=("crisis-response", "policy-legal", "reputation"),
        organization_types=("hospital", "practice"),
    )
    busy(blake, datetime(2031, 1, 13, 14, tzinfo=CHICAGO))  # Monday 13 January 14:00-15:00
    casey = make_coach(
        full_name="Casey Clark", platforms=("linkedin", "facebook"), topics=("recruitment",)
    )
    alex = make_coach(full_name="Alex Evans", platforms=("instagram",), organization_types=())
    dana = make_coach(
        full_name="Dana Diaz",
        platforms=("facebook", "instagram", "tiktok"),
        topics=("crisis-response", "policy-legal", "reputation"),
        organization_types=("hospital",),
        accepting_engagements=False,
    )

    found = suggestions_for(intake, since=SINCE)

    # Asked: 3 platforms, 3 topics (policy-legal, crisis-response, reputation), a hospital.
    # Avery: 100 × (40 × 3/3 + 40 × 2/3 + 20) / 100 = 86.67 → 87; mornings only: 60 h
    # Blake: 100 × (40 × 2/3 + 40 × 3/3 + 20) / 100 = 86.67 → 87; 7 h × 20 days = 140 h less 1
    # Alex and Casey: 100 × (40 × 1/3) / 100 = 13.33 → 13; 140 h each, so by name
    # Dana: 100, but not taking engagements: last
    assert [(s.profile.user.full_name, s.score, s.free_minutes) for s in found] == [
        ("Blake Brown", 87, 139 * 60),
        ("Avery Adams", 87, 60 * 60),
        ("Alex Evans", 13, 140 * 60),
        ("Casey Clark", 13, 140 * 60),
        ("Dana Diaz", 100, 140 * 60),
    ]
    assert [s.accepting for s in found] == [True, True, True, True, False]
    assert found[0].reasons == (
        "Matches: Facebook, Instagram, Policy and legal, Crisis response, Reputation and reviews, "
        "Hospital · 139 h free in the next 4 weeks"
    )
    assert found[1].reasons == (
        "Matches: Facebook, Instagram, TikTok, Crisis response, Reputation and reviews, "
        "Hospital · 60 h free in the next 4 weeks"
    )
    assert found[2].reasons == "Matches: Instagram · 140 h free in the next 4 weeks"
    assert {avery.pk, blake.pk, casey.pk, alex.pk, dana.pk} == {s.profile.pk for s in found}


@pytest.mark.django_db
def test_inactive_people_and_former_coaches_are_not_suggested():
    intake = _intake()
    kept = make_coach(full_name="Kept Coach")
    gone = make_coach(full_name="Gone Coach")
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])
    former = make_coach(full_name="Former Coach")
    former.user.is_coach = False
    former.user.save(update_fields=["is_coach"])

    found = suggestions_for(intake, since=SINCE)

    assert [s.profile for s in found] == [kept]
    assert found[0].reasons == "No expertise in common · 140 h free in the next 4 weeks"


@pytest.mark.django_db
def test_topics_of_unknown_goals_are_ignored():
    intake = _intake()
    intake.goals = ["reputation", "not-a-goal"]
    intake.save(update_fields=["goals"])
    Topic.objects.get(slug="reputation")  # the vocabulary is loaded
    coach = make_coach(topics=("reputation",))

    (found,) = suggestions_for(intake, since=SINCE)

    # platforms 0/3, topics 1/1, type 0: 100 × 40 / 100 = 40
    assert (found.profile, found.score) == (coach, 40)
