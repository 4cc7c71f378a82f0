"""The library over the API: searching the published resources the reader may open.

Mounted under /api/v1/library (menus.py). Anyone may call it: without credentials it answers
with public resources; with a browser session or a personal API token, with every resource the
person's member organizations open (member, and premium when their plan includes it). A token
that is given but unknown is refused (401), so a script learns its token is wrong instead of
quietly seeing less."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import AuthenticationError, HttpError

from socialrx.accounts.middleware import user_has_mfa
from socialrx.accounts.services import user_for_api_token
from socialrx.core.api_errors import documented
from socialrx.core.errors import DomainError

from .api_schemas import EpisodeOut, ResourcePageOut, SearchIn
from .selectors import catalog, podcast, search
from .selectors.files import file_url
from .selectors.highlight import snippet
from .selectors.search_params import read_params

PAGE_SIZE = 25


class ReaderAuth:
    """A bearer token when one is given, else the browser session, else a visitor."""

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            return request.user if request.user.is_authenticated else "visitor"
        scheme, _, raw = header.partition(" ")
        user = user_for_api_token(raw.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError()
        if user.has_center_role and not user_has_mfa(user):
            # The same rule as the browser: a center role needs MFA before any access.
            raise HttpError(403, "Two-factor authentication must be set up for this account.")
        request.user = user
        return user


router = Router(auth=[ReaderAuth()])

REASONS = {
    400: "A facet value or an order the library does not use; `detail` names it.",
    401: "A bearer token was given but is not a valid personal API token.",
}


def _terms(items, key: str) -> list[dict]:
    return [{"value": getattr(item, key), "name": item.name} for item in items]


def _item(resource, words: tuple[str, ...]) -> dict:
    return {
        "slug": resource.slug,
        "title": resource.title,
        "kind": resource.kind,
        "kind_label": resource.get_kind_display(),
        "access": resource.access,
        "summary": resource.summary,
        "snippet_html": str(snippet(resource.summary, resource.body_html, words, may_open=True)),
        "minutes": resource.minutes,
        "published_on": resource.published_on,
        "reviewed_on": resource.reviewed_on,
        "topics": _terms(resource.topics.all(), "slug"),
        "platforms": _terms(resource.platforms.all(), "code"),
        "audiences": _terms(resource.audiences.all(), "slug"),
        "contributed_by": getattr(resource.contributed_by_organization, "name", None),
        "url": reverse("library:resource", args=[resource.slug]),
    }


@router.get(
    "/resources",
    **documented(ResourcePageOut, 400, 401, 403, 422, reasons=REASONS),
    summary="Search the resources I may open (public ones without credentials)",
)
def resources(request, params: Query[SearchIn]):
    words = search.vocabulary()
    data = {
        "q": [params.q],
        "kind": params.kind,
        "topic": params.topic,
        "platform": params.platform,
        "audience": params.audience,
        "sort": [params.sort],
    }
    wanted = read_params(data, words.labels)
    if wanted.refused:
        raise DomainError(wanted.refused[0], code="unknown_value")
    tiers = catalog.tiers_of(request.user)
    found = (
        search.search(wanted, words, tiers=tiers)
        .prefetch_related("platforms", "audiences")
        .select_related("contributed_by_organization")
    )
    shown = Paginator(found, PAGE_SIZE).get_page(params.page)
    return {
        "count": shown.paginator.count,
        "page": shown.number,
        "pages": shown.paginator.num_pages,
        "query": wanted.query,
        "sort": wanted.sort,
        "notices": list(wanted.notices),
        "results": [_item(resource, wanted.words) for resource in shown.object_list],
    }


@router.get(
    "/podcast/episodes",
    **documented(list[EpisodeOut], 401, 403),
    summary="The podcast's episodes I may listen to, newest first (public ones without "
    "credentials)",
)
def podcast_episodes(request):
    return [
        {
            "season": episode.season,
            "number": episode.number,
            "title": episode.resource.title,
            "summary": episode.resource.summary,
            "published_on": episode.resource.published_on,
            "duration_seconds": episode.duration_seconds,
            "explicit": episode.explicit,
            "access": episode.resource.access,
            "guid": episode.guid,
            "url": reverse("library:resource", args=[episode.resource.slug]),
            "audio_url": file_url(episode.audio),
            "audio_type": episode.audio.content_type,
            "audio_bytes": episode.audio.size_bytes,
        }
        for episode in podcast.show_episodes(request.user)
    ]
