"""Every figure of an executive brief, each with its source and date, as the brief keeps them.

`figures_for` reads them all for an organization on a day and returns plain JSON (the same
dict, dates as ISO text, whether just drawn or read back years later):

- "organization": who the brief is for;
- "peers": peers' adoption from the registry's statistics (brief_registry.peer_adoption);
- "presence": the organization's own listing and accounts (brief_registry.own_presence);
- "experience": its HCAHPS rates beside its state's and the nation's (brief_experience; for a
  hospital CMS has no results for, why, and its state's and the nation's as the reference);
- "safeguards": the policy adopted (brief_plan), people trained and the checker in use
  (brief_safeguards);
- "plan": the latest assessment's maturity, scores, recommendations and staffing (brief_plan).

Each section says where its figures came from ("source") and as of when ("as_of" or
periods); a section without figures says why, so the brief states it plainly."""

from __future__ import annotations

import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from socialrx.organizations.models import Organization

from .brief_experience import hcahps_beside_state_and_nation
from .brief_plan import assessment_plan, policy_adopted
from .brief_registry import listing_of, own_presence, peer_adoption
from .brief_safeguards import checker_in_use, people_trained


def figures_for(organization: Organization, *, today: date) -> dict:
    listing, claimed = listing_of(organization)
    figures = {
        "organization": {
            "name": organization.name,
            "type": organization.get_org_type_display(),
            "location": organization.location,
            "size": organization.size_summary,
            "public_id": str(organization.public_id),
            "profile_url": reverse("organizations:detail", args=[organization.public_id]),
        },
        "drawn_on": today,
        "peers": peer_adoption(organization, listing, as_of=today),
        "presence": own_presence(listing, claimed),
        "experience": hcahps_beside_state_and_nation(listing, organization),
        "safeguards": {
            "policy": policy_adopted(organization),
            "training": people_trained(organization, today=today),
            "checker": checker_in_use(organization, today=today),
        },
        "plan": assessment_plan(organization),
    }
    # As the brief keeps them: what is shown now is what is shown when it is read back.
    return json.loads(json.dumps(figures, cls=DjangoJSONEncoder))
