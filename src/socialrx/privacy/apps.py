from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Finding identifiers in free text: HIPAA Safe Harbor kinds in social media drafts and
    survey comments (detect.py), redaction and small-cell suppression (redact.py, cells.py).
    Pure functions, no models: the toolkit's post safety checker and research call them, and
    neither imports the other for it."""

    name = "socialrx.privacy"
    label = "privacy"
    verbose_name = "Privacy"
