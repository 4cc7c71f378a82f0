"""The topics the center starts with (staff add more in the admin). Kept in code so that a
fresh database, the tests and the demo all share them: the data migration loads these."""

TOPICS: tuple[tuple[str, str, str], ...] = (
    ("strategy", "Strategy and planning", "Goals, audiences, channels and an editorial plan."),
    ("policy-legal", "Policy and legal", "Social media policies, approvals, disclaimers."),
    ("hipaa-privacy", "HIPAA and privacy", "Protected health information and consent."),
    ("measurement-roi", "Measurement and ROI", "What to measure and how to report it."),
    ("crisis-response", "Crisis response", "Outages, incidents, complaints and emergencies."),
    ("recruitment", "Recruitment", "Hiring physicians, nurses and staff."),
    ("patient-education", "Patient education", "Health information patients can act on."),
    ("reputation", "Reputation and reviews", "Ratings, reviews and answering criticism."),
    ("physician-presence", "Physician presence", "Clinicians' own professional accounts."),
    ("content-production", "Content and production", "Writing, video, audio and design."),
)


def load(topic_model, platform_model) -> None:
    """Create the starting topics and every registry platform that is missing (the data
    migration passes its historical models; tests that empty the database call it again)."""
    from socialrx.core.platforms.vocabulary import Platform as PlatformCode  # noqa: PLC0415 - the migration imports this module before the app registry is ready

    for position, (slug, name, description) in enumerate(TOPICS, start=1):
        topic_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (code, name) in enumerate(PlatformCode.choices, start=1):
        platform_model.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
