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
    # The library's monthly digest of the month just ended: due at 09:00 on the 1st, center
    # time (14:00 or 15:00 UTC with daylight saving); the task checks the center's clock and
    # sends once, so hourly runs through the first days catch up a missed one.
    "library-send-monthly-digest": {
        "task": "socialrx.library.tasks.send_monthly_digest",
        "schedule": crontab(minute=20, day_of_month="1-7"),
    },
    # The forums' daily digest at 07:00 center time (America/Chicago): asked at 12:00 and
    # 13:00 UTC, the task sends only from the run where the center's clock shows 7 (CDT or
    # CST), and a second run the same day sends nothing more.
    "community-daily-digests": {
        "task": "socialrx.community.tasks.send_daily_digests",
        "schedule": crontab(hour="12,13", minute=0),
        "kwargs": {"at_center_hour": 7},
    },
}
