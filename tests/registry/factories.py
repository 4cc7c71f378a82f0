"""Factories of registry data: hospitals, physicians, accounts, snapshots, claims."""

from datetime import date

import factory

from socialrx.core.platforms import normalize_account
from socialrx.registry.classification import classify
from socialrx.registry.models import (
    Account,
    Claim,
    Correction,
    CorrectionKind,
    Entity,
    EntityKind,
    Snapshot,
)
from socialrx.registry.services.accounts import note_presence
from tests.factories import UserFactory


class EntityFactory(factory.django.DjangoModelFactory):
    """A hospital; derived columns (region, ownership group, size band) set as services do."""

    class Meta:
        model = Entity

    kind = EntityKind.HOSPITAL
    name = factory.Sequence(lambda n: f"SAINT BRIGID MEDICAL CENTER {n}")
    # CCNs under state code 99, which CMS gives no hospital: a worker's sequence runs across
    # tests, so a Minnesota number (24xxxx) would sooner or later equal a test's own CCN.
    ccn = factory.Sequence(lambda n: f"99{n % 10_000:04d}")
    city = "ROCHESTER"
    state = "MN"
    postal_code = "55902"
    hospital_type = "Acute Care Hospitals"
    ownership = "Voluntary non-profit - Private"
    emergency_services = True
    star_rating = 4
    source = "Test"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        entity = model_class(*args, **kwargs)
        classify(entity)
        entity.save()
        return entity


class PhysicianFactory(EntityFactory):
    kind = EntityKind.PHYSICIAN
    ccn = ""
    npi = factory.Sequence(lambda n: _valid_npi(100000 + n))
    name = factory.Sequence(lambda n: f"Jordan Whitfield {n}")
    credential = "MD"
    specialty = "Cardiology"
    hospital_type = ""
    ownership = ""
    emergency_services = None
    star_rating = None


def _valid_npi(number: int) -> str:
    from socialrx.core.identifiers import npi_check_digit_ok

    stem = f"1{number:08d}"
    return next(stem + str(d) for d in range(10) if npi_check_digit_ok(stem + str(d)))


class AccountFactory(factory.django.DjangoModelFactory):
    """An account given by its address: `address` and `platform` are normalised as the
    services do."""

    class Meta:
        model = Account
        exclude = ["address"]

    entity = factory.SubFactory(EntityFactory)
    platform = "x"
    address = factory.Sequence(lambda n: f"@hospital{n}")
    handle = factory.LazyAttribute(lambda o: normalize_account(o.address, o.platform).handle)
    key = factory.LazyAttribute(lambda o: normalize_account(o.address, o.platform).key)
    url = factory.LazyAttribute(lambda o: normalize_account(o.address, o.platform).url)
    followers = 1000
    first_listed = date(2015, 1, 1)
    last_checked = date(2024, 12, 31)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        account = super()._create(model_class, *args, **kwargs)
        note_presence([account.entity_id])  # as the services do
        account.entity.refresh_from_db(fields=["has_account"])
        return account


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    account = factory.SubFactory(AccountFactory)
    taken_on = date(2024, 12, 31)
    followers = 1000


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    entity = factory.SubFactory(EntityFactory)
    claimant = factory.SubFactory(UserFactory)
    job_title = "Director of Communications"
    method = "staff_review"


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    entity = factory.SubFactory(EntityFactory)
    kind = CorrectionKind.DETAILS
    field = "phone"
    proposed_value = "(507) 555-0100"
    contact_email = "reader@example.org"
