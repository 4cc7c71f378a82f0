"""The periodic tasks Celery beat runs (read by settings as CELERY_BEAT_SCHEDULE): kept apart
from the settings so each app's schedule reads as one list."""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    "membership-daily-renewals": {
        "task": "socialrx.membership.tasks.run_daily_renewals",
        # 06:05 UTC: just after midnight in the center's zone (America/Chicago) in winter and
        # summer alike, once per calendar day; a fixed 24-hour interval drifts across the
        # daylight-saving changes. The run catches up on any day it missed.
        "schedule": crontab(hour=6, minute=5),
    },
    "billing-release-expired-holds": {
        "task": "socialrx.billing.tasks.release_expired_holds",
        "schedule": crontab(minute="*/5"),
    },
    # Today's adoption figures are keyed by date: computing them just after the day turns keeps
    # the first visitor of a new day from waiting for a live computation.
    "registry-refresh-statistics": {
        "task": "socialrx.registry.tasks.refresh_statistics",
        "schedule": crontab(hour=6, minute=7),
    },
    # Boot camps: seats held for a checkout that never happened come back, a waitlist offer
    # that ran out passes to the next person, and attendees are reminded 7 days and 1 day ahead.
    "training-release-expired-bookings": {
        "task": "socialrx.training.tasks.release_expired_bookings",
        "schedule": crontab(minute="*/5"),
    },
    "training-expire-waitlist-offers": {
        "task": "socialrx.training.tasks.expire_waitlist_offers",
        "schedule": crontab(minute="*/10"),
    },
    "training-boot-camp-reminders": {
        "task": "socialrx.training.tasks.send_boot_camp_reminders",
        "schedule": crontab(minute=15),
    },
    # Events: places held for an order never checked out come back (and go to the waitlist),
    # and a waitlist offer that ran out passes to the next person.
    "events-release-expired-orders": {
        "task": "socialrx.events.tasks.release_expired_orders",
        "schedule": crontab(minute="*/5"),
    },
    "events-expire-waitlist-offers": {
        "task": "socialrx.events.tasks.expire_waitlist_offers",
        "schedule": crontab(minute="*/10"),
    },
    # One email a day per person with overdue coaching action items (idempotent per day).
    "coaching-remind-overdue-action-items": {
        "task": "socialrx.coaching.tasks.remind_overdue_action_items",
        "schedule": crontab(hour=8, minute=10),
    },
}
