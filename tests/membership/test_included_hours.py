"""The plan's included coaching hours are counted per membership year from the ledger
(`IncludedHoursUse`), not read from the plan alone. Figures worked by hand: the Medical Center
plan includes 12 hours (720 minutes) a year."""

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict
from socialrx.membership import selectors
from socialrx.membership.models import IncludedHoursUse, MembershipStatus
from socialrx.membership.services.included_hours import use_included_minutes
from tests.coaching.factories import make_member
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def use(organization, minutes):
    return use_included_minutes(
        organization, minutes, source_kind="coaching.session", source_public_id=uuid4()
    )


def test_used_minutes_come_off_this_years_hours():
    organization = OrganizationFactory()
    make_member(organization)
    use(organization, 60)
    use(organization, 30)
    # 720 - 60 - 30 = 630 minutes = 10.5 hours
    assert selectors.included_minutes_remaining(organization) == 630
    assert selectors.coaching_hours_remaining(organization) == Decimal("10.5")


def test_a_use_beyond_what_is_left_is_refused_and_nothing_is_written():
    organization = OrganizationFactory()
    make_member(organization)
    use(organization, 690)
    with pytest.raises(Conflict, match="30 included minutes left"):
        use(organization, 60)
    assert IncludedHoursUse.objects.count() == 1


def test_one_thing_is_counted_once():
    organization = OrganizationFactory()
    make_member(organization)
    source = uuid4()
    use_included_minutes(organization, 60, source_kind="coaching.session", source_public_id=source)
    with pytest.raises(Conflict, match="already counted"):
        use_included_minutes(
            organization, 30, source_kind="coaching.session", source_public_id=source
        )
    assert selectors.included_minutes_remaining(organization) == 660


def test_last_years_use_does_not_count_against_this_year():
    organization = OrganizationFactory()
    membership = make_member(organization)
    IncludedHoursUse.objects.create(
        membership=membership,
        period_starts_on=center_today() - timedelta(days=365),
        minutes=600,
        source_kind="coaching.session",
        source_public_id=uuid4(),
    )
    assert selectors.included_minutes_remaining(organization) == 720


def test_an_organization_without_benefits_has_none_and_cannot_use_any():
    organization = OrganizationFactory()
    membership = make_member(organization)
    membership.status = MembershipStatus.CANCELLED
    membership.save()
    assert selectors.included_minutes_remaining(organization) == 0
    with pytest.raises(Conflict):
        use(organization, 30)
    stranger = OrganizationFactory()
    assert selectors.coaching_hours_remaining(stranger) == 0
    with pytest.raises(Conflict, match="no membership year"):
        use(stranger, 30)
