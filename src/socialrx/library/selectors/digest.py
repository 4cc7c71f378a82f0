"""What the monthly digest holds and who receives it.

The digest of a month covers [its first day, the next month's first day) on the center's
clock. Its sections come from every app that offers some through `core.related` (the
library's "New in the library", training's courses, events, the forums' highlights), plus
the center's news posts of the month. Every link is absolute: it is read in a mail program.
Its readers are the active people of member organizations who have not left the list."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.core import mailing
from socialrx.core.calendar import center_today
from socialrx.core.related import DigestSection, digest_sections
from socialrx.membership.selectors import people_of_member_organizations

from ..models import DigestIssue
from ..site_links import absolute, absolute_page
from .news import posts_between

STREAM = "library.digest"
TEMPLATE = "library/email/digest"
# The day and hour (center time) a month's digest goes out, and the last day of the next
# month the daily task still sends a missed one (later, staff send it from their page).
SEND_DAY, SEND_HOUR, LAST_CATCH_UP_DAY = 1, 9, 7
ITEMS_PER_SECTION = 8


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def previous_month(day: date) -> date:
    return first_of_month(first_of_month(day) - timedelta(days=1))


def next_month(month: date) -> date:
    return first_of_month(first_of_month(month) + timedelta(days=32))


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month's first and the next month's first midnight, on the center's clock."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(first_of_month(month), time.min, tzinfo=zone)
    return start, datetime.combine(next_month(month), time.min, tzinfo=zone)


def due_month(now: datetime) -> date | None:
    """The month whose digest the scheduled task sends at `now`: the previous month, from
    09:00 on the 1st (center time) until the 7th; None outside that window."""
    local = timezone.localtime(now, timezone.get_default_timezone())
    if (local.day == SEND_DAY and local.hour < SEND_HOUR) or local.day > LAST_CATCH_UP_DAY:
        return None
    return previous_month(local.date())


@dataclass(frozen=True)
class NewsItem:
    title: str
    summary: str
    url: str
    when: datetime


@dataclass(frozen=True)
class DigestContent:
    month: date
    sections: tuple[DigestSection, ...]
    news: tuple[NewsItem, ...]

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.news

    def summary(self) -> dict:
        """What it listed, for staff's list of issues ({"New courses": 3, "News": 2})."""
        counts = {section.title: len(section.items) for section in self.sections}
        if self.news:
            counts["News from the center"] = len(self.news)
        return counts

    def context(self) -> dict:
        start, _ = month_bounds(self.month)
        return {
            "month": self.month,
            "month_label": f"{start:%B %Y}",
            "sections": self.sections,
            "news": self.news,
            "site_url": absolute("/"),
            "news_url": absolute_page("library:news"),
            "podcast_url": absolute_page("library:podcast"),
        }


def _with_absolute_links(section: DigestSection) -> DigestSection:
    items = tuple(dataclasses.replace(item, url=absolute(item.url)) for item in section.items)
    return dataclasses.replace(section, items=items)


def digest_content(month: date) -> DigestContent:
    """The month's sections and news (a fixed number of queries, whatever the month held)."""
    since, until = month_bounds(month)
    sections = tuple(
        _with_absolute_links(section)
        for section in digest_sections(since, until, limit=ITEMS_PER_SECTION)
    )
    news = tuple(
        NewsItem(
            title=post.title,
            summary=post.summary,
            url=absolute_page("library:news_post", post.slug),
            when=post.published_at,
        )
        for post in posts_between(since, until)
    )
    return DigestContent(month=first_of_month(month), sections=sections, news=news)


def recipients(today: date | None = None) -> list:
    """The people the digest goes to, each once: active people of member organizations with
    an address, less those who left the list. Two queries whatever their number."""
    people = list(
        people_of_member_organizations(today or center_today())
        .exclude(email="")
        .only("pk", "email", "full_name", "is_active")
        .order_by("pk")
    )
    staying = mailing.subscribed_user_ids([person.pk for person in people], STREAM)
    return [person for person in people if person.pk in staying]


def issues(limit: int = 24) -> list[DigestIssue]:
    return list(DigestIssue.objects.order_by("-month")[:limit])


def issue_of(month: date) -> DigestIssue | None:
    return DigestIssue.objects.filter(month=first_of_month(month)).first()


def next_digest(today: date | None = None) -> tuple[date, bool]:
    """(the month the staff page previews, whether it may be sent now): the month just ended
    while its digest is unsent; once it is sent, the month running (not sendable yet)."""
    today = today or center_today()
    ended = previous_month(today)
    issue = issue_of(ended)
    if issue is None or issue.sent_at is None:
        return ended, True
    return first_of_month(today), False
