"""The registry under real concurrency (PostgreSQL): an account is listed once, a claim
links an entity to one organization, a person holds one open claim, snapshots of a day stay
one row, and overlapping imports both land without duplicates."""

import pytest
from django.core.files.base import ContentFile

from socialrx.core.errors import DomainError
from socialrx.registry.models import (
    Account,
    Claim,
    ClaimStatus,
    Entity,
    ImportJob,
    ImportStatus,
    Snapshot,
)
from socialrx.registry.services import accounts, claims, imports
from tests.concurrency import require_postgres, run_at_once
from tests.factories import UserFactory, give_mfa, org_with_admin
from tests.registry.factories import AccountFactory, EntityFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


@pytest.fixture
def staff_member():
    person = UserFactory(is_staff=True)
    give_mfa(person)
    return person


def test_the_same_account_added_ten_times_at_once_is_listed_once(staff_member):
    hospital = EntityFactory()

    results = run_at_once(
        10,
        lambda i: accounts.add_account(
            actor=staff_member,
            entity=hospital,
            address=["@MayoClinic", "x.com/mayoclinic", "https://twitter.com/MAYOCLINIC/"][i % 3],
            platform="x",
        ),
    )

    listed = [r for r in results if isinstance(r, Account)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(listed), len(refused)) == (1, 9)
    assert Account.objects.filter(platform="x", key="mayoclinic").count() == 1
    assert all("listed" in error.message for error in refused)


def test_two_organizations_claiming_one_hospital_at_once_link_it_to_one_of_them():
    hospital = EntityFactory(website="https://www.stbrigid.example")
    claimants = []
    for name in ("St Brigid Communications", "St Brigid Foundation"):
        organization, admin = org_with_admin(name=name)
        admin.emailaddress_set.update(email=f"lead{len(claimants)}@stbrigid.example")
        claimants.append((admin, organization))

    results = run_at_once(
        2,
        lambda i: claims.claim_entity(
            actor=claimants[i][0],
            entity=hospital,
            job_title="Communications lead",
            organization=claimants[i][1],
        ),
    )

    assert sorted(r.status for r in results) == [ClaimStatus.PENDING, ClaimStatus.VERIFIED]
    verified = next(r for r in results if r.status == ClaimStatus.VERIFIED)
    hospital.refresh_from_db()
    assert hospital.organization_id == verified.organization_id


def test_eight_claims_by_one_person_at_once_leave_one_open_claim():
    hospital = EntityFactory()
    person = UserFactory()

    results = run_at_once(
        8, lambda i: claims.claim_entity(actor=person, entity=hospital, job_title="Physician")
    )

    assert sum(isinstance(r, Claim) for r in results) == 1
    assert sum(isinstance(r, DomainError) for r in results) == 7
    assert Claim.objects.filter(entity=hospital, claimant=person).count() == 1


def test_six_follower_counts_for_one_day_at_once_keep_one_snapshot(staff_member):
    account = AccountFactory(last_checked=None)

    results = run_at_once(
        6,
        lambda i: accounts.update_account(
            actor=staff_member, account=account, followers=1000 + i, verified=False, status="active"
        ),
    )

    assert [r for r in results if not isinstance(r, Account)] == []
    snapshots = Snapshot.objects.filter(account=account)
    assert snapshots.count() == 1
    account.refresh_from_db()
    assert account.followers == snapshots.get().followers


OVERLAPPING = [
    b'"Facility ID","Facility Name","City/Town","State"\n'
    + b"".join(b"24%04d,HOSPITAL %d,ROCHESTER,MN\n" % (n, n) for n in range(1, 1501)),
    b'"Facility ID","Facility Name","City/Town","State"\n'
    + b"".join(b"24%04d,HOSPITAL %d,ROCHESTER,MN\n" % (n, n) for n in range(1001, 2501)),
]


def test_two_overlapping_imports_at_once_both_land_without_duplicates(staff_member):
    jobs = []
    for number, content in enumerate(OVERLAPPING):
        job = ImportJob(kind="hospitals", original_name=f"part{number}.csv",
                        size_bytes=len(content), created_by=staff_member)  # fmt: skip
        job.file.save(f"part{number}.csv", ContentFile(content), save=True)
        imports.preview_import(job_id=job.pk)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
        jobs.append(job)

    results = run_at_once(2, lambda i: imports.run_import(job_id=jobs[i].pk))

    assert [job.status for job in results] == [ImportStatus.DONE, ImportStatus.DONE]
    assert Entity.objects.count() == 2500
    created = sorted(job.result_counts["created"] for job in results)
    unchanged = sorted(job.result_counts["unchanged"] for job in results)
    # Whichever ran second found the 500 shared hospitals already there.
    assert (created, unchanged) == ([1000, 1500], [0, 500])
