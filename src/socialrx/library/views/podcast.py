"""The podcast: the show page (subscribe, episodes with a player), the public RSS feed, and
staff's episode page (numbers, explicit flag, audio) of a podcast-episode resource."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.permissions import require

from ..feeds import duration_text, podcast_rss
from ..forms_podcast import EpisodeForm
from ..selectors import podcast as selectors
from ..services.podcast import save_episode
from ..site_links import absolute_page, file_path

EPISODES_PER_PAGE = 20
FEED_TYPE = "application/rss+xml; charset=utf-8"
# Podcast apps poll feeds often: a quarter of an hour in any cache, then a cheap revalidation.
FEED_MAX_AGE = 15 * 60


def podcast(request):
    page = paginate(request, selectors.show_episodes(request.user), EPISODES_PER_PAGE)
    page.object_list = list(page.object_list)
    for episode in page.object_list:
        episode.length = duration_text(episode.duration_seconds)
        episode.audio_url = file_path(episode.audio)
    context = {
        "page": page,
        "title": settings.LIBRARY_PODCAST_TITLE,
        "description": settings.LIBRARY_PODCAST_DESCRIPTION,
        "feed_url": absolute_page("library:podcast_feed"),
    }
    return render(request, "library/podcast/show.html", context)


def _fingerprint(request):
    if not hasattr(request, "_library_feed_fingerprint"):
        request._library_feed_fingerprint = selectors.feed_fingerprint()
    return request._library_feed_fingerprint


@condition(
    etag_func=lambda request: _fingerprint(request)[0],
    last_modified_func=lambda request: _fingerprint(request)[1],
)
def podcast_feed(request):
    xml = podcast_rss(selectors.feed_episodes(), updated=_fingerprint(request)[1])
    response = HttpResponse(xml, content_type=FEED_TYPE)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def staff_episode(request, resource_id):
    require(request.user, "library.manage")
    resource = selectors.podcast_resource_for_staff(resource_id)
    episode = getattr(resource, "episode", None)
    audio_files = list(selectors.audio_files_of(resource))
    initial = (
        {
            "season": episode.season,
            "number": episode.number,
            "explicit": episode.explicit,
            "audio": episode.audio_id,
        }
        if episode is not None
        else selectors.next_numbers()
    )
    posted = request.POST if request.method == "POST" else None
    form = EpisodeForm(posted, initial=initial, audio_files=audio_files)
    status = 400 if posted is not None else 200
    if posted is not None and form.is_valid():
        values = form.cleaned_data
        try:
            save_episode(
                actor=request.user,
                resource=resource,
                season=values["season"],
                number=values["number"],
                explicit=values["explicit"],
                audio_id=values["audio"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
            status = error.status_code
        else:
            messages.success(request, f"The episode details of “{resource.title}” were saved.")
            return redirect("library:staff_episode", resource_id=resource.public_id)
    context = {
        "resource": resource,
        "episode": episode,
        "form": form,
        "audio_files": audio_files,
        "length": duration_text(episode.duration_seconds) if episode else "",
        "listed": episode is not None and selectors.is_in_feed(resource, episode),
    }
    return render(request, "library/podcast/staff_episode.html", context, status=status)
