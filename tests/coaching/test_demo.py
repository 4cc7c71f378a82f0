"""Coaching's demo data (`socialrx seed-demo`, small profile): three coaches in three time
zones, Riverside's, North Star's and Lakeside's needs assessments, and Riverside's two active
engagements with their sessions, hours (worked out by hand below), notes, action items and
the coaches' time committed, never twice."""

from collections import Counter
from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from socialrx.billing.models import InvoiceLine
from socialrx.coaching.models import (
    ActionItem,
    AvailabilityException,
    AvailabilityWindow,
    CoachingSession,
    CoachProfile,
    Engagement,
    HourPackage,
    HoursUse,
    Intake,
    SessionNote,
)
from socialrx.coaching.selectors.hours import allowance_of
from socialrx.coaching.selectors.slots import bookable_slots, free_minutes_by_coach
from socialrx.core.calendar import center_today
from socialrx.membership.models import IncludedHoursUse
from socialrx.membership.selectors import included_minutes_remaining
from socialrx.schedules.models import Commitment

pytestmark = pytest.mark.integration

COACHING_MODELS = [
    CoachProfile, AvailabilityWindow, AvailabilityException, Intake, Engagement, HourPackage,
    CoachingSession, HoursUse, IncludedHoursUse, SessionNote, ActionItem, Commitment,
    InvoiceLine,
]  # fmt: skip
KAREN = "karen.lindqvist@riverside-rmc.example"
JAMES = "james.okafor@riverside-rmc.example"
EMILY = "emily.sorensen@riverside-rmc.example"


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COACHING_MODELS}


def crisis() -> Engagement:
    return Engagement.objects.get(title="Crisis readiness and review responses")


def physicians() -> Engagement:
    return Engagement.objects.get(title="Physician visibility on LinkedIn and X")


def test_three_coaches_with_their_own_expertise_and_clocks(demo_small):
    profiles = {p.slug: p for p in CoachProfile.objects.select_related("user")}

    assert {slug: (p.user.email, p.time_zone) for slug, p in profiles.items()} == {
        "marcus-bell": ("marcus.bell@socialrx.example", "America/Chicago"),
        "teresa-alvarado": ("teresa.alvarado@socialrx.example", "America/Denver"),
        "daniel-osei": ("daniel.osei@socialrx.example", "America/New_York"),
    }
    expertise = {
        slug: (
            set(p.platforms.values_list("code", flat=True)),
            set(p.topics.values_list("slug", flat=True)),
            p.organization_types,
        )
        for slug, p in profiles.items()
    }
    assert expertise == {
        "marcus-bell": (
            {"facebook", "instagram"},
            {"crisis-response", "reputation", "hipaa-privacy", "policy-legal"},
            ["hospital", "health_system"],
        ),
        "teresa-alvarado": (
            {"linkedin", "x"},
            {"physician-presence", "recruitment", "strategy"},
            ["practice", "individual"],
        ),
        "daniel-osei": (
            {"youtube", "tiktok"},
            {"patient-education", "measurement-roi", "content-production"},
            ["health_system", "hospital"],
        ),
    }
    for slug, profile in profiles.items():
        assert profile.user.is_coach and profile.is_listed and profile.accepting_engagements
        assert profile.default_meeting_url == f"https://meet.example.org/socialrx/{slug}"
        assert profile.bio.endswith("is a fictional coach of the SocialRx demo.*")
        types = set(profile.user.authenticator_set.values_list("type", flat=True))
        assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    # Different weekly patterns: Marcus 5 mornings and 4 afternoons, Teresa early mornings and
    # a Wednesday afternoon, Daniel three long days and a Tuesday evening.
    assert [str(w) for w in profiles["teresa-alvarado"].windows.all()] == [
        "Tuesday 07:00-11:00",
        "Wednesday 12:00-17:00",
        "Thursday 07:00-11:00",
        "Friday 08:00-11:00",
    ]
    assert profiles["marcus-bell"].windows.count() == 9
    assert [str(w) for w in profiles["daniel-osei"].windows.all()] == [
        "Monday 10:00-15:00",
        "Tuesday 16:00-19:00",
        "Wednesday 10:00-15:00",
        "Friday 10:00-15:00",
    ]


def test_each_coach_has_a_date_exception_ahead(demo_small):
    today = center_today()
    exceptions = {
        (e.coach.slug, e.on_date.weekday(), e.whole_day, e.available, str(e.starts_at))
        for e in AvailabilityException.objects.select_related("coach")
    }

    assert exceptions == {
        ("marcus-bell", 3, True, False, "None"),  # a Thursday off
        ("teresa-alvarado", 5, False, True, "09:00:00"),  # extra Saturday hours
        ("teresa-alvarado", 4, True, False, "None"),  # a Friday off
        ("daniel-osei", 2, False, False, "13:00:00"),  # a Wednesday afternoon taken
    }
    for exception in AvailabilityException.objects.all():
        assert 5 <= (exception.on_date - today).days <= 23


def test_needs_assessments_assigned_waiting_and_draft(demo_small):
    intakes = {i.organization.name: i for i in Intake.objects.select_related("organization")}

    riverside = intakes["Riverside Regional Medical Center"]
    assert (riverside.status, riverside.assigned_coach.email) == (
        "assigned",
        "marcus.bell@socialrx.example",
    )
    assert riverside.assigned_by.email == "dana.whitfield@socialrx.example"
    assert riverside.submitted_by.email == KAREN
    assert riverside.created_at < riverside.submitted_at < riverside.assigned_at < timezone.now()
    assert riverside.goals == [
        "crisis_readiness",
        "reputation",
        "physician_visibility",
        "patient_education",
    ]
    assert set(riverside.platforms_in_use.values_list("code", flat=True)) == {
        "facebook",
        "instagram",
        "x",
        "youtube",
    }
    assert list(riverside.platforms_planned.values_list("code", flat=True)) == ["linkedin"]
    assert (riverside.people_available, str(riverside.hours_per_week)) == (3, "22.5")
    assert riverside.policy_status == "drafting"
    for text in ("approval_process", "legal_concerns", "it_concerns", "leadership_concerns"):
        assert len(getattr(riverside, text)) > 100, text
    north_star = intakes["North Star Health System"]
    assert (north_star.status, north_star.assigned_coach) == ("submitted", None)
    assert north_star.submitted_by.email == "rachel.nguyen@northstarhealth.example"
    lakeside = intakes["Lakeside Family Physicians"]
    assert (lakeside.status, lakeside.submitted_at) == ("draft", None)


def test_the_crisis_engagement_used_its_plan_then_its_package_and_is_at_80_percent(demo_small):
    engagement = crisis()
    allowance = allowance_of(engagement)

    assert (engagement.status, engagement.kind) == ("active", "coaching")
    assert [c.email for c in engagement.coaches.all()] == ["marcus.bell@socialrx.example"]
    assert engagement.intake.organization == engagement.organization
    # 6 plan hours + a 4-hour package = 600 minutes. Seven held and one cancelled late, an
    # hour each: the first six from the plan (360), the last two from the package (120).
    assert (allowance.plan_minutes, allowance.package_minutes) == (360, 240)
    assert (allowance.plan_used_minutes, allowance.package_used_minutes) == (360, 120)
    # 480 of 600 used: 80 %; one hour booked; 600 - 480 - 60 = 60 minutes left to book.
    assert (allowance.used_minutes, allowance.percent_used, allowance.level) == (480, 80, "warn")
    assert (allowance.booked_minutes, allowance.bookable_minutes) == (60, 60)
    uses = HoursUse.objects.filter(engagement=engagement).order_by("session__starts_at")
    assert [(u.reason, u.plan_minutes, u.package_minutes) for u in uses] == [
        ("held", 60, 0),
        ("held", 60, 0),
        ("held", 60, 0),
        ("late_cancel", 60, 0),
        ("held", 60, 0),
        ("held", 60, 0),
        ("held", 0, 60),
        ("held", 0, 60),
    ]
    # The eighth hour (the last session held) reached 80 %: the admin and staff were warned.
    last = engagement.sessions.filter(status="held").order_by("starts_at").last()
    assert (engagement.warned_80_at, engagement.warned_100_at) == (last.recorded_at, None)


def test_the_package_was_bought_by_invoice_and_paid_by_check(demo_small):
    package = HourPackage.objects.get(engagement=crisis())
    line = InvoiceLine.objects.get(kind="coaching.hours")

    assert (package.hours, package.status, package.amount_cents) == (4, "paid", 100_000)
    assert package.bought_by.email == KAREN
    # Four hours at $250, no discount on coaching hours for the Medical Center plan.
    assert (line.quantity, line.unit_price_cents, line.discount_cents) == (4, 25_000, 0)
    assert package.invoice == line.invoice and line.invoice.status == "paid"
    payment = line.invoice.payments.get()
    assert (payment.method, payment.reference, payment.amount_cents) == (
        "check",
        "Check 40517",
        100_000,
    )
    assert (center_today() - payment.received_on).days == 10
    assert (center_today() - line.invoice.issued_on).days == 17


def test_the_physician_engagement_has_hours_to_spare(demo_small):
    allowance = allowance_of(physicians())

    # 6 plan hours = 360 minutes; held 60 + 30 + 60 = 150; booked 30 + 60 = 90.
    assert (allowance.total_minutes, allowance.used_minutes, allowance.booked_minutes) == (
        360,
        150,
        90,
    )
    assert (allowance.package_used_minutes, allowance.bookable_minutes) == (0, 120)
    assert (allowance.percent_used, allowance.level) == (41, "ok")  # 150 / 360 = 41.7 %
    assert [c.email for c in physicians().coaches.all()] == ["teresa.alvarado@socialrx.example"]
    assert physicians().kind == "training"


def test_riverside_used_8_and_a_half_of_its_12_included_hours(demo_small):
    engagement = crisis()
    ledger = IncludedHoursUse.objects.filter(membership__organization=engagement.organization)

    # 6 h of the crisis engagement's plan and 2 h 30 min of the physicians': 510 minutes.
    assert ledger.aggregate(total=Sum("minutes"))["total"] == 510
    assert ledger.count() == 9
    assert included_minutes_remaining(engagement.organization) == 12 * 60 - 510
    planned = HoursUse.objects.filter(plan_minutes__gt=0)
    assert set(ledger.values_list("source_public_id", "minutes")) == set(
        planned.values_list("session__public_id", "plan_minutes")
    )


def test_sessions_sit_in_windows_and_never_collide(demo_small):
    now = timezone.now()
    sessions = CoachingSession.objects.select_related("coach__coach_profile")

    assert Counter(sessions.values_list("status", flat=True)) == {
        "held": 10,
        "late_cancelled": 1,
        "booked": 3,
    }
    for session in sessions:
        profile = session.coach.coach_profile
        start = session.starts_at.astimezone(ZoneInfo(profile.time_zone))
        end = session.ends_at.astimezone(ZoneInfo(profile.time_zone))
        assert profile.windows.filter(
            weekday=start.weekday(), starts_at__lte=start.time(), ends_at__gte=end.time()
        ).exists(), session
        if session.status == "booked":
            assert session.starts_at > now + timedelta(hours=12)  # past the booking notice
            assert session.recorded_at is None
        else:
            assert session.ends_at < now
    # Every session held or booked holds its coach's time; the cancelled one gave it back.
    commitments = Commitment.objects.filter(source_kind="coaching.session")
    kept = sessions.exclude(status="late_cancelled")
    assert set(commitments.values_list("source_public_id", "person", "starts_at", "ends_at")) == (
        set(kept.values_list("public_id", "coach", "starts_at", "ends_at"))
    )
    # No coach is anywhere twice: not with training's boot camps and on-site days either.
    for commitment in Commitment.objects.all():
        assert not Commitment.objects.filter(
            person=commitment.person,
            starts_at__lt=commitment.ends_at,
            ends_at__gt=commitment.starts_at,
        ).exclude(pk=commitment.pk), commitment


def test_the_late_cancellation_counted_its_hour(demo_small):
    session = CoachingSession.objects.get(status="late_cancelled")

    assert session.engagement == crisis()
    assert session.cancelled_by.email == KAREN
    assert session.starts_at - session.cancelled_at == timedelta(hours=3)
    assert "incident command" in session.cancel_reason
    assert session.sequence == 1
    assert (session.hours_use.reason, session.hours_use.minutes) == ("late_cancel", 60)


def test_notes_shared_and_private_and_action_items_of_the_organizations_people(demo_small):
    notes = Counter(SessionNote.objects.values_list("session__engagement__title", "visibility"))
    assert notes == {
        ("Crisis readiness and review responses", "shared"): 7,
        ("Crisis readiness and review responses", "center"): 3,
        ("Physician visibility on LinkedIn and X", "shared"): 3,
        ("Physician visibility on LinkedIn and X", "center"): 1,
    }
    assert not SessionNote.objects.exclude(session__status="held").exists()
    assert not SessionNote.objects.exclude(author=crisis().coaches.get()).filter(
        session__engagement=crisis()
    )
    today = center_today()
    crisis_items = ActionItem.objects.filter(engagement=crisis())
    assert Counter(crisis_items.values_list("owner__email", flat=True)) == {KAREN: 5, EMILY: 1}
    assert crisis_items.filter(done_at__isnull=False).count() == 3
    overdue = crisis_items.filter(done_at__isnull=True, due_on__lt=today)
    assert list(overdue.values_list("title", flat=True)) == [
        "Get legal's written sign-off on the review-response playbook"
    ]
    assert crisis_items.filter(done_at__isnull=True, due_on__gte=today).count() == 2
    physician_items = ActionItem.objects.filter(engagement=physicians())
    assert Counter(physician_items.values_list("owner__email", flat=True)) == {
        JAMES: 2,
        KAREN: 1,
        EMILY: 1,
    }
    assert physician_items.filter(done_at__isnull=False).count() == 2
    assert not physician_items.filter(done_at__isnull=True, due_on__lt=today).exists()
    for item in ActionItem.objects.filter(done_at__isnull=False):
        assert item.done_by == item.owner and item.created_at < item.done_at < timezone.now()


def test_free_slots_are_left_in_the_coming_weeks(demo_small):
    now = timezone.now()
    four_weeks = now + timedelta(weeks=4)

    assert bookable_slots(crisis(), minutes=60, since=now, until=four_weeks)
    assert bookable_slots(physicians(), minutes=30, since=now, until=four_weeks)
    free = free_minutes_by_coach(list(CoachProfile.objects.all()), since=now, until=four_weeks)
    assert all(minutes >= 20 * 60 for minutes in free.values()), free


def test_the_report_names_coaches_intakes_and_engagements(demo_small):
    out = StringIO()
    call_command("seed_demo", profile="small", stdout=out)
    printed = out.getvalue()

    assert "Coach Teresa Alvarado /coaching/coaches/teresa-alvarado/: America/Denver" in printed
    assert "Needs assessment of North Star Health System" in printed
    assert "submitted, waiting for a coach" in printed
    assert f"Engagement /coaching/engagements/{crisis().public_id}/" in printed
    assert "10 h (6 h of the plan + 4 h bought, INV-" in printed
    assert "8 h used (80 %: warned), 1 h booked, 1 h left to book" in printed
    assert "7 sessions held, 1 cancelled late, 1 to come; 6 action items (3 done, 1 overdue)" in (
        printed
    )
    assert "2 h 30 min used (41 %), 1 h 30 min booked, 2 h left to book" in printed
    assert "Riverside Regional Medical Center: 3 h 30 min of its included coaching hours" in printed
    for text in (
        "teresa.alvarado@socialrx.example",
        "ONXWG2LBNRZHQLLEMVWW6LLUMVZGK43B",
        "daniel.osei@socialrx.example",
        "ONXWG2LBNRZHQLLEMVWW6LLEMFXGSZLM",
    ):
        assert text in printed


def test_a_second_run_creates_nothing(demo_small):
    before = counts()
    out = StringIO()

    call_command("seed_demo", profile="small", stdout=out)

    assert counts() == before
    assert "Demo data already present: nothing new was created." in out.getvalue()
