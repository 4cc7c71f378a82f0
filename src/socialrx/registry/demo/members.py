"""The demo member organizations' own listings, a claim and a correction."""

from __future__ import annotations

import math
import random
from datetime import date

from allauth.account.models import EmailAddress
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.platforms import Platform

from ..classification import classify
from ..models import (
    Claim,
    Correction,
    CorrectionKind,
    Entity,
    EntityKind,
    OrganizationCategory,
)
from ..services import claims as claim_services
from ..services import corrections as correction_services
from .generator import AccountGenerator
from .physicians import DEMO_PHYSICIANS, demo_npi
from .shapes import HOSPITAL_PLATFORMS, MEDIANS_2013, SEED, VIA


def member_listings(
    *, staff, hospital_org, system_org, practice_org, practice_admin, physician_user
) -> None:
    """Listings for the demo member organizations (generated: they are fictional):

    - North Star Health System, with Riverside among its hospitals;
    - Riverside Regional Medical Center, unclaimed, with a website at its admin's email domain,
      so the claim-by-email journey can be tried;
    - Lakeside Family Physicians, claimed and verified by its admin through the email domain;
    - a listing of Riverside's CMO, whose claim waits for staff (no website to match);
    - a reader's correction waiting for review."""
    system = _listing(kind=EntityKind.HEALTH_SYSTEM, org=system_org)
    riverside = _listing(
        kind=EntityKind.HOSPITAL,
        health_system=system,
        ccn=hospital_org.cms_certification_number,
        org=hospital_org,
        hospital_type="Acute Care Hospitals",
        ownership="Voluntary non-profit - Private",
        emergency_services=True,
        bed_count=hospital_org.licensed_beds,
    )
    lakeside = _listing(
        kind=EntityKind.ORGANIZATION, org=practice_org, category=OrganizationCategory.CLINIC
    )
    doctor = _listing(
        kind=EntityKind.PHYSICIAN,
        npi=demo_npi(DEMO_PHYSICIANS + 1),
        org=None,
        name=physician_user.full_name,
        credential=physician_user.credentials or "MD",
        specialty="Internal Medicine",
        city=hospital_org.city,
        state=hospital_org.state,
        affiliated_hospital=riverside,
    )
    if not riverside.accounts.exists():
        rng = random.Random(SEED + 1)
        generator = AccountGenerator(rng, today())
        for platform in (Platform.FACEBOOK, Platform.X, Platform.YOUTUBE):
            shape = HOSPITAL_PLATFORMS[platform]
            base = (
                MEDIANS_2013.get(platform, MEDIANS_2013[Platform.FACEBOOK])["large"] * shape.scale
            )
            generator.add(
                riverside,
                platform,
                "RiversideRMC",
                shape,
                base * math.exp(rng.gauss(0, 0.3)),
            )
        generator.save()
    _verified_claim(practice_admin, lakeside, practice_org)
    if not Claim.objects.filter(entity=doctor).exists():
        claim_services.claim_entity(
            actor=physician_user,
            entity=doctor,
            job_title="I am this physician",
            message="Riverside's chief medical officer; please link my X account.",
        )
    if not Correction.objects.filter(entity=riverside).exists():
        correction_services.suggest_correction(
            actor=None,
            entity=riverside,
            kind=CorrectionKind.DETAILS,
            field="phone",
            proposed_value="(507) 555-0142",
            contact_email="reader@example.org",
            explanation="The main number on the hospital's contact page.",
        )


def today() -> date:
    return timezone.localdate()


def _listing(*, kind: str, org, ccn: str = "", npi: str = "", **fields) -> Entity:
    lookup = {"ccn": ccn} if ccn else {"npi": npi} if npi else {"name": org.name, "kind": kind}
    entity = Entity.objects.filter(**lookup).first()
    if entity is not None:
        return entity
    defaults = {}
    if org is not None:
        defaults = {
            "name": org.name,
            "street_address": org.street_address,
            "city": org.city,
            "state": org.state,
            "postal_code": org.postal_code,
            "website": org.website,
        }
    bed_count = fields.get("bed_count")
    entity = Entity(
        kind=kind,
        ccn=ccn,
        npi=npi,
        is_generated=True,
        bed_count_is_generated=bed_count is not None,
        source="Generated for the SocialRx demo",
        **{**defaults, **fields},
    )
    classify(entity)
    entity.save()
    audit.record(
        actor=None,
        action="registry.entity.created",
        target=entity,
        after={"name": entity.name, "kind": kind, "key": entity.key, "via": VIA},
    )
    return entity


def _verified_claim(admin, entity: Entity, organization) -> None:
    if Claim.objects.filter(entity=entity, claimant=admin).exists():
        return
    EmailAddress.objects.filter(user=admin, email__iexact=admin.email).update(verified=True)
    claim_services.claim_entity(
        actor=admin, entity=entity, job_title="Practice administrator", organization=organization
    )
