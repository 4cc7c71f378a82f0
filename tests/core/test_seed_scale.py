"""`socialrx seed-scale`: each app's generated rows at a benchmark's size, the same every run,
loaded only into a database of its own, all or nothing."""

from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from socialrx.accounts.models import User
from socialrx.billing.models import Invoice, InvoiceLine, InvoiceSequence, Payment
from socialrx.core import scale
from socialrx.core.identifiers import npi_check_digit_ok, validate_ccn
from socialrx.core.platforms import normalize_account
from socialrx.core.scale import ScaleData, ScaleReport, scale_apps
from socialrx.membership.models import (
    Membership,
    MembershipApplication,
    MembershipCharge,
    MembershipPeriod,
)
from socialrx.organizations.models import Organization, Seat
from socialrx.registry.classification import classify
from socialrx.registry.models import Account, Entity, Snapshot
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


def seed_scale(*args, **options) -> str:
    out = StringIO()
    call_command("seed_scale", *args, stdout=out, **options)
    return out.getvalue()


def test_size_s_loads_exactly_its_rows_in_chunks(db, monkeypatch):
    # Chunks far smaller than the real 50,000 rows: every writer flushes many times, and no
    # writer ever holds more than one chunk.
    monkeypatch.setattr(scale, "CHUNK_ROWS", 1_000)
    held = []
    flush = scale.BulkWriter.flush
    monkeypatch.setattr(
        scale.BulkWriter, "flush", lambda writer: held.append(len(writer._rows)) or flush(writer)
    )

    printed = seed_scale(size="s")  # any case

    assert max(held) == 1_000
    assert User.objects.count() == 500
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 500
    assert Organization.objects.count() == 50
    assert Seat.objects.count() == 450  # nine people in ten
    hospitals = Entity.objects.filter(kind="hospital")
    assert hospitals.count() == 300
    assert hospitals.filter(is_generated=False).count() == 200  # real CMS hospitals
    assert Entity.objects.filter(kind="health_system").count() == 12
    assert Entity.objects.filter(kind="physician").count() == 2_000
    assert Account.objects.count() == 5_000
    assert Snapshot.objects.count() == 20_000
    # Three organizations in five are members (30 of 50), in ten histories of which each
    # shows three times: one to three paid years each (6 paid years per history, 9 histories
    # paid), an open renewal for three histories, an open first invoice for one.
    assert Counter(Membership.objects.values_list("status", flat=True)) == {
        "active": 21,
        "grace": 3,
        "lapsed": 3,
        "awaiting_payment": 3,
    }
    assert MembershipPeriod.objects.count() == 54
    assert MembershipCharge.objects.count() == 66
    assert MembershipApplication.objects.count() == 35  # 30 approved, 5 waiting
    assert Counter(Invoice.objects.values_list("status", flat=True)) == {"paid": 54, "open": 12}
    assert InvoiceLine.objects.count() == 66
    assert Payment.objects.count() == 54
    UserFactory()  # the ids carry on after the loaded rows (PostgreSQL's sequences moved)
    for line in [
        "accounts       500 people, 500 email addresses",
        "registry       300 hospitals, 12 health systems, 2,000 physicians, 5,000 accounts, "
        "20,000 snapshots",
        "billing        66 invoices, 66 lines, 54 payments",
    ]:
        assert line in printed


def test_generated_rows_are_marked_and_hold_what_the_services_would_set(db):
    seed_scale(size="S")

    generated = Entity.objects.filter(is_generated=True)
    assert generated.count() == 100 + 12 + 2_000
    assert not Account.objects.filter(is_generated=False).exists()
    real = Entity.objects.filter(is_generated=False)
    assert set(real.values_list("kind", flat=True)) == {"hospital"}
    assert not real.filter(bed_count_is_generated=False).exists()  # CMS publishes no beds
    assert not User.objects.exclude(email__endswith="@scale.socialrx.example").exists()
    assert not Organization.objects.exclude(website__contains=".scale.socialrx.example/").exists()
    for physician in Entity.objects.filter(kind="physician"):
        assert physician.npi.startswith("4")  # real NPIs begin with 1 or 2
        assert npi_check_digit_ok(physician.npi)
    for hospital in Entity.objects.filter(kind="hospital"):
        validate_ccn(hospital.ccn)
    for entity in Entity.objects.all():
        stored = (entity.region, entity.ownership_group, entity.size_band)
        classify(entity)
        assert stored == (entity.region, entity.ownership_group, entity.size_band)
    listed = set(
        Account.objects.filter(removed_on__isnull=True).values_list("entity_id", flat=True)
    )
    assert {e.pk for e in Entity.objects.filter(has_account=True)} == listed
    for account in Account.objects.all():
        address = normalize_account(account.url, account.platform)
        assert (address.handle, address.key, address.url) == (
            account.handle,
            account.key,
            account.url,
        )
        assert account.handle.lower().lstrip("@").startswith(("demo", "company/demo"))


def test_invoice_numbers_run_without_gaps_within_each_year(db):
    seed_scale(size="S")

    numbers = Counter()
    for number in Invoice.objects.values_list("number", flat=True):
        _, year, serial = number.split("-")
        numbers[int(year)] += 1
    sequences = dict(InvoiceSequence.objects.values_list("year", "last_number"))
    assert sequences == dict(numbers)
    for year, count in numbers.items():
        assert sorted(
            Invoice.objects.filter(number__startswith=f"INV-{year}-").values_list(
                "number", flat=True
            )
        ) == [f"INV-{year}-{serial:05d}" for serial in range(1, count + 1)]
    for invoice in Invoice.objects.filter(status="paid"):
        assert invoice.paid_cents == invoice.total_cents == invoice.payments.get().amount_cents


def test_a_second_load_is_refused_and_replace_loads_the_very_same_rows(db):
    def rows():
        return {
            "entities": list(
                Entity.objects.order_by("pk").values_list("public_id", "name", "npi", "ccn")
            ),
            "people": list(User.objects.order_by("pk").values_list("email", "full_name")),
            "organizations": list(Organization.objects.order_by("pk").values_list("name")),
            "accounts": list(Account.objects.order_by("pk").values_list("key", "followers")),
            "invoices": list(Invoice.objects.order_by("pk").values_list("number", "total_cents")),
        }

    seed_scale(size="S")
    first = rows()

    with pytest.raises(CommandError, match="already holds a seed-scale load.*--replace"):
        seed_scale(size="S")
    assert rows() == first
    seed_scale(size="S", replace=True)

    assert rows() == first


def test_an_unknown_size_is_refused_with_the_sizes_there_are(db):
    with pytest.raises(CommandError, match=r"invalid choice: 'XL' \(choose from 'S', 'M', 'L'\)"):
        seed_scale(size="XL")

    assert not User.objects.exists()


@pytest.mark.parametrize("real_data", ["person", "listing"])
def test_a_database_with_real_data_is_refused_and_nothing_is_written(db, real_data):
    if real_data == "person":
        UserFactory()
    else:
        Entity.objects.create(kind="hospital", ccn="240010", name="MAYO CLINIC", state="MN")

    with pytest.raises(CommandError, match="holds data that seed-scale did not make"):
        seed_scale(size="S", replace=True)  # --replace clears only seed-scale's own rows

    assert User.objects.count() == (1 if real_data == "person" else 0)
    assert Entity.objects.count() == (0 if real_data == "person" else 1)
    assert not Organization.objects.exists()


# --- the kernel: apps declare their scale data; core runs them without knowing them --------

CALLS: list = []


def seed_first(context):
    CALLS.append(("first", context.size))
    people = context.writer(User, ("email", "public_id"))
    people.add("first@scale.socialrx.example", scale.random_uuid(context.random("first")))
    context.put("scale_thing", "made by the first")
    return ScaleReport({"things": people.count})


def seed_second(context):
    CALLS.append(("second", context.get("scale_thing")))
    return ScaleReport({"others": 2})


def seed_failing(context):
    raise RuntimeError("the generator broke")


FIRST = ScaleData(seed=seed_first)
SECOND = ScaleData(seed=seed_second)
FAILING = ScaleData(seed=seed_failing)


def test_the_apps_that_declare_scale_data_load_in_their_declared_order():
    assert [config.label for config, _ in scale_apps()] == [
        "accounts",
        "organizations",
        "billing",
        "membership",
        "registry",
        "training",
        "events",
        "coaching",
        "library",
        "community",
        "toolkit",
    ]


def declare(monkeypatch, *hooks):
    for config in apps.get_app_configs():
        monkeypatch.setattr(config, "scale", None, raising=False)
    # Declared against INSTALLED_APPS order: the registry's runs first.
    for label, (hook, order) in zip(["registry", "accounts"], hooks, strict=False):
        config = apps.get_app_config(label)
        monkeypatch.setattr(config, "scale", f"{__name__}.{hook}")
        monkeypatch.setattr(config, "scale_order", order)


def test_each_app_is_found_on_its_app_config_and_runs_in_order(db, monkeypatch):
    declare(monkeypatch, ("FIRST", 1), ("SECOND", 2))
    CALLS.clear()

    printed = seed_scale(size="M")

    assert CALLS == [("first", "M"), ("second", "made by the first")]
    assert printed.index("registry       1 things") < printed.index("accounts       2 others")
    assert list(User.objects.values_list("email", flat=True)) == ["first@scale.socialrx.example"]


def test_a_failing_app_leaves_nothing_behind(db, monkeypatch):
    declare(monkeypatch, ("FIRST", 1), ("FAILING", 2))

    with pytest.raises(RuntimeError, match="the generator broke"):
        seed_scale(size="S")

    assert not User.objects.exists()
