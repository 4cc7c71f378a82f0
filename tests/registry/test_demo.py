"""The registry's generated demo data: bed counts and accounts for every hospital, following
the published adoption (shared/background/published-figures.md). Expected counts are worked
out by hand from the rule: a platform's hospitals join in rank order, hospital r of n (from 0)
at the quantile (r + 0.5) / n, so by a day when the curve stands at share c, the hospitals
with r + 0.5 <= n * c have joined."""

import random
from datetime import date

import pytest
from django.db.models import Exists, OuterRef

from socialrx.core.platforms import Platform
from socialrx.registry.classification import classify
from socialrx.registry.demo import generated_lines, hospitals_on
from socialrx.registry.demo.hospitals import GeneratedHospitals, generated_beds
from socialrx.registry.demo.shapes import (
    HOSPITAL_ADOPTION,
    HOSPITAL_PLATFORMS,
    REFERENCE_DAY,
    AdoptionCurve,
    follower_counts,
    quarter_ends,
)
from socialrx.registry.models import Account, Entity, EntityKind, Snapshot

OCT_2009 = date(2009, 10, 31)

# --- the shapes -----------------------------------------------------------------------------

CURVE = AdoptionCurve(((date(2010, 1, 1), 0.0), (date(2010, 1, 11), 0.5), (date(2010, 1, 21), 0.6)))


@pytest.mark.unit
def test_a_curve_is_straight_lines_between_its_points_and_flat_after():
    assert CURVE.share_on(date(2009, 12, 31)) == 0.0
    assert CURVE.share_on(date(2010, 1, 6)) == pytest.approx(0.25)
    assert CURVE.share_on(date(2010, 1, 16)) == pytest.approx(0.55)
    assert CURVE.share_on(date(2030, 1, 1)) == 0.6


@pytest.mark.unit
def test_a_hospital_joins_on_the_first_day_the_curve_reaches_its_quantile():
    assert CURVE.day_reaching(0.25) == date(2010, 1, 6)
    assert CURVE.day_reaching(0.5) == date(2010, 1, 11)
    # 0.51 is a tenth of the way from 0.5 to 0.6: one day after Jan 11.
    assert CURVE.day_reaching(0.51) == date(2010, 1, 12)
    assert CURVE.day_reaching(0.61) is None  # never: the curve levels off at 0.6


@pytest.mark.unit
def test_the_curves_pass_through_the_published_figures():
    facebook, x = HOSPITAL_ADOPTION[Platform.FACEBOOK], HOSPITAL_ADOPTION[Platform.X]

    # Griffis et al. 2014: 3,351 and 1,713 of 3,371 hospitals in 2013.
    assert facebook.share_on(REFERENCE_DAY) == pytest.approx(0.9941, abs=1e-4)
    assert x.share_on(REFERENCE_DAY) == pytest.approx(0.5082, abs=1e-4)
    # The Hospital Social Network List, Oct 2009 and Feb 2010, of about 5,000 hospitals.
    assert facebook.share_on(OCT_2009) == pytest.approx(203 / 5000)
    assert x.share_on(OCT_2009) == pytest.approx(284 / 5000)
    assert x.share_on(date(2010, 2, 28)) == pytest.approx(430 / 5000)
    assert HOSPITAL_ADOPTION[Platform.YOUTUBE].share_on(OCT_2009) == pytest.approx(194 / 5000)
    # Removals are rare: only X loses a few hospitals.
    assert {p: s.removed for p, s in HOSPITAL_PLATFORMS.items() if s.removed} == {Platform.X: 0.05}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("hospital_type", "fewest", "most"),
    [
        ("Critical Access Hospitals", 6, 25),  # 42 CFR 485.620: at most 25 inpatient beds
        ("Psychiatric", 16, 250),
        ("Childrens", 40, 600),
        ("Acute Care - Veterans Administration", 30, 500),
        ("Acute Care - Department of Defense", 15, 300),
        ("Acute Care Hospitals", 25, 1100),
    ],
)
def test_generated_bed_counts_are_plausible_for_the_type_of_hospital(hospital_type, fewest, most):
    rng = random.Random(1)
    beds = [generated_beds(rng, hospital_type) for _ in range(400)]

    assert fewest <= min(beds)
    assert max(beds) <= most


@pytest.mark.unit
def test_most_critical_access_hospitals_use_all_25_beds():
    rng = random.Random(2)
    beds = [generated_beds(rng, "Critical Access Hospitals") for _ in range(1000)]

    assert 450 < beds.count(25) < 650  # 55 % of them


@pytest.mark.unit
def test_follower_counts_are_quarterly_and_reach_the_2013_level_after_two_years():
    facebook = HOSPITAL_PLATFORMS[Platform.FACEBOOK]

    assert quarter_ends(date(2013, 11, 15), date(2014, 7, 1)) == [
        date(2013, 12, 31),
        date(2014, 3, 31),
        date(2014, 6, 30),
    ]
    # Listed two years before the end of 2013: the whole 2013 level, then.
    assert follower_counts(1000, facebook, date(2011, 12, 31), [REFERENCE_DAY]) == [1000]
    # Listed that very day: half of it.
    assert follower_counts(1000, facebook, REFERENCE_DAY, [REFERENCE_DAY]) == [500]


# --- the small demo: 40 real hospitals --------------------------------------------------------


def real_hospitals():
    return Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False)


@pytest.mark.integration
def test_every_hospital_has_a_generated_bed_count_and_its_size_band(demo_small):
    hospitals = list(real_hospitals())

    assert len(hospitals) == 40
    assert all(h.bed_count is not None and h.bed_count_is_generated for h in hospitals)
    for hospital in hospitals:
        stored = (hospital.region, hospital.ownership_group, hospital.size_band)
        classify(hospital)
        assert stored == (hospital.region, hospital.ownership_group, hospital.size_band)
    critical_access = [h for h in hospitals if h.hospital_type == "Critical Access Hospitals"]
    assert critical_access
    assert all(h.bed_count <= 25 and h.size_band == "small" for h in critical_access)


@pytest.mark.integration
def test_the_small_demo_reproduces_the_published_adoption(demo_small):
    # End of 2013, Facebook at 99.41 %: 40 * 0.9941 = 39.76, and r + 0.5 <= 39.76 holds for
    # r = 0 .. 39: all 40. X at 50.82 %: 40 * 0.5082 = 20.33, so r = 0 .. 19: 20.
    assert hospitals_on(Platform.FACEBOOK, REFERENCE_DAY) == 40
    assert hospitals_on(Platform.X, REFERENCE_DAY) == 20
    # Oct 2009, Facebook 203 of 5,000: 40 * 0.0406 = 1.62, so r = 0 and 1. X 284 of 5,000:
    # 40 * 0.0568 = 2.27, so r = 0 and 1 as well.
    assert hospitals_on(Platform.FACEBOOK, OCT_2009) == 2
    assert hospitals_on(Platform.X, OCT_2009) == 2


@pytest.mark.integration
def test_presence_is_kept_as_the_services_keep_it(demo_small):
    listed = Account.objects.filter(entity=OuterRef("pk"), removed_on__isnull=True)
    disagreeing = Entity.objects.annotate(listed=Exists(listed)).exclude(has_account=Exists(listed))

    assert not disagreeing.exists()
    assert real_hospitals().filter(has_account=True).count() == 40


@pytest.mark.integration
def test_generated_accounts_have_a_count_at_every_quarter_end_since_listed(demo_small):
    accounts = Account.objects.filter(
        entity__in=real_hospitals(), platform=Platform.FACEBOOK
    ).prefetch_related("snapshots")

    assert accounts.count() == 40
    for account in accounts:
        assert account.is_generated and account.handle.lower().startswith("demo")
        days = [snapshot.taken_on for snapshot in account.snapshots.all()]
        end = account.removed_on or account.last_checked
        assert days == quarter_ends(account.first_listed, end)
        assert account.followers == account.snapshots.all()[len(days) - 1].followers
    assert not Snapshot.objects.filter(account__is_generated=True, followers__lt=0).exists()


@pytest.mark.integration
def test_the_report_says_what_was_generated(demo_small):
    made = GeneratedHospitals(hospitals=40, bed_counts=40, accounts=123, snapshots=4567)

    lines = generated_lines(made)

    assert lines[0] == (
        "Generated for the 40 CMS hospitals (marked as generated wherever shown): 40 bed "
        "counts by hospital type (CMS publishes none), 123 accounts and 4,567 quarterly "
        "follower counts."
    )
    assert lines[1].startswith(
        "On Dec 31, 2013: 40 on Facebook (100.0%) and 20 on X (50.0%), as Griffis et al. 2014 "
        "found (99.4 % and 50.8 %)"
    )
    assert generated_lines(None) == []
