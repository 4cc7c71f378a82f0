"""Coaching's scale data (`socialrx seed-scale`): coaches with windows, needs assessments and
engagements with sessions, hours, commitments, notes and action items at size S, consistent as
the services would leave them, marked as generated, refused next to real data and replaced by
the same rows."""

from collections import Counter, defaultdict
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.urls import resolve
from django.utils import timezone

from socialrx.coaching import bench
from socialrx.coaching.models import (
    ActionItem,
    AvailabilityWindow,
    CoachingSession,
    CoachProfile,
    Engagement,
    HourPackage,
    HoursUse,
    Intake,
    SessionNote,
)
from socialrx.coaching.selectors.hours import allowances_of
from socialrx.core.scale import EMAIL_DOMAIN
from socialrx.membership.models import IncludedHoursUse
from socialrx.membership.selectors import first_member_admin_id, included_minutes_remaining
from socialrx.organizations.models import Seat
from socialrx.schedules.models import Commitment
from tests.coaching.factories import make_coach

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def test_size_s_writes_coaches_and_engagements_as_the_services_would(db):
    printed = seed_scale(size="S")

    assert CoachProfile.objects.count() == 8
    assert Engagement.objects.count() == 12
    # Of engagements 0 to 11, number 5 is completed and number 9 proposed.
    assert Counter(Engagement.objects.values_list("status", flat=True)) == {
        "active": 10,
        "completed": 1,
        "proposed": 1,
    }
    # Each engagement's intake is assigned; 3 submitted and 3 drafts wait elsewhere.
    assert Counter(Intake.objects.values_list("status", flat=True)) == {
        "assigned": 12,
        "submitted": 3,
        "draft": 3,
    }
    assert "coaching       8 coaches, " in printed
    proposed = Engagement.objects.get(status="proposed")
    assert (proposed.started_on, proposed.sessions.count()) == (None, 0)
    completed = Engagement.objects.get(status="completed")
    assert completed.completed_on is not None and completed.sessions.exists()
    assert not completed.sessions.filter(status="booked").exists()
    everything_is_marked_as_generated()
    coaches_sit_on_the_grid_of_their_windows_and_are_never_booked_twice()
    hours_are_counted_as_record_use_counts_them()
    notes_and_action_items_follow_held_sessions()
    the_bench_pages_are_found_in_the_data()


def everything_is_marked_as_generated() -> None:
    coaches = CoachProfile.objects.select_related("user")
    assert not coaches.exclude(slug__startswith="scale-coach-").exists()
    assert not coaches.exclude(user__email__endswith=f"@{EMAIL_DOMAIN}").exists()
    assert not coaches.exclude(user__is_coach=True).exists()
    # Coaches hold no seat, so none is the member the bench signs in as.
    assert not Seat.objects.filter(user__coach_profile__isnull=False).exists()
    generated = f".{EMAIL_DOMAIN}/"
    assert not Engagement.objects.exclude(organization__website__endswith=generated).exists()
    assert not Intake.objects.exclude(organization__website__endswith=generated).exists()
    assert not HourPackage.objects.exclude(status="paid").exists()
    assert not HourPackage.objects.filter(invoice__isnull=False).exists()


def coaches_sit_on_the_grid_of_their_windows_and_are_never_booked_twice() -> None:
    now = timezone.now()
    windows = defaultdict(list)
    for window in AvailabilityWindow.objects.select_related("coach"):
        windows[window.coach.user_id].append(window)
    zones = dict(CoachProfile.objects.values_list("user_id", "time_zone"))
    sessions = CoachingSession.objects.all()
    for session in sessions:
        local = session.starts_at.astimezone(ZoneInfo(zones[session.coach_id]))
        end = session.ends_at.astimezone(ZoneInfo(zones[session.coach_id]))
        assert any(
            w.weekday == local.weekday() and w.starts_at <= local.time() and end.time() <= w.ends_at
            for w in windows[session.coach_id]
        ), session
        assert (local.minute, session.minutes in (30, 60)) == (0, True)
        if session.status == "booked":
            assert session.starts_at > now
        else:
            assert session.ends_at < now
    # Sessions that keep the coach's time hold it, the others gave it back.
    kept = sessions.filter(status__in=["held", "no_show", "booked"])
    commitments = Commitment.objects.filter(source_kind="coaching.session")
    assert commitments.count() == kept.count()
    assert set(commitments.values_list("source_public_id", "starts_at", "ends_at")) == set(
        kept.values_list("public_id", "starts_at", "ends_at")
    )
    for commitment in commitments:
        assert not Commitment.objects.filter(
            person=commitment.person,
            starts_at__lt=commitment.ends_at,
            ends_at__gt=commitment.starts_at,
        ).exclude(pk=commitment.pk)


def hours_are_counted_as_record_use_counts_them() -> None:
    engagements = list(Engagement.objects.select_related("organization"))
    allowances = allowances_of(engagements)
    for engagement in engagements:
        allowance = allowances[engagement.pk]
        assert 0 <= allowance.used_minutes <= allowance.total_minutes
        assert allowance.used_minutes + allowance.booked_minutes <= allowance.total_minutes
        assert allowance.plan_used_minutes <= engagement.plan_minutes
        # The package is used only once the plan's minutes are gone.
        if allowance.package_used_minutes:
            assert allowance.plan_used_minutes == engagement.plan_minutes
        assert (engagement.warned_80_at is not None) == (allowance.percent_used >= 80)
        assert (engagement.warned_100_at is not None) == (allowance.level == "full")
        assert included_minutes_remaining(engagement.organization) >= 0
    uses = HoursUse.objects.select_related("session")
    assert Counter(uses.values_list("session__status", flat=True)).keys() <= {
        "held",
        "no_show",
        "late_cancelled",
    }
    for use in uses:
        assert use.session.engagement_id == use.engagement_id
        assert use.minutes == use.session.minutes == use.plan_minutes + use.package_minutes
    # Membership's ledger holds each use's plan minutes, against the organization's year.
    ledger = IncludedHoursUse.objects.all()
    assert (
        ledger.aggregate(total=Sum("minutes"))["total"]
        == uses.aggregate(total=Sum("plan_minutes"))["total"]
    )
    assert set(ledger.values_list("source_public_id", flat=True)) == set(
        uses.filter(plan_minutes__gt=0).values_list("session__public_id", flat=True)
    )
    assert not CoachingSession.objects.filter(status="booked", hours_use__isnull=False).exists()


def notes_and_action_items_follow_held_sessions() -> None:
    assert SessionNote.objects.exists() and ActionItem.objects.exists()
    assert not SessionNote.objects.exclude(session__status="held").exists()
    assert set(SessionNote.objects.values_list("visibility", flat=True)) == {"shared", "center"}
    assert not SessionNote.objects.exclude(body__contains="Generated for the benchmarks").exists()
    items = ActionItem.objects.select_related("session")
    assert items.filter(done_at__isnull=False).exists()
    assert items.filter(done_at__isnull=True).exists()
    for item in items:
        assert item.session.engagement_id == item.engagement_id
        assert Seat.objects.filter(
            user=item.owner, organization=item.engagement.organization
        ).exists()


def the_bench_pages_are_found_in_the_data() -> None:
    pages = {page.name: page.url() for page in bench.PAGES}

    assert all(pages.values()), pages
    names = {name: resolve(url).url_name for name, url in pages.items()}
    assert names == {
        "Coaching page": "home",
        "Coach page": "coach",
        "Engagement (signed-in member)": "engagement",
        "Booking slots (signed-in member)": "book",
        "My coaching (signed-in member)": "engagements",
    }
    engagement = bench.largest_engagement()
    member = first_member_admin_id()
    assert engagement.status == "active"
    assert Seat.objects.filter(user_id=member, organization=engagement.organization).exists()


def test_a_real_coach_refuses_the_load_and_replace_loads_the_same_rows(db):
    seed_scale(size="S")

    def rows():
        return {
            "coaches": list(CoachProfile.objects.order_by("pk").values_list("public_id", "slug")),
            "engagements": list(
                Engagement.objects.order_by("pk").values_list("public_id", "plan_minutes")
            ),
            "sessions": list(
                CoachingSession.objects.order_by("pk").values_list("public_id", "status")
            ),
            "uses": list(HoursUse.objects.order_by("pk").values_list("minutes", "plan_minutes")),
        }

    first = rows()
    real = make_coach(full_name="Real Coach")
    with pytest.raises(CommandError, match="coaching: 1 coaches"):
        seed_scale(size="S", replace=True)
    assert CoachProfile.objects.count() == 9  # nothing was cleared

    real.user.delete()
    seed_scale(size="S", replace=True)
    assert rows() == first
