"""The registry's rows of the permission matrix: search and listings, claims, accounts,
corrections, the staff import and review queues, and its API."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from socialrx.registry.models import Account, Claim, Correction, Entity, EntityAlias, ImportJob
from socialrx.registry.services.imports import preview_import
from tests.factories import UserFactory
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    NOT_FOUND,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    World,
    everyone,
    fixed,
    get,
    named,
    only,
    post,
    post_only,
    signed_in,
)
from tests.registry.factories import (
    AccountFactory,
    ClaimFactory,
    CorrectionFactory,
    EntityFactory,
)

HOSPITALS_CSV = (
    b'"Facility ID","Facility Name","City/Town","State"\r\n'
    b"240999,NORTHFIELD COMMUNITY HOSPITAL,NORTHFIELD,MN\r\n"
    b"240998,LAKE CITY MEDICAL CENTER,LAKE CITY,MN\r\n"
)


def _listing_a(world: World) -> tuple[str, str]:
    return world.listing_a.kind_slug, world.listing_a.key


def _listing_url(name: str, *extra: Callable[[World], object]) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[*_listing_a(world), *(arg(world) for arg in extra)])


def _unclaimed_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(
        name, args=[world.unclaimed_listing.kind_slug, world.unclaimed_listing.key]
    )


def _claim_for_org_a(world: World) -> str:
    return f"{_unclaimed_url('onboarding:claim')(world)}?organization={world.org_a.public_id}"


def _account_id(world: World):
    return world.account_a.public_id


REGISTRY_MANAGERS = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
REGISTRY_MANAGER_ACTION = only(ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)


class RegistryData:
    """Organization A's listing and its accounts, an import, a claim and a correction for a
    case (mixed into the matrix's `World`)."""

    @cached_property
    def listing_a(self) -> Entity:
        """A hospital in the registry claimed by organization A (its admin manages it)."""
        return EntityFactory(organization=self.org_a, website="https://www.riverside.example")

    @cached_property
    def account_a(self) -> Account:
        return AccountFactory(entity=self.listing_a, platform="x", address="@RiversideRMC")

    @cached_property
    def import_job(self) -> ImportJob:
        """A previewed import of two hospitals, ready to import."""
        upload = SimpleUploadedFile("hospitals.csv", HOSPITALS_CSV, content_type="text/csv")
        job = ImportJob(
            kind="hospitals", original_name="hospitals.csv", size_bytes=len(HOSPITALS_CSV)
        )
        job.file.save("hospitals.csv", upload, save=True)
        return preview_import(job_id=job.pk)

    @cached_property
    def unclaimed_listing(self) -> Entity:
        """A hospital no organization has claimed: a new organization may start from it."""
        return EntityFactory(name="NORTHFIELD COMMUNITY HOSPITAL", city="NORTHFIELD")

    @cached_property
    def pending_claim(self) -> Claim:
        return ClaimFactory(entity=self.listing_a, claimant=UserFactory())

    @cached_property
    def pending_correction(self) -> Correction:
        return CorrectionFactory(entity=self.listing_a)

    @cached_property
    def alias_a(self) -> EntityAlias:
        return EntityAlias.objects.create(entity=self.listing_a, alias="RRMC")


WORLD_DATA = RegistryData

ROWS: dict[str, tuple[Case, ...]] = {
    "registry:search": (
        get(named("registry:search"), PUBLIC),
        get(
            lambda world: reverse("registry:search") + "?q=riversde&format=csv",
            PUBLIC,
            label="GET csv",
        ),
    ),
    "registry:adoption": (get(named("registry:adoption"), PUBLIC),),
    "registry:leaderboards": (get(named("registry:leaderboards"), PUBLIC),),
    "registry:entity": (get(_listing_url("registry:entity"), PUBLIC),),
    "registry:claim": (
        get(_listing_url("registry:claim"), SIGNED_IN),
        post(
            _listing_url("registry:claim"),
            signed_in(DONE),
            data=lambda world: {"job_title": "Director of Communications"},
            effect=lambda world: Claim.objects.filter(claimant=world.user).exists(),
        ),
    ),
    "registry:accounts": (
        get(_listing_url("registry:accounts"), REGISTRY_MANAGERS),
        post(
            _listing_url("registry:accounts"),
            REGISTRY_MANAGER_ACTION,
            data=lambda world: {"platform": "youtube", "address": "@RiversideRMC"},
            effect=lambda world: Account.objects.filter(platform="youtube").exists(),
        ),
    ),
    "registry:account_edit": (
        get(_listing_url("registry:account_edit", _account_id), REGISTRY_MANAGERS),
        post(
            _listing_url("registry:account_edit", _account_id),
            REGISTRY_MANAGER_ACTION,
            data=lambda world: {"followers": "4321", "status": "active"},
            effect=lambda world: Account.objects.filter(followers=4321).exists(),
        ),
    ),
    "registry:account_remove": post_only(
        _listing_url("registry:account_remove", _account_id),
        REGISTRY_MANAGER_ACTION,
        effect=lambda world: Account.objects.filter(removed_on__isnull=False).exists(),
    ),
    "registry:correction": (
        get(_listing_url("registry:correction"), PUBLIC),
        post(
            _listing_url("registry:correction"),
            everyone(DONE),
            data=lambda world: {"kind": "other", "explanation": "It closed in 2024."},
            effect=lambda world: Correction.objects.exists(),
        ),
    ),
    "registry:staff_imports": (
        get(named("registry:staff_imports"), STAFF_ONLY),
        post(
            named("registry:staff_imports"),
            STAFF_ONLY_ACTION,
            data=lambda world: {
                "kind": "hospitals",
                "file": SimpleUploadedFile("h.csv", HOSPITALS_CSV, content_type="text/csv"),
            },
            effect=lambda world: ImportJob.objects.exists(),
        ),
    ),
    "registry:staff_import": (
        get(named("registry:staff_import", lambda world: world.import_job.public_id), STAFF_ONLY),
    ),
    "registry:staff_import_progress": (
        get(
            named("registry:staff_import_progress", lambda world: world.import_job.public_id),
            STAFF_ONLY,
        ),
    ),
    "registry:staff_import_start": post_only(
        named("registry:staff_import_start", lambda world: world.import_job.public_id),
        STAFF_ONLY_ACTION,
        effect=lambda world: ImportJob.objects.exclude(status="ready").exists(),
    ),
    "registry:staff_import_abandon": post_only(
        named("registry:staff_import_abandon", lambda world: world.import_job.public_id),
        # The job is not running: staff are told so, and nothing changes for anyone.
        STAFF_ONLY_ACTION,
        effect=lambda world: ImportJob.objects.filter(status="failed").exists(),
        effect_roles=frozenset(),
    ),
    "registry:staff_claims": (get(named("registry:staff_claims"), STAFF_ONLY),),
    "registry:staff_claim_approve": post_only(
        named("registry:staff_claim_approve", lambda world: world.pending_claim.public_id),
        STAFF_ONLY_ACTION,
        effect=lambda world: Claim.objects.filter(status="verified").exists(),
    ),
    "registry:staff_claim_reject": post_only(
        named("registry:staff_claim_reject", lambda world: world.pending_claim.public_id),
        STAFF_ONLY_ACTION,
        data=lambda world: {"note": "No link to the hospital."},
        effect=lambda world: Claim.objects.filter(status="rejected").exists(),
    ),
    "registry:staff_aliases": (
        get(named("registry:staff_aliases"), STAFF_ONLY),
        post(
            named("registry:staff_aliases"),
            STAFF_ONLY_ACTION,
            data=lambda world: {"listing": world.listing_a.ccn, "alias": "Riverside RMC"},
            effect=lambda world: EntityAlias.objects.filter(alias="Riverside RMC").exists(),
        ),
    ),
    "registry:staff_alias_remove": post_only(
        named("registry:staff_alias_remove", lambda world: world.alias_a.public_id),
        STAFF_ONLY_ACTION,
        effect=lambda world: not EntityAlias.objects.filter(alias="RRMC").exists(),
    ),
    "registry:staff_corrections": (get(named("registry:staff_corrections"), STAFF_ONLY),),
    "registry:staff_correction_accept": post_only(
        named("registry:staff_correction_accept", lambda world: world.pending_correction.public_id),
        STAFF_ONLY_ACTION,
        effect=lambda world: Correction.objects.filter(status="accepted").exists(),
    ),
    "registry:staff_correction_decline": post_only(
        named(
            "registry:staff_correction_decline",
            lambda world: world.pending_correction.public_id,
        ),
        STAFF_ONLY_ACTION,
        data=lambda world: {"note": "The number is right."},
        effect=lambda world: Correction.objects.filter(status="rejected").exists(),
    ),
    # Adding an organization from its listing (registry/onboarding_urls.py).
    "onboarding:find": (
        get(named("onboarding:find"), SIGNED_IN),
        get(fixed("/organizations/start/?q=riverside"), SIGNED_IN, label="GET search"),
    ),
    # On to the organization form, filled in (a redirect for every signed-in person).
    "onboarding:listing": (get(_unclaimed_url("onboarding:listing"), signed_in(DONE)),),
    # Only an admin of the organization named may claim the listing for it.
    "onboarding:claim": (
        get(_claim_for_org_a, only(ADMIN_A, grant=ALLOW, deny=NOT_FOUND)),
        post(
            _claim_for_org_a,
            only(ADMIN_A, grant=DONE, deny=NOT_FOUND),
            data=lambda world: {"job_title": "Director of Communications"},
            effect=lambda world: Claim.objects.filter(
                entity=world.unclaimed_listing, organization=world.org_a
            ).exists(),
        ),
    ),
    "GET /api/v1/registry/entities": (
        get(fixed("/api/v1/registry/entities?q=riverside"), PUBLIC, label="session"),
    ),
    "GET /api/v1/registry/entities/<public_id>": (
        get(
            lambda world: f"/api/v1/registry/entities/{world.listing_a.public_id}",
            PUBLIC,
            label="session",
        ),
    ),
    "GET /api/v1/registry/adoption": (
        get(fixed("/api/v1/registry/adoption"), PUBLIC, label="session"),
    ),
}
