"""The demo's three coaches, each with a profile, weekly windows on their own clock and a date
exception or two: Marcus Bell (accounts' demo coach, Chicago: hospitals' Facebook and
Instagram, crisis response, reviews), Teresa Alvarado (Denver: X and LinkedIn, physicians'
visibility and recruitment, practices and individual physicians) and Daniel Osei (New York:
YouTube and TikTok, patient education, measurement, health systems).

Teresa and Daniel are center coaches made here as accounts makes its center people: the demo
password, the coach role granted by the center's staff through the audited service, and a TOTP
authenticator on a fixed, printed secret with recovery codes (center roles must sign in with a
second factor). Every profile says it is fictional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.utils import timezone

from socialrx.accounts.demo import DEMO_PASSWORD, Person, demo_user
from socialrx.accounts.models import CenterRole
from socialrx.accounts.services import set_center_roles
from socialrx.core.demo import DemoContext, Login
from socialrx.organizations.models import OrganizationType
from socialrx.taxonomy.models import Platform, Topic

from ..models import AvailabilityException, AvailabilityWindow, CoachProfile, Weekday
from ..slots import zone

MON, TUE, WED, THU, FRI, SAT = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
    Weekday.SATURDAY,
)
FICTIONAL = "*{name} is a fictional coach of the SocialRx demo.*"

TERESA = Person(
    email="teresa.alvarado@socialrx.example",
    full_name="Teresa Alvarado",
    professional_title="Physician Visibility Coach",
    credentials="MA",
    specialty="Physician communication",
    time_zone="America/Denver",
    center_roles=frozenset({CenterRole.COACH}),
    totp_secret="ONXWG2LBNRZHQLLEMVWW6LLUMVZGK43B",  # base32 of "socialrx-demo-teresa"
)
DANIEL = Person(
    email="daniel.osei@socialrx.example",
    full_name="Daniel Osei",
    professional_title="Patient Education and Measurement Coach",
    credentials="MS",
    specialty="Health education",
    time_zone="America/New_York",
    center_roles=frozenset({CenterRole.COACH}),
    totp_secret="ONXWG2LBNRZHQLLEMVWW6LLEMFXGSZLM",  # base32 of "socialrx-demo-daniel"
)


@dataclass(frozen=True)
class DayOff:
    """A date exception: the first `weekday` at least `days_ahead` days from the coach's
    today; the whole day (no times), part of it, or extra hours (`available`)."""

    days_ahead: int
    weekday: int
    note: str
    hours: tuple[str, str] | None = None
    available: bool = False


@dataclass(frozen=True)
class Coach:
    name: str  # in the cast: "coach" (Marcus), "teresa", "daniel"
    person: Person | None  # None: accounts' demo coach
    slug: str
    headline: str
    bio: str
    time_zone: str
    platforms: tuple[str, ...]
    topics: tuple[str, ...]
    organization_types: tuple[str, ...]
    meeting_url: str
    # (weekday, from, to) on the coach's clock
    windows: tuple[tuple[int, str, str], ...]
    exceptions: tuple[DayOff, ...]


MARCUS_BIO = """\
Marcus spent twelve years in hospital communications, the last six running social media for a
500-bed regional medical center through two floods, a ransomware outage and a measles exposure
in its emergency department. He helps hospital teams plan for the bad day before it comes:
holding statements approved in advance, who may post at 2 a.m., and how to answer reviews and
comments without confirming that anyone is a patient.

**Works best with:** hospital and health-system communications teams that run their own
Facebook and Instagram accounts.

**A typical engagement:** eight to ten one-hour sessions over three months, ending with a
tabletop exercise.

- Crisis and incident communication plans for social media
- Review and comment playbooks that legal signs off on
- Shared-account security: password managers, two-factor authentication, two-person approval

""" + FICTIONAL.format(name="Marcus")

TERESA_BIO = """\
Teresa ran physician relations for a 140-physician multispecialty group in Colorado before
joining the center. She coaches physicians, one at a time or in small cohorts, to build a
professional presence on LinkedIn and X that patients, referring colleagues and recruits can
find, while staying on the right side of privacy rules and the line between education and
individual medical advice.

**Works best with:** physician practices, individual physicians, and hospitals that want their
own physicians visible.

- Profiles, bios and disclosures that pass compliance review
- A sustainable rhythm: one post a week in under thirty minutes
- Recruiting clinicians through physicians' own networks

""" + FICTIONAL.format(name="Teresa")

DANIEL_BIO = """\
Daniel produced patient-education video for an academic medical center in upstate New York
and taught health literacy to nursing students. He helps teams turn what clinicians explain
every day into short YouTube and TikTok videos patients actually watch, and then measure
whether anything changed: views are not outcomes.

**Works best with:** health systems and larger hospitals with a content team of two or more.

- Plain-language scripts reviewed by clinicians in one pass
- Short-form video shot on a phone, captioned and accessible
- Measurement plans: from reach to appointments booked and calls avoided

""" + FICTIONAL.format(name="Daniel")

COACHES = (
    Coach(
        name="coach",
        person=None,
        slug="marcus-bell",
        headline="Crisis readiness, reviews and safe hospital accounts on Facebook and Instagram",
        bio=MARCUS_BIO,
        time_zone="America/Chicago",
        platforms=("facebook", "instagram"),
        topics=("crisis-response", "reputation", "hipaa-privacy", "policy-legal"),
        organization_types=(OrganizationType.HOSPITAL, OrganizationType.HEALTH_SYSTEM),
        meeting_url="https://meet.example.org/socialrx/marcus-bell",
        windows=(
            *((day, "09:00", "12:00") for day in (MON, TUE, WED, THU, FRI)),
            *((day, "13:00", "16:30") for day in (MON, TUE, WED, THU)),
        ),
        exceptions=(
            DayOff(9, THU, "Speaking at the state hospital association's communications day"),
        ),
    ),
    Coach(
        name="teresa",
        person=TERESA,
        slug="teresa-alvarado",
        headline="Physicians on LinkedIn and X: visible, recruited, and within the rules",
        bio=TERESA_BIO,
        time_zone="America/Denver",
        platforms=("linkedin", "x"),
        topics=("physician-presence", "recruitment", "strategy"),
        organization_types=(OrganizationType.PRACTICE, OrganizationType.INDIVIDUAL),
        meeting_url="https://meet.example.org/socialrx/teresa-alvarado",
        # Early mornings before clinic, and a long Wednesday afternoon.
        windows=(
            (TUE, "07:00", "11:00"),
            (THU, "07:00", "11:00"),
            (WED, "12:00", "17:00"),
            (FRI, "08:00", "11:00"),
        ),
        exceptions=(
            DayOff(
                12,
                SAT,
                "Extra Saturday hours for clinicians who cannot meet during clinic",
                hours=("09:00", "12:00"),
                available=True,
            ),
            DayOff(16, FRI, "Out of office"),
        ),
    ),
    Coach(
        name="daniel",
        person=DANIEL,
        slug="daniel-osei",
        headline="Patient education on YouTube and TikTok, measured by what changes",
        bio=DANIEL_BIO,
        time_zone="America/New_York",
        platforms=("youtube", "tiktok"),
        topics=("patient-education", "measurement-roi", "content-production"),
        organization_types=(OrganizationType.HEALTH_SYSTEM, OrganizationType.HOSPITAL),
        meeting_url="https://meet.example.org/socialrx/daniel-osei",
        windows=(
            *((day, "10:00", "15:00") for day in (MON, WED, FRI)),
            (TUE, "16:00", "19:00"),  # evenings, for clinicians after their shift
        ),
        exceptions=(
            DayOff(
                6,
                WED,
                "Patient and family advisory council",
                hours=("13:00", "15:00"),
            ),
        ),
    ),
)


def seed_coaches(context: DemoContext, staff) -> dict[str, CoachProfile]:
    """{cast name: profile} of the three coaches, made if missing; adds the logins of the
    coaches made here."""
    profiles = {}
    for coach in COACHES:
        user = context.get("coach") if coach.person is None else _center_coach(coach.person, staff)
        profiles[coach.name] = _profile(coach, user)
    made_here = [profiles[coach.name].user for coach in COACHES if coach.person is not None]
    context.add_logins(
        "Coaches (two-factor authentication required: use the TOTP secret)",
        [_login(user) for user in made_here],
    )
    context.login_notes.extend(_sign_in_notes(made_here))
    return profiles


def _center_coach(person: Person, staff):
    user = demo_user(person)
    if CenterRole.COACH not in user.center_roles:
        roles = {*user.center_roles, CenterRole.COACH}
        user = set_center_roles(actor=staff, user=user, roles=roles)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, person.totp_secret)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
    return user


def _profile(coach: Coach, user) -> CoachProfile:
    profile = CoachProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    slug = coach.slug
    if CoachProfile.objects.filter(slug=slug).exists():  # taken by a profile a tester made
        slug = f"{slug}-{user.pk}"
    profile = CoachProfile.objects.create(
        user=user,
        slug=slug,
        headline=coach.headline,
        bio=coach.bio,
        time_zone=coach.time_zone,
        organization_types=list(coach.organization_types),
        default_meeting_url=coach.meeting_url,
    )
    profile.platforms.set(Platform.objects.filter(code__in=coach.platforms))
    profile.topics.set(Topic.objects.filter(slug__in=coach.topics))
    AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(coach=profile, weekday=day, starts_at=_time(start), ends_at=_time(end))
        for day, start, end in coach.windows
    )
    today = timezone.localtime(timezone.now(), zone(coach.time_zone)).date()
    AvailabilityException.objects.bulk_create(
        AvailabilityException(
            coach=profile,
            on_date=_first(exception.weekday, today + timedelta(days=exception.days_ahead)),
            starts_at=_time(exception.hours[0]) if exception.hours else None,
            ends_at=_time(exception.hours[1]) if exception.hours else None,
            available=exception.available,
            note=exception.note,
        )
        for exception in coach.exceptions
    )
    return profile


def _time(clock: str) -> time:
    hour, minute = clock.split(":")
    return time(int(hour), int(minute))


def _first(weekday: int, day: date) -> date:
    """`day`, or the first `weekday` after it."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _login(user) -> Login:
    return Login(user.email, DEMO_PASSWORD, CenterRole.COACH.label, user.full_name, _secret(user))


def _sign_in_notes(users) -> list[str]:
    mfa = get_mfa_adapter()
    notes = []
    for user in users:
        notes.append(f"  {user.email}")
        secret = _secret(user)
        if secret:
            notes.append(f"    otpauth URI:    {mfa.build_totp_url(user, secret)}")
        codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES)
        if codes.exists():
            unused = RecoveryCodes(codes.first()).get_unused_codes()
            notes.append(f"    recovery codes: {' '.join(unused)}")
    return notes


def _secret(user) -> str:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else ""
