"""The audiences the library starts with (staff add more in the admin); the data migration
loads these, and tests that empty the database call `load` again."""

AUDIENCES: tuple[tuple[str, str], ...] = (
    ("communications", "Communication and marketing teams"),
    ("physicians", "Physicians and clinicians"),
    ("nurses", "Nurses"),
    ("leadership", "Executives and leadership"),
    ("legal-compliance", "Legal and compliance"),
    ("it-security", "IT and information security"),
    ("practice-managers", "Practice managers"),
    ("human-resources", "Human resources and recruiters"),
)


def load(audience_model) -> None:
    for position, (slug, name) in enumerate(AUDIENCES, start=1):
        audience_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
