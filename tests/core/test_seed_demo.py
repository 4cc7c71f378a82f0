"""`socialrx seed-demo`: every app's own demo, run in declared order, loaded once however
often run; the small profile for the tests, the full one for `make run`."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from socialrx.accounts.models import User
from socialrx.billing.models import Invoice
from socialrx.core.demo import DemoContext, DemoError, DemoReport, demo_apps
from socialrx.core.platforms import Platform
from socialrx.membership.models import Membership, MembershipApplication, Plan
from socialrx.organizations.models import Invitation, Organization, Seat
from socialrx.registry.demo import hospitals_on
from socialrx.registry.demo.shapes import REFERENCE_DAY
from socialrx.registry.models import Account, Entity, EntityKind, ImportJob

pytestmark = pytest.mark.integration

DEMO_LOGINS = [
    "dana.whitfield@socialrx.example",
    "marcus.bell@socialrx.example",
    "priya.raman@socialrx.example",
    "karen.lindqvist@riverside-rmc.example",
    "james.okafor@riverside-rmc.example",
    "emily.sorensen@riverside-rmc.example",
    "rachel.nguyen@northstarhealth.example",
    "alex.moreno@northstarhealth.example",
    "sarah.whitman@lakesidefp.example",
    "david.chen@lakesidefp.example",
    "olivia.hart@lakesidefp.example",
]
TOTP_SECRETS = [
    "ONXWG2LBNRZHQLLEMVWW6LLTORQWMZRN",
    "ONXWG2LBNRZHQLLEMVWW6LLDN5QWG2BN",
    "ONXWG2LBNRZHQLLEMVWW6LLSMVZWKYLS",
]


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in [
            User,
            Organization,
            Seat,
            Invitation,
            Plan,
            Membership,
            Invoice,
            MembershipApplication,
            Entity,
            Account,
            ImportJob,
        ]
    }


def assert_every_role_and_membership_state() -> None:
    assert User.objects.filter(is_staff=True).exists()
    assert User.objects.filter(is_coach=True).exists()
    assert User.objects.filter(is_researcher=True).exists()
    assert all(u.authenticator_set.exists() for u in User.objects.filter(is_staff=True))
    assert set(Membership.objects.values_list("status", flat=True)) == {"active", "lapsed"}
    assert MembershipApplication.objects.filter(status="pending").count() == 1
    assert set(Invoice.objects.values_list("status", flat=True)) == {"paid", "open"}
    hospital = Organization.objects.get(org_type="hospital")
    assert hospital.licensed_beds == 350


@pytest.mark.slow_demo
def test_seed_demo_is_idempotent_and_covers_every_role_and_membership_state(db):
    """The full profile, as `make run` loads it: every CMS hospital."""
    call_command("seed_demo", quiet=True)
    first = counts()
    call_command("seed_demo", quiet=True)

    assert counts() == first
    assert first["Organization"] == 3
    assert_every_role_and_membership_state()
    assert Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False).count() == 5381
    assert_the_published_adoption_of_5381_hospitals()


def assert_the_published_adoption_of_5381_hospitals() -> None:
    """Hospital r of n (from 0) joins a platform when its curve reaches (r + 0.5) / n
    (tests/registry/test_demo.py): by a day when the curve stands at c, those with
    r + 0.5 <= n * c."""
    hospitals = Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False)
    assert hospitals.filter(bed_count_is_generated=True).count() == 5381
    # 2013: 5,381 * 3,351 / 3,371 = 5,349.07 on Facebook; 5,381 * 1,713 / 3,371 = 2,734.39 on X.
    assert hospitals_on(Platform.FACEBOOK, REFERENCE_DAY) == 5349
    assert hospitals_on(Platform.X, REFERENCE_DAY) == 2734
    # Oct 2009: 391 of about 5,000 hospitals (7.8 %) on the Hospital Social Network List; how
    # many had any account follows from how often platforms were joined together, not a rule.
    present = hospitals.filter(
        accounts__first_listed__lte=date(2009, 10, 31), accounts__is_generated=True
    ).distinct()
    assert 0.07 < present.count() / 5381 < 0.086


def test_the_small_demo_covers_every_role_and_membership_state(demo_small):
    assert Organization.objects.count() == 3
    assert_every_role_and_membership_state()


def test_the_small_profile_is_really_small(demo_small):
    hospitals = Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False)

    assert hospitals.count() == 40  # 10 in each state, instead of 5,381
    assert set(hospitals.values_list("state", flat=True)) == {"MN", "NY", "TX", "CA"}
    # Every hospital gets generated accounts: Facebook alone reaches 99.4 % of them by 2013,
    # and the 40th of 40 (at quantile 39.5 / 40 = 98.75 %) is within that.
    with_accounts = hospitals.filter(accounts__is_generated=True).distinct()
    assert with_accounts.count() == 40
    assert hospitals.filter(bed_count_is_generated=True).count() == 40
    # 30 generated physicians, and the listing of Riverside's chief medical officer.
    assert Entity.objects.filter(kind=EntityKind.PHYSICIAN, is_generated=True).count() == 31
    assert ImportJob.objects.filter(original_name__endswith=".sample.csv").count() == 5


def test_a_second_run_creates_nothing(demo_small):
    first = counts()
    out = StringIO()

    call_command("seed_demo", profile="small", stdout=out)

    assert counts() == first
    assert "Demo data already present: nothing new was created." in out.getvalue()


def test_demo_logins_work_with_the_published_password(demo_small):
    admin = Seat.objects.filter(role="admin").select_related("user").first().user
    assert authenticate(email=admin.email, password="socialrx-demo-2026") == admin
    for email in DEMO_LOGINS:
        assert authenticate(email=email, password="socialrx-demo-2026") is not None, email


def test_the_report_shows_each_app_in_order_then_the_demo_logins(demo_small):
    out = StringIO()
    call_command("seed_demo", profile="small", stdout=out)
    printed = out.getvalue()

    headings = [
        "SocialRx demo data (small profile)",
        "The center",
        "Organizations",
        "Membership",
        "Registry (public at /registry/)",
        "Training",
        "Events",
        "Demo logins — sign in at /accounts/login/",
        "Center roles sign in with a one-time code",
    ]
    positions = [printed.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for text in [*DEMO_LOGINS, *TOTP_SECRETS, "otpauth://totp/", "recovery codes: "]:
        assert text in printed, text
    assert "Open invitation for tom.becker@riverside-rmc.example" in printed
    assert "Riverside Regional Medical Center: membership active (Medical Center)" in printed
    assert "cms_hospital_general_information.sample.csv: 40 rows" in printed


# --- the kernel: apps declare their demo; core runs them without knowing them --------------

CALLS: list = []


def seed_first(context):
    CALLS.append("first")
    context.put("demo_thing", "made by the first")
    return DemoReport(title="First demo", lines=["one"], made={"things": 1})


def seed_second(context):
    CALLS.append(("second", context.get("demo_thing"), context.profile))
    return DemoReport(title="Second demo", lines=["two"], made={"things": 2})


def test_the_apps_that_declare_a_demo_run_in_their_declared_order():
    assert [config.label for config in demo_apps()] == [
        "accounts",
        "organizations",
        "membership",
        "registry",
        "training",
        "events",
        "coaching",
        "library",
        "community",
        "toolkit",
    ]


def test_each_app_demo_runs_in_declared_order_and_apps_without_one_are_skipped(db, monkeypatch):
    for config in apps.get_app_configs():
        monkeypatch.setattr(config, "demo", None, raising=False)
    # Declared against INSTALLED_APPS order: the registry's runs first.
    registry, accounts = apps.get_app_config("registry"), apps.get_app_config("accounts")
    monkeypatch.setattr(registry, "demo", f"{__name__}.seed_first")
    monkeypatch.setattr(registry, "demo_order", 1)
    monkeypatch.setattr(accounts, "demo", f"{__name__}.seed_second")
    monkeypatch.setattr(accounts, "demo_order", 2)
    # An order without a demo is no demo.
    monkeypatch.setattr(apps.get_app_config("api"), "demo_order", 0, raising=False)
    CALLS.clear()
    out = StringIO()

    call_command("seed_demo", profile="small", stdout=out)

    assert CALLS == ["first", ("second", "made by the first", "small")]
    printed = out.getvalue()
    assert printed.index("First demo") < printed.index("  one") < printed.index("Second demo")
    assert "Created: 3 things." in printed
    assert User.objects.count() == 0


def test_asking_for_an_object_no_earlier_demo_made_names_it():
    context = DemoContext(profile="small")
    context.put("coach", "Marcus")

    assert context.get("coach") == "Marcus"
    with pytest.raises(DemoError, match="'demo_hospital'.*made so far: coach"):
        context.get("demo_hospital")
    with pytest.raises(ValueError, match="Unknown demo profile"):
        DemoContext(profile="huge")


def test_seed_demo_refuses_in_production(db, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="Refusing to load demo accounts"):
        call_command("seed_demo", profile="small", quiet=True)
    assert User.objects.count() == 0
