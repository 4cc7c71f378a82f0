"""Claims: a signed-in person says they represent an entity (as its communications lead, or
as the physician). A claim is verified at once when one of the person's verified email
addresses is at the entity's website domain; otherwise center staff review it.

A verified claimant edits the entity's accounts. A claim may name the claimant's SocialRx
organization (one they administer); the entity is then linked to it, once: a second
organization's claim on an already-linked entity goes to staff."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError
from socialrx.core.permissions import is_org_admin, require
from socialrx.core.platforms import detect_platform

from ..freshness import mark_changed
from ..models import Claim, ClaimMethod, ClaimStatus, Entity
from ..rules import forget_registry_claims

# Addresses anyone can have: they never prove a link to an organization's website.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "mail.com",
        "zoho.com",
        "yandex.com",
    }
)


def website_domain(website: str) -> str:
    """The domain an address must be at to prove a claim, or "" when the website proves
    nothing: a page on a social platform (facebook.com/StMarys), or a page on a site that
    is not the entity's own (va.gov/minneapolis-health-care, a directory's profile page)."""
    parts = urlsplit(website)
    if not website or detect_platform(website) or parts.path.strip("/"):
        return ""
    return (parts.hostname or "").lower().rstrip(".").removeprefix("www.")


def email_matches_domain(email: str, domain: str) -> bool:
    """An address at the website's domain or at a subdomain of it (jane@comms.mayoclinic.org
    for mayoclinic.org) — never the reverse: a student@yale.edu does not speak for
    medicine.yale.edu."""
    if not domain or "@" not in email:
        return False
    email_domain = email.rsplit("@", 1)[1].lower().rstrip(".")
    if email_domain in FREE_MAIL_DOMAINS or "." not in email_domain:
        return False
    return email_domain == domain or email_domain.endswith("." + domain)


def _domain_is_shared(entity: Entity, domain: str) -> bool:
    """Another listing has the same website: the domain does not single this one out."""
    same_site = rf"^https?://(www\.)?{re.escape(domain)}(:[0-9]+)?/?$"
    return Entity.objects.filter(website__iregex=same_site).exclude(pk=entity.pk).exists()


def matching_verified_email(user, entity: Entity) -> str:
    domain = website_domain(entity.website)
    if not domain or _domain_is_shared(entity, domain):
        return ""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return next((email for email in addresses if email_matches_domain(email, domain)), "")


@transaction.atomic
def claim_entity(
    *, actor, entity: Entity, job_title: str, message: str = "", organization=None
) -> Claim:
    """Submit a claim; verified at once through an email at the website's domain."""
    require(actor, "registry.claim_entity")
    job_title = (job_title or "").strip()
    if not job_title:
        raise DomainError("Say what your role is there.", field="job_title")
    # Only an organization the claimant administers, center staff included: a claim links the
    # organization's people to the listing.
    if organization is not None and not is_org_admin(actor, organization):
        raise DomainError(
            "Name an organization you administer on SocialRx, or none.", field="organization"
        )
    # Locks the entity: two claims at once cannot both link it to an organization.
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    _refuse_second_open_claim(actor, entity)
    claim = Claim(
        entity=entity,
        claimant=actor,
        organization=organization,
        job_title=job_title[:150],
        message=(message or "").strip()[:2000],
    )
    matched = matching_verified_email(actor, entity)
    # Only a claim naming a *different* organization than the one already linked waits for
    # staff; a claim naming none links nothing, so the address alone verifies it.
    links_cleanly = organization is None or entity.organization_id in (None, organization.pk)
    if matched and links_cleanly:
        claim.status, claim.method, claim.matched_email = (
            ClaimStatus.VERIFIED,
            ClaimMethod.EMAIL_DOMAIN,
            matched,
        )
        claim.decided_at = timezone.now()
    else:
        claim.method = ClaimMethod.STAFF_REVIEW
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        raise DomainError("You have already claimed this entity.") from None
    if claim.status == ClaimStatus.VERIFIED:
        _link_organization(claim, actor)
    audit.record(
        actor=actor,
        action=f"registry.claim.{'verified' if matched and links_cleanly else 'submitted'}",
        target=claim,
        after={"entity": entity.name, "method": claim.method, "email": matched},
    )
    forget_registry_claims(actor)
    return claim


def _refuse_second_open_claim(actor, entity: Entity) -> None:
    open_claim = Claim.objects.filter(
        entity=entity, claimant=actor, status__in=[ClaimStatus.PENDING, ClaimStatus.VERIFIED]
    ).first()
    if open_claim is None:
        return
    if open_claim.status == ClaimStatus.VERIFIED:
        raise DomainError(f"Your claim on {entity.display_name} is already verified.")
    raise DomainError(f"Your claim on {entity.display_name} is waiting for review.")


def _link_organization(claim: Claim, actor) -> None:
    entity = claim.entity
    if claim.organization_id and entity.organization_id is None:
        entity.organization = claim.organization
        entity.save(update_fields=["organization", "updated_at"])
        audit.record(
            actor=actor,
            action="registry.entity.updated",
            target=entity,
            before={"organization": ""},
            after={"organization": claim.organization.name, "via": f"claim:{claim.public_id}"},
        )
        mark_changed(entity)


def _locked_pending(claim: Claim) -> Claim:
    claim = Claim.objects.select_for_update().select_related("entity", "claimant").get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise DomainError(f"This claim was already decided ({claim.get_status_display()}).")
    return claim


def _checked_note(note: str | None) -> str:
    """The note is emailed to the claimant: a long one is refused, never cut mid-sentence."""
    note = (note or "").strip()
    limit = Claim._meta.get_field("decision_note").max_length
    if len(note) > limit:
        raise DomainError(f"Keep the note under {limit} characters.", field="note")
    return note


@transaction.atomic
def approve_claim(*, actor, claim: Claim, note: str = "") -> Claim:
    require(actor, "registry.review_claims")
    note = _checked_note(note)
    claim = _locked_pending(claim)
    entity = Entity.objects.select_for_update().get(pk=claim.entity_id)
    claim.entity = entity
    claim.status, claim.method = ClaimStatus.VERIFIED, ClaimMethod.STAFF_REVIEW
    claim.decided_at, claim.decided_by, claim.decision_note = timezone.now(), actor, note
    claim.save()
    _link_organization(claim, actor)
    _decided(actor, claim)
    return claim


@transaction.atomic
def reject_claim(*, actor, claim: Claim, note: str) -> Claim:
    require(actor, "registry.review_claims")
    note = _checked_note(note)
    if not note:
        raise DomainError("Tell the claimant why the claim was not verified.", field="note")
    claim = _locked_pending(claim)
    claim.status = ClaimStatus.REJECTED
    claim.decided_at, claim.decided_by, claim.decision_note = timezone.now(), actor, note
    claim.save()
    _decided(actor, claim)
    return claim


def _decided(actor, claim: Claim) -> None:
    audit.record(
        actor=actor,
        action=f"registry.claim.{claim.status}",
        target=claim,
        before={"status": ClaimStatus.PENDING},
        after={"status": claim.status, "note": claim.decision_note},
    )
    forget_registry_claims(claim.claimant)
    queue_templated_email(
        to=[claim.claimant.email],
        template="registry/email/claim_decided",
        context={"claim": claim, "entity": claim.entity, "site_url": settings.SITE_URL},
        triggered_by=actor,
    )
