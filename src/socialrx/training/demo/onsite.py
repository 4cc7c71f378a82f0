"""The demo's on-site training requests, one at each stage, made through the services the pages
use (request, propose, accept, decline, mark delivered, the invoice paid through billing).

A request whose story lies in the past (delivered) is proposed for a later day (the service
accepts only dates to come), accepted, and then moved to its real day, trainers' committed
time with it, before it is marked delivered. Every request's timeline steps, and its invoice,
are then dated when the story has them happen. A request is made only when its organization
has none with the same audience."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.billing.models import Invoice, PaymentMethod
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.schedules.models import Commitment
from socialrx.taxonomy.models import Topic

from ..models import OnsiteRequest, OnsiteStatus, OnsiteStep
from ..services import onsite as service
from .dates import date_invoice, days_ago
from .people import Cast


@dataclass(frozen=True)
class Story:
    organization: str  # in the cast
    admin: str  # the organization's admin, in the cast
    audience: str
    topics: tuple[str, ...]
    attendees: int
    preferred: tuple[int, int, int]  # days from today (negative: past)
    address: str
    needs: str
    status: str
    steps: tuple[int, ...]  # days ago of each step on the timeline, in order
    session: tuple[int, int] = (0, 0)  # days from today of the session, weekday (Mon = 0)
    hours: tuple[int, int] = (9, 15)
    trainers: tuple[str, ...] = ("coach",)
    quote_cents: int = 0
    note: str = ""
    decline_reason: str = ""
    attended: int = 0
    trainer_notes: str = ""
    certify: tuple[str, ...] = ()


RIVERSIDE_ADDRESS = "Riverside Regional Medical Center\n1200 Second Street SW\nRochester, MN 55902"
NORTH_STAR_ADDRESS = (
    "North Star Health System, Education Center\n800 Nicollet Mall, Suite 1500\n"
    "Minneapolis, MN 55402"
)
LAKESIDE_ADDRESS = "Lakeside Family Physicians\n415 East Superior Street\nDuluth, MN 55802"

STORIES = (
    Story(
        "hospital",
        "hospital_admin",
        "Nurse managers, unit educators and charge nurses",
        ("hipaa-privacy", "policy-legal"),
        40,
        (-70, -66, -63),
        RIVERSIDE_ADDRESS + "\nConference Center, Rooms B and C",
        "Our policy was updated this spring; please build the session around it. We would "
        "like real (de-identified) examples of posts that went wrong.",
        OnsiteStatus.DELIVERED,
        steps=(100, 95, 90, 70, 55),
        session=(-63, 3),
        quote_cents=4_500_00,
        note="Half-day workshop with case exercises; we will send a pre-session survey.",
        attended=36,
        trainer_notes=(
            "36 of 40 attended. Strong discussion of photos taken on units; three managers "
            "asked for the phone-photo checklist as a poster. Suggest a follow-up session for "
            "the night shift."
        ),
        certify=("nurse",),
    ),
    Story(
        "hospital",
        "hospital_admin",
        "Physicians and advanced practice clinicians recording patient-education videos",
        ("content-production", "physician-presence", "patient-education"),
        15,
        (35, 37, 42),
        RIVERSIDE_ADDRESS + "\nSimulation Center studio",
        "We have two ring lights and a quiet room; we need help with scripts and consent.",
        OnsiteStatus.ACCEPTED,
        steps=(21, 16, 12),
        session=(35, 3),
        hours=(8, 12),
        quote_cents=3_800_00,
        note="Morning studio session: scripting, on-camera practice, consent and captions.",
    ),
    Story(
        "health_system",
        "system_admin",
        "System and hospital communicators across seven hospitals",
        ("crisis-response", "strategy"),
        25,
        (56, 63, 70),
        NORTH_STAR_ADDRESS,
        "A tabletop exercise on a cyberattack that takes the EHR down, with our own templates.",
        OnsiteStatus.PROPOSED,
        steps=(10, 6),
        session=(56, 2),
        trainers=("coach", "staff"),
        quote_cents=6_500_00,
        note="Full-day tabletop exercise, two facilitators, an after-action report included.",
    ),
    Story(
        "health_system",
        "system_admin",
        "Nurse recruiters and HR business partners",
        ("recruitment",),
        30,
        (60, 67, 74),
        NORTH_STAR_ADDRESS,
        "We are hiring 300 nurses this year and want our recruiters on LinkedIn and Instagram.",
        OnsiteStatus.REQUESTED,
        steps=(2,),
    ),
    Story(
        "practice",
        "practice_admin",
        "Physicians and front-desk staff of a six-physician practice",
        ("reputation", "hipaa-privacy"),
        12,
        (40, 44, 47),
        LAKESIDE_ADDRESS,
        "Mostly about answering online reviews without breaking HIPAA.",
        OnsiteStatus.DECLINED,
        steps=(40, 35, 30),
        session=(120, 4),
        hours=(12, 15),
        quote_cents=2_400_00,
        note="Three-hour session over lunch, with a review-response playbook for the practice.",
        decline_reason=(
            "Our training budget for this year is spent; we will ask again once our "
            "membership is renewed."
        ),
    ),
)


def seed_onsite(cast: Cast) -> list[OnsiteRequest]:
    return [_request(story, cast) for story in STORIES]


def _request(story: Story, cast: Cast) -> OnsiteRequest:
    organization, admin, staff = cast[story.organization], cast[story.admin], cast.staff
    existing = OnsiteRequest.objects.filter(
        organization=organization, audience=story.audience
    ).first()
    if existing is not None:
        return existing
    today = center_today()
    onsite = service.request_onsite(
        actor=admin,
        organization=organization,
        topics=Topic.objects.filter(slug__in=story.topics),
        audience=story.audience,
        expected_attendees=story.attendees,
        preferred_dates=[_future(today, days) for days in story.preferred],
        address=story.address,
        needs=story.needs,
    )
    if story.status != OnsiteStatus.REQUESTED:
        day = _weekday(today + timedelta(days=story.session[0]), story.session[1])
        # A session in the past is proposed a year later (dates to come only), then moved.
        proposed_day = day if day > today else day + timedelta(days=364)
        onsite = service.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=_at(proposed_day, story.hours[0]),
            ends_at=_at(proposed_day, story.hours[1]),
            trainers=[cast[name] for name in story.trainers],
            quote_cents=story.quote_cents,
            note=story.note,
        )
        if story.status == OnsiteStatus.DECLINED:
            onsite = service.decline_onsite(actor=admin, onsite=onsite, reason=story.decline_reason)
        if story.status in (OnsiteStatus.ACCEPTED, OnsiteStatus.DELIVERED):
            onsite = service.accept_onsite(actor=admin, onsite=onsite)
            date_invoice(onsite.invoice_id, days_ago(story.steps[2]).date())
        if proposed_day != day:
            _move_session(onsite, proposed_day - day)
        if story.status == OnsiteStatus.DELIVERED:
            _deliver(story, onsite, cast)
    _date_steps(onsite, story)
    return onsite


def _deliver(story: Story, onsite: OnsiteRequest, cast: Cast) -> None:
    invoice = Invoice.objects.get(pk=onsite.invoice_id)
    record_manual_payment(
        actor=cast.staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method=PaymentMethod.CHECK,
        reference=f"Check {40_000 + invoice.pk}",
        received_on=center_today(),
    )
    date_invoice(invoice.pk, days_ago(story.steps[2]).date(), days_ago(story.steps[3]).date())
    service.mark_delivered(
        actor=cast.staff,
        onsite=onsite,
        attendees_count=story.attended,
        trainer_notes=story.trainer_notes,
        certify=[cast[name] for name in story.certify],
    )
    from ..models import Certificate  # noqa: PLC0415 - only a delivered session certifies

    Certificate.objects.filter(source_public_id=onsite.public_id).update(
        issued_at=days_ago(story.steps[-1], 16)
    )


def _move_session(onsite: OnsiteRequest, by: timedelta) -> None:
    """Move an accepted session (and its trainers' committed time) `by` earlier."""
    onsite.refresh_from_db()
    OnsiteRequest.objects.filter(pk=onsite.pk).update(
        starts_at=onsite.starts_at - by, ends_at=onsite.ends_at - by
    )
    for commitment in Commitment.objects.filter(
        source_kind=service.SOURCE_KIND, source_public_id=onsite.public_id
    ):
        Commitment.objects.filter(pk=commitment.pk).update(
            starts_at=commitment.starts_at - by, ends_at=commitment.ends_at - by
        )
    onsite.refresh_from_db()


def _date_steps(onsite: OnsiteRequest, story: Story) -> None:
    """Each step of the timeline on its day; the request made, and its preferred dates, as
    the story has them (a past story's were days to come when it was made)."""
    made = list(OnsiteStep.objects.filter(request=onsite).order_by("id"))
    for step, days in zip(made, story.steps, strict=False):
        OnsiteStep.objects.filter(pk=step.pk).update(at=days_ago(days, 9 + step.pk % 7))
    today = center_today()
    first, second, third = (today + timedelta(days=days) for days in story.preferred)
    OnsiteRequest.objects.filter(pk=onsite.pk).update(
        created_at=days_ago(story.steps[0], 9),
        preferred_date_1=first,
        preferred_date_2=second,
        preferred_date_3=third,
    )


def _future(today: date, days: int) -> date:
    """A preferred date: `days` from today, or (for a story in the past) the same weekday a
    year on, since a request's preferred dates are days to come."""
    day = today + timedelta(days=days)
    return day if day > today else day + timedelta(days=364)


def _weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))
