"""SocialRx: the platform of a center for social media in health care."""

from .celery import app as celery_app

__all__ = ["celery_app"]
