"""Drawing an executive brief: the figures of the day, with their sources, kept as drawn.

An org admin of a member organization (or center staff, helping it) draws one; the figures are
read first (the registry's statistics may take a moment on a cold cache), then the brief and
its audit record are written in one transaction. At most `DRAWS_PER_HOUR` briefs an hour for
an organization: each is a page of figures a board reads, not something to draw in a loop."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.core.ratelimit import count_hit
from socialrx.organizations.models import Organization

from ..models import ExecutiveBrief
from ..models.briefs import FIGURES_LAYOUT
from ..selectors.brief_figures import figures_for

DRAWS_PER_HOUR = 10
HOUR = 60 * 60


class TooManyBriefs(DomainError):
    status_code = 429

    def __init__(self):
        super().__init__(
            f"{DRAWS_PER_HOUR} briefs were drawn for this organization in the last hour, the "
            "most we draw. The latest one has today's figures: open it, or try again in an "
            "hour.",
            code="too_many",
        )


def draw_brief(*, actor, organization: Organization) -> ExecutiveBrief:
    require(actor, "toolkit.draw_brief", organization)
    if count_hit(f"toolkit:brief:{organization.pk}", window_seconds=HOUR) > DRAWS_PER_HOUR:
        raise TooManyBriefs()
    drawn_at = timezone.now()
    figures = figures_for(organization, today=center_today())
    with transaction.atomic():
        brief = ExecutiveBrief.objects.create(
            organization=organization,
            drawn_by=actor,
            drawn_at=drawn_at,
            figures=figures,
            figures_layout=FIGURES_LAYOUT,
        )
        audit.record(
            actor=actor,
            action="toolkit.brief.drawn",
            target=brief,
            after={
                "organization": organization.name,
                "public_id": str(brief.public_id),
                "sections": sorted(figures),
            },
        )
    return brief
