"""Celery application. Without REDIS_URL tasks run inline (eager), so a trial needs no broker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")

app = Celery("socialrx")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
