"""The daily reminder of overdue action items (run by the task
`coaching.remind_overdue_action_items`).

An open item is overdue the day after its due date (the center's calendar). Each day, every
person with overdue items gets one email listing them all, grouped by engagement: an item's
owner, or, for an item nobody owns (or whose owner left: no longer active, nor holding a seat in
the organization, nor coaching the engagement), its organization's admins. An item is
reminded of at most once a day: it is claimed by setting `reminded_on` to today with a guarded
update, so a second run the same day (or two runs at once) sends nothing more. Ticking the item
off stops its reminders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from socialrx.core.calendar import center_today
from socialrx.core.email import queue_templated_email

from .links import absolute_page
from .models import ActionItem
from .recipients import Recipient, org_admins_by_organization, still_readers

TEMPLATE = "coaching/email/action_items_overdue"


@dataclass
class OverdueGroup:
    """One engagement's overdue items in a person's reminder."""

    engagement: object
    url: str
    items: list = field(default_factory=list)


def _not_yet_reminded(today: date) -> Q:
    return Q(reminded_on__isnull=True) | Q(reminded_on__lt=today)


def _claim(item: ActionItem, today: date) -> bool:
    """Mark the item reminded today, unless another run already did (the update's count says
    which run won the row)."""
    claimed = ActionItem.objects.filter(
        _not_yet_reminded(today), pk=item.pk, done_at__isnull=True
    ).update(reminded_on=today)
    return claimed == 1


def _recipients(
    item: ActionItem, admins: dict[int, list[Recipient]], readers: set[tuple[int, int]]
) -> list[Recipient]:
    owner = item.owner
    if owner is not None and (owner.pk, item.engagement_id) in readers:
        return [Recipient(owner.pk, owner.email, owner.full_name)]
    return admins.get(item.engagement.organization_id, [])


def remind_overdue(today: date | None = None) -> int:
    """Email today's reminders of overdue open items; the number of emails sent."""
    today = today or center_today()
    with transaction.atomic():
        candidates = list(
            ActionItem.objects.filter(
                _not_yet_reminded(today), done_at__isnull=True, due_on__lt=today
            )
            .select_related("engagement__organization", "owner")
            .order_by("engagement_id", "due_on", "pk")
        )
        items = [item for item in candidates if _claim(item, today)]
        if not items:
            return 0
        # Three queries for the run, whatever the number of items: the admins, and whether
        # each owner still holds a seat in the organization or coaches the engagement.
        admins = org_admins_by_organization({item.engagement.organization_id for item in items})
        readers = still_readers((item.owner, item.engagement) for item in items)
        letters: dict[int, dict] = {}
        for item in items:
            item.days_overdue = (today - item.due_on).days
            for pk, email, full_name in _recipients(item, admins, readers):
                letter = letters.setdefault(
                    pk, {"email": email, "name": full_name, "groups": {}, "count": 0}
                )
                group = letter["groups"].get(item.engagement_id)
                if group is None:
                    group = letter["groups"][item.engagement_id] = OverdueGroup(
                        engagement=item.engagement,
                        url=absolute_page("coaching:engagement", item.engagement.public_id),
                    )
                group.items.append(item)
                letter["count"] += 1
        for letter in letters.values():
            queue_templated_email(
                to=[letter["email"]],
                template=TEMPLATE,
                context={
                    "name": letter["name"],
                    "groups": list(letter["groups"].values()),
                    "count": letter["count"],
                    "today": today,
                    "site_url": settings.SITE_URL,
                },
            )
    return len(letters)
