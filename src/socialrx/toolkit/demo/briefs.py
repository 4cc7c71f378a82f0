"""Riverside's executive brief, drawn by its admin through the service (audited) after the
assessment, the policy and the saved checks it cites were seeded. Drawn once: a second run
finds it and makes nothing.

Riverside's registry listing is generated for the demo and left unclaimed (so the claim journey
can be tried): the brief reads it by the CMS certification number on Riverside's profile, says
it is not claimed, and marks its generated accounts as demo data; CMS publishes no HCAHPS for
its fictional number, which the brief says plainly.

Reads: "demo_hospital", "demo_hospital_admin"."""

from __future__ import annotations

from django.urls import reverse

from socialrx.core.demo import DemoContext

from ..models import ExecutiveBrief
from ..services.briefs import draw_brief


def seed(context: DemoContext) -> tuple[list[str], dict[str, int]]:
    hospital = context.get("demo_hospital")
    brief = ExecutiveBrief.objects.filter(organization=hospital).order_by("-drawn_at").first()
    made = 0
    if brief is None:
        brief = draw_brief(actor=context.get("demo_hospital_admin"), organization=hospital)
        made = 1
    lines = [
        f"Executive brief {reverse('toolkit:brief', args=[brief.public_id])}: {hospital.name}, "
        f"drawn {brief.drawn_at:%b %-d, %Y} (PDF "
        f"{reverse('toolkit:brief_pdf', args=[brief.public_id])})"
    ]
    return lines, {"executive briefs": made}
