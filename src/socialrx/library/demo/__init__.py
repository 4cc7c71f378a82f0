"""Demo data of the library, run by `socialrx seed-demo` after coaching (demo_order 80).
Idempotent: each resource, news post, contribution and history is made only when missing.

- The center's library (`writing.py`): the lead's 36 texts (content_*.py) written by Dana
  Whitfield (center staff) through the authoring services: 10 guides, 6 policy templates and
  6 checklists (with the versions their history lists), 2 videos, 3 webinar recordings,
  4 slide decks and the Rounds podcast's 5 episodes, published over the last six months;
  their files printed to PDF or generated as audio (`media_files.py`).
- Members' contributions (`contributed.py`): 4 case studies of the demo organizations,
  approved and published with credit; Emily Sorensen's checklist waiting for review; James
  Okafor's guide sent back with changes requested.
- The center's 5 news posts; 60 days of views and downloads; James Okafor's reading history
  and last visit (`usage.py`).

Every resource and news post is marked generated (the pages say it was written for the demo).

Reads: "center_staff", the demo organizations and their admins, "demo_physician", and Emily
Sorensen by her demo address. Puts: "demo_resource" (the social media policy template)."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.urls import reverse

from socialrx.accounts.demo import demo_user
from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.organizations.demo import RIVERSIDE_NURSE

from ..models import (
    CaseStudy,
    DailyUse,
    LibraryVisit,
    NewsPost,
    PodcastEpisode,
    ReaderHistory,
    Resource,
    ResourceFile,
    ResourceKind,
    ResourceReview,
    ResourceStatus,
    ResourceVersion,
)
from .contributed import seed_case_studies, seed_open_contributions
from .usage import seed_daily_uses, seed_reader_history
from .writing import Vocabulary, seed_center_resources, seed_news

__all__ = ["seed", "seed_library_demo"]

ORGANIZATIONS = ("demo_hospital", "demo_health_system", "demo_practice")
PLURALS = {
    ResourceKind.GUIDE: "guides",
    ResourceKind.POLICY_TEMPLATE: "policy templates",
    ResourceKind.CHECKLIST: "checklists",
    ResourceKind.CASE_STUDY: "case studies",
    ResourceKind.VIDEO: "videos",
    ResourceKind.PODCAST_EPISODE: "podcast episodes",
    ResourceKind.WEBINAR_RECORDING: "webinar recordings",
    ResourceKind.SLIDE_DECK: "slide decks",
}


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        resources=Resource,
        **{
            "resource files": ResourceFile,
            "resource versions": ResourceVersion,
            "podcast episodes": PodcastEpisode,
            "case studies": CaseStudy,
            "contribution reviews": ResourceReview,
            "news posts": NewsPost,
            "daily uses": DailyUse,
            "reading histories": ReaderHistory,
            "library visits": LibraryVisit,
        },
    )
    published, open_contributions, posts = seed_library_demo(context)
    context.put("demo_resource", Resource.objects.get(slug="social-media-policy-template"))
    return DemoReport(
        title="Library",
        lines=report_lines(published, open_contributions, posts),
        made=tally.made(),
    )


def cast_of(context: DemoContext) -> dict:
    cast = {name: context.get(name) for name in ORGANIZATIONS}
    cast.update({f"{name}_admin": context.get(f"{name}_admin") for name in ORGANIZATIONS})
    cast.update(
        hospital=cast["demo_hospital"],
        physician=context.get("demo_physician"),
        nurse=demo_user(RIVERSIDE_NURSE),
    )
    return cast


@transaction.atomic
def seed_library_demo(context: DemoContext):
    staff = context.get("center_staff")
    cast = cast_of(context)
    vocabulary = Vocabulary()
    center = seed_center_resources(staff, vocabulary)
    studies = seed_case_studies(cast, staff, vocabulary)
    open_contributions = seed_open_contributions(cast, staff, vocabulary)
    posts = seed_news(staff)
    published = [r for r in center + studies if r.status == ResourceStatus.PUBLISHED]
    seed_daily_uses(published)
    seed_reader_history(cast["physician"])
    return published, open_contributions, posts


def report_lines(published: list[Resource], open_contributions, posts) -> list[str]:
    kinds = Counter(resource.kind for resource in published)
    access = Counter(resource.access for resource in published)
    listed = ", ".join(
        f"{kinds[kind]} {PLURALS[kind] if kinds[kind] != 1 else label.lower()}"
        for kind, label in ResourceKind.choices
        if kinds[kind]
    )
    lines = [
        f"Library {reverse('library:home')}: {len(published)} resources published ({listed}); "
        f"{access['public']} public, {access['member']} for members, "
        f"{access['premium']} premium",
        f"Podcast {reverse('library:podcast')} and its feed {reverse('library:podcast_feed')}: "
        f"{kinds[ResourceKind.PODCAST_EPISODE]} episodes with generated audio",
        "Template versions to compare: "
        + reverse("library:versions", args=["social-media-policy-template"]),
    ]
    for resource in open_contributions:
        lines.append(
            f"Contribution “{resource.title}” by {resource.author.full_name}: "
            f"{resource.get_status_display().lower()} "
            f"{reverse('library:staff_review', args=[resource.public_id])}"
        )
    lines.append(f"News {reverse('library:news')}: {len(posts)} posts")
    return lines
