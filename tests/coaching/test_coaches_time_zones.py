"""A coach's time zone keeps slots on the hour and half hour: zones whose offset from UTC is
not a whole number of half hours at some time of year are refused, with the message beside the
field (Kathmandu +5:45, Eucla +8:45, Chatham +12:45 in winter and +13:45 in summer), in the
profile service and its form. Half-hour zones (India +5:30, Adelaide +9:30/+10:30,
Newfoundland -3:30/-2:30, Lord Howe +10:30/+11:00) are kept."""

from __future__ import annotations

import pytest

from socialrx.coaching.forms_coaches import CoachProfileForm
from socialrx.coaching.services import coaches as service
from socialrx.coaching.slots import is_time_zone, on_half_hour_offsets
from socialrx.core.errors import DomainError
from tests.coaching.factories import make_coach
from tests.factories import CoachFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

OFF_GRID = ["Asia/Kathmandu", "Australia/Eucla", "Pacific/Chatham"]
HALF_HOURS = ["Asia/Kolkata", "Australia/Adelaide", "America/St_Johns", "Australia/Lord_Howe"]


def _message(zone: str) -> str:
    return (
        f"{zone} is not a whole number of half hours ahead of or behind UTC all year round. "
        "Slots start on the hour and half hour; choose the nearest city in a zone with such an "
        "offset."
    )


DATA = {
    "headline": "Crisis communications for hospitals",
    "bio": "",
    "default_meeting_url": "",
    "photo_alt": "",
    "accepting_engagements": True,
}


@pytest.mark.parametrize(
    ("zone", "on_the_grid"),
    [(zone, False) for zone in OFF_GRID]
    + [(zone, True) for zone in HALF_HOURS]
    + [("America/Chicago", True), ("UTC", True), ("EST", False)],
)
def test_which_zones_keep_the_half_hour_grid(zone, on_the_grid):
    assert on_half_hour_offsets(zone) is on_the_grid


def test_the_off_grid_zones_are_still_time_zones():
    # The DST and place-name rules of `is_time_zone` are unchanged: these are real places.
    assert all(is_time_zone(zone) for zone in OFF_GRID)


@pytest.mark.parametrize("zone", OFF_GRID)
def test_the_service_refuses_a_zone_off_the_half_hour_grid(zone):
    profile = make_coach()

    with pytest.raises(DomainError) as refused:
        service.update_profile(actor=profile.user, profile=profile, data=DATA | {"time_zone": zone})

    assert (refused.value.field, refused.value.message) == ("time_zone", _message(zone))
    profile.refresh_from_db()
    assert profile.time_zone == "America/Chicago"


@pytest.mark.parametrize("zone", HALF_HOURS)
def test_the_service_keeps_a_half_hour_zone(zone):
    profile = make_coach()

    saved = service.update_profile(
        actor=profile.user, profile=profile, data=DATA | {"time_zone": zone}
    )

    assert saved.time_zone == zone


@pytest.mark.parametrize("zone", ["Asia/Kathmandu", "Australia/Eucla"])
def test_the_form_refuses_a_zone_off_the_grid_beside_the_field(zone):
    data = {"headline": "Crisis communications", "time_zone": zone, "accepting_engagements": "on"}

    form = CoachProfileForm(data, {}, profile=make_coach())

    assert form.errors == {"time_zone": [_message(zone)]}


def test_a_first_profile_of_a_coach_living_in_kathmandu_starts_on_chicago_time():
    coach = CoachFactory(full_name="Asha Shrestha", time_zone="Asia/Kathmandu")

    profile = service.own_profile(actor=coach)

    assert profile.time_zone == "America/Chicago"
