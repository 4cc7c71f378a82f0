"""Applying for membership and the staff's review of applications."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.organizations.models import Organization

from ..models import (
    ApplicationStatus,
    ChargeKind,
    Membership,
    MembershipApplication,
    MembershipStatus,
)
from .invoicing import invoice_membership
from .plans import plan_for


@transaction.atomic
def apply_for_membership(
    *,
    actor,
    organization: Organization,
    billing_contact_name: str,
    billing_email: str,
    po_number: str = "",
    tax_exempt_note: str = "",
    agreed_to_terms: bool,
) -> MembershipApplication:
    """An org admin applies on the plan the organization's size falls into (never a plan
    chosen by the request). One pending application per organization."""
    require(actor, "membership.apply", organization)
    if not agreed_to_terms:
        raise DomainError("Please agree to the membership terms.", field="agree_to_terms")
    if not (billing_contact_name or "").strip():
        raise DomainError("Name the billing contact.", field="billing_contact_name")
    membership = Membership.objects.filter(organization=organization).first()
    if membership and membership.status in {MembershipStatus.ACTIVE, MembershipStatus.GRACE}:
        raise DomainError(f"{organization} is already a member.")
    if membership and membership.status == MembershipStatus.AWAITING_PAYMENT:
        raise DomainError("Your membership was approved: pay the first invoice to activate it.")
    if MembershipApplication.objects.filter(
        organization=organization, status=ApplicationStatus.PENDING
    ).exists():
        raise DomainError("Your application is already waiting for review.")
    plan = plan_for(organization)
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                organization=organization,
                plan=plan,
                quoted_price_cents=plan.annual_price_cents,
                applicant=actor,
                billing_contact_name=billing_contact_name.strip(),
                billing_email=billing_email.strip().lower(),
                po_number=(po_number or "").strip(),
                tax_exempt_note=(tax_exempt_note or "").strip(),
                agreed_to_terms_at=timezone.now(),
            )
    except IntegrityError as error:  # a concurrent second application
        raise DomainError("Your application is already waiting for review.") from error
    audit.record(
        actor=actor,
        action="membership.application.submitted",
        target=application,
        after={"plan": plan.name, "quoted_price_cents": plan.annual_price_cents},
    )
    return application


def _locked_pending(application: MembershipApplication) -> MembershipApplication:
    application = (
        MembershipApplication.objects.select_for_update(of=("self",))
        .select_related("organization", "plan", "applicant")
        .get(pk=application.pk)
    )
    if application.status != ApplicationStatus.PENDING:
        raise DomainError(
            f"This application was already {application.get_status_display().lower()}."
        )
    return application


@transaction.atomic
def approve_application(*, actor, application: MembershipApplication, issued_on=None):
    """Approval creates (or revives) the membership and issues the first invoice; benefits
    start when that invoice is paid or staff activate it on a purchase order."""
    require(actor, "membership.review_applications")
    application = _locked_pending(application)
    application.status = ApplicationStatus.APPROVED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    membership, _ = Membership.objects.update_or_create(
        organization=application.organization,
        defaults={
            "plan": application.plan,
            "status": MembershipStatus.AWAITING_PAYMENT,
            "billing_contact_name": application.billing_contact_name,
            "billing_email": application.billing_email,
            "po_number": application.po_number,
            "tax_exempt_note": application.tax_exempt_note,
            "complimentary": False,
            "cancelled_at": None,
            "cancel_reason": "",
        },
    )
    invoice = invoice_membership(
        membership=membership,
        kind=ChargeKind.INITIAL,
        description=(
            f"SocialRx membership, {application.plan.name} ({application.plan.band_label}), "
            "one year"
        ),
        amount_cents=application.quoted_price_cents,
        plan=application.plan,
        actor=actor,
        issued_on=issued_on,
    )
    audit.record(
        actor=actor,
        action="membership.application.approved",
        target=application,
        before={"status": ApplicationStatus.PENDING},
        after={"status": ApplicationStatus.APPROVED, "invoice": invoice.number},
    )
    _notify_applicant(application, approved=True, invoice=invoice, actor=actor)
    return membership, invoice


@transaction.atomic
def decline_application(*, actor, application: MembershipApplication, reason: str):
    require(actor, "membership.review_applications")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Tell the applicant why the application is declined.", field="reason")
    application = _locked_pending(application)
    application.status = ApplicationStatus.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decline_reason = reason
    application.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    audit.record(
        actor=actor,
        action="membership.application.declined",
        target=application,
        before={"status": ApplicationStatus.PENDING},
        after={"status": ApplicationStatus.DECLINED, "reason": reason},
    )
    _notify_applicant(application, approved=False, actor=actor)
    return application


def _notify_applicant(application, *, approved: bool, actor, invoice=None) -> None:
    recipients = sorted(
        {
            email
            for email in [application.billing_email, getattr(application.applicant, "email", "")]
            if email
        }
    )
    queue_templated_email(
        to=recipients,
        template=f"membership/email/application_{'approved' if approved else 'declined'}",
        context={"application": application, "invoice": invoice},
        triggered_by=actor,
    )
