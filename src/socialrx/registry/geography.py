"""Where an entity is: US states and territories, and the Census Bureau's four regions, which
the published adoption studies report by (Griffis et al. 2014 compare Northeast, Midwest,
South and West)."""

from __future__ import annotations

from django.db import models

from socialrx.organizations.models import US_STATES

STATE_NAMES = dict(US_STATES)


class Region(models.TextChoices):
    NORTHEAST = "northeast", "Northeast"
    MIDWEST = "midwest", "Midwest"
    SOUTH = "south", "South"
    WEST = "west", "West"
    TERRITORIES = "territories", "US territories"
    OUTSIDE_US = "outside_us", "Outside the US"


# The Census Bureau's regions (census.gov, "Census Regions and Divisions of the United States").
_REGION_STATES = {
    Region.NORTHEAST: "CT ME MA NH RI VT NJ NY PA",
    Region.MIDWEST: "IL IN MI OH WI IA KS MN MO NE ND SD",
    Region.SOUTH: "DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX",
    Region.WEST: "AZ CO ID MT NV NM UT WY AK CA HI OR WA",
    Region.TERRITORIES: "PR GU VI AS MP",
}
STATE_REGION = {
    state: region for region, states in _REGION_STATES.items() for state in states.split()
}


def region_of(state: str, country: str = "US") -> str:
    """The census region of a US state or territory; "" when the state is unknown."""
    if country and country.upper() != "US":
        return Region.OUTSIDE_US
    return STATE_REGION.get((state or "").upper(), "")


def state_name(code: str) -> str:
    return STATE_NAMES.get(code, code)
