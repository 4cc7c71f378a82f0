"""Checks Riverside (the demo hospital) saved to its history: a patient's story caught before
posting, a physician's advice post without its disclaimer, a public answer with a patient's
details, and a clean event post. Saved through the service (checked by the real detector,
audited); each draft is saved once, so a second run makes nothing.

Reads: "demo_hospital", "demo_hospital_admin", "demo_physician"."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from socialrx.core.demo import DemoContext

from ..models import SavedCheck
from ..services.checks import save_check

# (who saved it: "admin" or "physician", days ago, draft, image description)
DRAFTS = (
    (
        "admin",
        12,
        "What a day! Our patient Olivia Martinez went home yesterday after 41 days in our "
        "NICU, discharged on May 2 from room 3114. Thank you to every nurse on 3 West!",
        "Olivia's parents holding her at the NICU door, her face and wristband visible",
    ),
    (
        "physician",
        9,
        "Heart health tip: if your blood pressure is over 140 at home, you should stop "
        "taking ibuprofen and double the dose of your blood pressure pills.",
        "",
    ),
    (
        "admin",
        5,
        "@dan_k We're so sorry about the wait on Tuesday. Your MRI results are in and your "
        "appointment with Dr. Okafor is moved to Friday at 2 pm.",
        "",
    ),
    (
        "admin",
        2,
        "Free blood pressure screenings at the Riverside Community Health Fair, Saturday "
        "9 am to noon in the main lobby. Bring a friend!",
        "A nurse taking a volunteer's blood pressure, seen from behind",
    ),
)


def seed(context: DemoContext) -> tuple[list[str], dict[str, int]]:
    hospital = context.get("demo_hospital")
    people = {
        "admin": context.get("demo_hospital_admin"),
        "physician": context.get("demo_physician"),
    }
    kept = set(SavedCheck.objects.filter(organization=hospital).values_list("draft", flat=True))
    now = timezone.now()
    made = 0
    for who, days_ago, draft, image_description in DRAFTS:
        if draft in kept:
            continue
        saved = save_check(
            actor=people[who],
            organization=hospital,
            text=draft,
            image_description=image_description,
        )
        # Spread over the past weeks, as a history is (the service stamps the present).
        SavedCheck.objects.filter(pk=saved.pk).update(saved_at=now - timedelta(days=days_ago))
        made += 1
    total = SavedCheck.objects.filter(organization=hospital).count()
    history = reverse("toolkit:check_history", args=[hospital.public_id])
    lines = [
        f"Post safety check {reverse('toolkit:check')}: {hospital.name} has {total} saved "
        f"checks in its history ({history})"
    ]
    return lines, {"saved checks": made}
