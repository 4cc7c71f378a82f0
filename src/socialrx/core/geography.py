"""Where a place is in the US: states and territories, and the Census Bureau's four regions,
which the published adoption studies report by (Griffis et al. 2014 compare Northeast,
Midwest, South and West)."""

from __future__ import annotations

from django.db import models

# The states, the District of Columbia and the inhabited territories, by USPS code.
US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
    ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"), ("PR", "Puerto Rico"), ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"), ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"),
]  # fmt: skip

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
