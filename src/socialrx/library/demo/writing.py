"""The center's own library in the demo: the lead's texts (content_*.py) written by center
staff through the authoring services, so every resource gets its rendered body, search text
and, for templates and checklists, the versions its `history` lists; its files through the
files service (the text printed to PDF, or generated audio); the podcast's episodes through
the episode service; the center's news through the news service.

A resource is made only when no resource has its slug, a news post only when none has its
slug: a second run makes nothing. Rows the services date "now" are then moved to the day the
demo gives them: publications spread over the last six months (the podcast weekly, its first
episode with the launch news), versions between publication and last week."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.demo import inside_the_demo as inside
from socialrx.taxonomy.models import Platform, Topic

from ..models import Audience, NewsPost, Resource, ResourceKind, ResourceVersion
from ..services import authoring, files, news, podcast
from ..services.authoring import ResourceData
from .content_case_studies import NEWS
from .content_guides import GUIDES
from .content_media import EPISODES, MEDIA
from .content_templates import CHECKLISTS, TEMPLATES
from .media_files import audio_for, audio_note, pdf_of
from .spec import R

CENTER = GUIDES + TEMPLATES + CHECKLISTS + MEDIA
# The oldest center resource was published this many days ago, the newest NEWEST days ago.
OLDEST, NEWEST = 180, 4
# The podcast: one episode a week, the first with the launch news (30 days ago).
FIRST_EPISODE_DAYS_AGO, EPISODE_EVERY_DAYS = 30, 7
FINAL_NOTE = "Revised and reviewed by the center."


class Vocabulary:
    """Topics, platforms and audiences by slug or code (three queries, once)."""

    def __init__(self):
        self.topics = {t.slug: t for t in Topic.objects.all()}
        self.platforms = {p.code: p for p in Platform.objects.all()}
        self.audiences = {a.slug: a for a in Audience.objects.all()}

    def data(self, spec: R, *, body: str, minutes: int | None) -> ResourceData:
        return ResourceData(
            title=spec.title,
            kind=spec.kind,
            summary=spec.summary,
            body=body,
            slug=spec.slug,
            access=spec.access,
            minutes=minutes,
            topics=[self.topics[slug] for slug in spec.topics],
            platforms=[self.platforms[code] for code in spec.platforms],
            audiences=[self.audiences[slug] for slug in spec.audiences],
        )


def publication_days_ago(index: int) -> int:
    """The center's resources published over six months, kinds mixed (a stride through the
    list), the newest a few days ago."""
    count = len(CENTER)
    position = (index * 7) % count
    return OLDEST - round(position * (OLDEST - NEWEST) / (count - 1))


def seed_center_resources(staff, vocabulary: Vocabulary) -> list[Resource]:
    """The center's resources and episodes (made when missing), in the content's order."""
    today = center_today()
    existing = {r.slug: r for r in Resource.objects.filter(slug__in=_slugs())}
    made = []
    for index, spec in enumerate(CENTER):
        day = today - timedelta(days=publication_days_ago(index))
        made.append(existing.get(spec.slug) or _write(staff, vocabulary, spec, day))
    for season, number, spec in EPISODES:
        if spec.slug in existing:
            made.append(existing[spec.slug])
            continue
        days_ago = FIRST_EPISODE_DAYS_AGO - (number - 1) * EPISODE_EVERY_DAYS
        resource = _write(staff, vocabulary, spec, today - timedelta(days=days_ago))
        audio = resource.files.get()
        inside(podcast.save_episode)(
            actor=staff,
            resource=resource,
            season=season,
            number=number,
            explicit=False,
            audio_id=audio.pk,
        )
        made.append(resource)
    return made


def _slugs() -> list[str]:
    return [spec.slug for spec in CENTER] + [spec.slug for _, _, spec in EPISODES]


def _write(staff, vocabulary: Vocabulary, spec: R, day: date) -> Resource:
    body, minutes = spec.body, spec.minutes
    if spec.attachment == "audio":
        body = f"{body}\n\n*{audio_note()}*"
        if spec.kind == ResourceKind.PODCAST_EPISODE:
            minutes = None  # the listening time comes from the generated audio's length
    history = list(spec.history)
    first_body, first_note = history.pop(0) if history else (body, "")
    resource = authoring.create_resource(
        actor=staff, data=vocabulary.data(spec, body=first_body, minutes=minutes)
    )
    authoring.publish(actor=staff, resource=resource, change_note=first_note)
    for earlier_body, note in history:
        resource = authoring.update_resource(
            actor=staff,
            resource=resource,
            data=vocabulary.data(spec, body=earlier_body, minutes=minutes),
            change_note=note,
        )
    if first_body != body and (not history or history[-1][0] != body):
        resource = authoring.update_resource(
            actor=staff,
            resource=resource,
            data=vocabulary.data(spec, body=body, minutes=minutes),
            change_note=FINAL_NOTE,
        )
    _attach(staff, resource, spec)
    _date(resource, day)
    resource.refresh_from_db()
    return resource


def _attach(staff, resource: Resource, spec: R) -> None:
    if spec.attachment == "pdf":
        content = pdf_of(resource.title, resource.summary, resource.body_html)
        upload = SimpleUploadedFile(f"{spec.slug}.pdf", content, "application/pdf")
    elif spec.attachment == "audio":
        audio = audio_for(f"{spec.title}. {spec.summary}")
        upload = SimpleUploadedFile(f"{spec.slug}.wav", audio.content, "audio/wav")
    else:
        return
    files.add_file(user=staff, resource=resource, uploaded=upload)


def _date(resource: Resource, day: date) -> None:
    """Published (and reviewed) on `day`; a template's versions spread from `day` to a week
    ago, the last one its review."""
    versions = list(resource.versions.order_by("number"))
    reviewed = day
    if len(versions) > 1:
        last = center_today() - timedelta(days=7)
        step = max((last - day).days // (len(versions) - 1), 1)
        for position, version in enumerate(versions):
            reviewed = min(day + timedelta(days=step * position), last)
            ResourceVersion.objects.filter(pk=version.pk).update(created_at=_noon(reviewed))
    elif versions:
        ResourceVersion.objects.filter(pk=versions[0].pk).update(created_at=_noon(day))
    Resource.objects.filter(pk=resource.pk).update(
        published_on=day, reviewed_on=reviewed, is_generated=True
    )


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def seed_news(staff) -> list[NewsPost]:
    """The center's news posts, published on the days the content gives."""
    existing = {p.slug: p for p in NewsPost.objects.filter(slug__in=[n[0] for n in NEWS])}
    posts = []
    for slug, title, summary, body, days_ago in NEWS:
        post = existing.get(slug)
        if post is None:
            post = inside(news.save_post)(
                actor=staff,
                post=None,
                data={"slug": slug, "title": title, "summary": summary, "body": body},
                action=news.PUBLISH,
            )
            published = _noon(center_today() - timedelta(days=days_ago))
            NewsPost.objects.filter(pk=post.pk).update(published_at=published, is_generated=True)
            post.refresh_from_db()
        posts.append(post)
    return posts


__all__ = ["CENTER", "Vocabulary", "seed_center_resources", "seed_news"]
