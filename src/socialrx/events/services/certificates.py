"""Certificates of attendance for an event, through training's certificate mechanism (kind
"event"): the public verification page, the PDF and a person's list are training's.

The rule: once the event has ended, every attendee checked in at the door (and not cancelled)
who has an account on the platform receives one certificate for the event's attendance hours
and continuing-education hours, dated the event's last day on its own clock. Running it again
issues only to those who have none yet (people checked in late, or who signed up since: an
attendee is linked then to the account whose verified email is their ticket's); attendees
without an account are listed, so staff can invite them, then run it again."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.training.models import Certificate, CertificateKind
from socialrx.training.services.certificates import issue_certificate, verification_url

from ..calendars import describe_moment, local
from ..models import Attendee, AttendeeStatus, Event, EventStatus


@dataclass
class CertificateRun:
    """What one run did: certificates issued now, attendees who already had one, and checked-in
    attendees skipped because they have no account."""

    issued: list[Attendee] = field(default_factory=list)
    already: list[Attendee] = field(default_factory=list)
    skipped: list[Attendee] = field(default_factory=list)

    @property
    def summary(self) -> str:
        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        text = (
            f"{count(len(self.issued), 'certificate', 'certificates')} of attendance issued; "
            f"{count(len(self.already), 'attendee', 'attendees')} already had one"
        )
        if self.skipped:
            people = count(len(self.skipped), "attendee has", "attendees have")
            text += f"; {people} checked in without an account (invite them, then issue again)"
        return text + "."


def _refusal(event: Event, now) -> str:
    if event.status == EventStatus.CANCELLED:
        return "This event was cancelled: no certificates of attendance are issued for it."
    if event.status != EventStatus.PUBLISHED:
        return "This event is a draft: publish and hold it before issuing certificates."
    if event.ends_at > now:
        return (
            f"The event ends {describe_moment(event.ends_at, event)}: issue certificates of "
            "attendance once it has ended."
        )
    if Decimal(event.attendance_hours) <= 0:
        return "Set the event's attendance hours before issuing certificates of attendance."
    return ""


def _absolute(name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name)


@transaction.atomic
def issue_attendance_certificates(*, actor, event: Event) -> CertificateRun:
    """Issue the certificates of attendance of `event` (the rule above). Idempotent: a second
    run issues nothing to those who have one. Each new holder is emailed after commit."""
    require(actor, "events.manage_events")
    # The event's row lock: two staff pressing the button at once queue here.
    event = Event.objects.select_for_update().get(pk=event.pk)
    refusal = _refusal(event, timezone.now())
    if refusal:
        raise DomainError(refusal, field="event")
    present = list(
        Attendee.objects.filter(event=event, check_in__isnull=False)
        .exclude(status=AttendeeStatus.CANCELLED)
        .select_related("person")
        .order_by("full_name", "pk")
    )
    _link_accounts(actor, present)
    holders = set(
        Certificate.objects.filter(
            kind=CertificateKind.EVENT,
            source_public_id=event.public_id,
            person__in=[a.person_id for a in present if a.person_id],
        ).values_list("person_id", flat=True)
    )
    completed_on = local(event.ends_at, event).date()
    run = CertificateRun()
    for attendee in present:
        if attendee.person_id is None:
            run.skipped.append(attendee)
            continue
        if attendee.person_id in holders:
            run.already.append(attendee)
            continue
        certificate = issue_certificate(
            person=attendee.person,
            kind=CertificateKind.EVENT,
            title=event.title,
            source_public_id=event.public_id,
            hours=event.attendance_hours,
            ce_hours=event.ce_hours,
            completed_on=completed_on,
            actor=actor,
        )
        holders.add(attendee.person_id)
        run.issued.append(attendee)
        _email(actor, event, attendee, certificate)
    audit.record(
        actor=actor,
        action="events.certificates.issued",
        target=event,
        after={
            "issued": len(run.issued),
            "already_held": len(run.already),
            "without_account": len(run.skipped),
            "hours": str(event.attendance_hours),
            "ce_hours": str(event.ce_hours),
            "completed_on": completed_on.isoformat(),
        },
    )
    return run


def _link_accounts(actor, attendees: list[Attendee]) -> None:
    """Attendees registered before they had an account (or verified its email) are linked now
    to the account whose verified address is their ticket's email."""
    unlinked = {a.email_key: a for a in attendees if a.person_id is None}
    if not unlinked:
        return
    addresses = (
        EmailAddress.objects.annotate(key=Lower("email"))
        .filter(key__in=list(unlinked), verified=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    for address in addresses:
        attendee = unlinked.pop(address.key, None)
        if attendee is None:  # two accounts verified one address: the first keeps it
            continue
        attendee.person = address.user
        attendee.save(update_fields=["person"])
        audit.record(
            actor=actor,
            action="events.attendee.account_linked",
            target=attendee,
            after={"person": address.user.email, "email": attendee.email},
        )


def _email(actor, event: Event, attendee: Attendee, certificate: Certificate) -> None:
    person = attendee.person
    if not person.email:
        return
    queue_templated_email(
        to=[person.email],
        template="events/reports/email/certificate_issued",
        context={
            "person": person,
            "event": event,
            "certificate": certificate,
            "verification_url": verification_url(certificate.code),
            "certificates_url": _absolute("training:my_certificates"),
        },
        triggered_by=actor,
    )
