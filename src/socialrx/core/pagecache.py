"""A full-page cache for anonymous visitors, keyed by the version of the data a page shows.

An app applies it to a public view in its own urls.py, with the function that says which
version of its data the page shows:

    path("registry/", visitor_page_cache(public.search_page, version=freshness.page_version))

`version(request, *args, **kwargs)` returns a short string (or None: this request is not
cached). The app moves the version when its data changes, so a changed page is simply never
read again (the stale entry expires on its own): nothing has to know which keys to delete.

Who is served from the cache: GET and HEAD requests that carry neither the session cookie nor
the messages cookie (nor an Authorization header). Without a session there is no signed-in
person and no pending message, and telling so costs no query; anyone else gets the view.

What is stored: a 200 to such a request that is not streamed, not too large, sets no cookie,
added no message, left the session unchanged, says nothing against caching (Cache-Control
private, no-cache or no-store), and did not put a CSRF token in the page: a token is one
visitor's (Django's `get_token` flags the request when a template asks for one), so such a
page is rendered for every visitor.

Vary: pages that draw the header vary on Cookie (the session says who is signed in); the rule
above stands for it, because the session and messages cookies are the only cookies a public
page reads, and a page that read the CSRF cookie is never stored. The copy served keeps
`Vary: Cookie`, so that no shared cache downstream gives it to a signed-in person. Any other
header the view varies on is stored with the page, and a request whose value differs gets the
view (whose answer then replaces the stored one).

The key holds the release (a digest of the project's files, so a deploy never serves a page
drawn by the previous code), the view, the version, the host and the full path with its query.
`PAGE_CACHE_SECONDS` (0 turns the cache off) bounds how long an entry lives.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils.cache import cc_delim_re, patch_vary_headers

# Pages bigger than this (a large CSV export) are not worth the cache's memory.
MAX_STORED_BYTES = 2 * 1024 * 1024
KEY_PREFIX = "pagecache"
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}

VersionFunction = Callable[..., "str | int | None"]


def visitor_page_cache(view=None, *, version: VersionFunction):
    """Serve `view`'s page to anonymous visitors from the cache while `version` is unchanged.
    Usable as `visitor_page_cache(view, version=...)` or as a decorator."""
    if view is None:
        return functools.partial(visitor_page_cache, version=version)

    name = f"{view.__module__}.{view.__qualname__}"

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = settings.PAGE_CACHE_SECONDS
        if timeout <= 0 or not may_be_served_from_cache(request):
            return view(request, *args, **kwargs)
        page_version = version(request, *args, **kwargs)
        if page_version is None:
            return view(request, *args, **kwargs)
        key = page_key(name, page_version, request)
        entry = cache.get(key)
        if entry is not None and _same_variant(entry["vary"], request):
            return _served(entry["response"])
        response = view(request, *args, **kwargs)
        if request.method == "GET" and may_store(request, response):
            vary = _vary_values(response, request)
            cache.set(key, {"vary": vary, "response": response}, timeout)
            patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper


def unchanging(request, *args, **kwargs) -> str:
    """The version of a page that shows no data (the home page): only the code changes it,
    and the key's release already holds that."""
    return "static"


def may_be_served_from_cache(request) -> bool:
    """An anonymous visitor with nothing of their own to show, known without a query."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def may_store(request, response) -> bool:
    """The page is the same for every anonymous visitor (see the module's docstring)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > MAX_STORED_BYTES:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds this visitor's CSRF token
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "added_new", False):
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & UNCACHEABLE_DIRECTIVES


def page_key(name: str, page_version, request) -> str:
    where = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"{KEY_PREFIX}:{release()}:{name}:{page_version}:{where}"


@functools.cache
def release() -> str:
    """A digest of the project's files (code, templates, static files and their manifest):
    what a deploy changes. Computed once per process."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


def _varied_headers(response) -> list[str]:
    if not response.has_header("Vary"):
        return []
    headers = [h.strip() for h in cc_delim_re.split(response["Vary"]) if h.strip()]
    return [h for h in headers if h.lower() != "cookie"]


def _meta_name(header: str) -> str:
    name = header.upper().replace("-", "_")
    return name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{name}"


def _vary_values(response, request) -> dict[str, str | None]:
    return {h: request.META.get(_meta_name(h)) for h in _varied_headers(response)}


def _same_variant(stored: dict[str, str | None], request) -> bool:
    return all(request.META.get(_meta_name(h)) == value for h, value in stored.items())


def _served(response):
    """The stored page (a fresh copy: the cache unpickles one per read), marked as varying on
    Cookie because a signed-in person is given another page."""
    patch_vary_headers(response, ("Cookie",))
    return response
