"""Every route the project serves, found by walking the URL resolver.

A route is identified by its URL name (with namespace), or by its pattern when it has no name.
Routes served by django-ninja are expanded into one identifier per operation and HTTP method
(``"GET /api/v1/organizations/<public_id>/people"``), so that a new method on an existing API
path needs its own row too.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    identifier: str
    pattern: str  # the full pattern, e.g. "organizations/<uuid:public_id>/people/"
    name: str | None  # with namespace, e.g. "organizations:people"
    methods: tuple[str, ...] = ()  # only for API operations
    # The Django view behind the pattern (for the API, ninja's view of the whole path).
    callback: Callable | None = field(default=None, compare=False, repr=False)


CONVERTER = re.compile(r"<[^:<>]+:([^<>]+)>")


def _ninja_path_view(callback):
    """The django-ninja PathView behind an API URL pattern's view, if it is one."""
    try:
        closure = inspect.getclosurevars(callback).nonlocals
    except TypeError:  # functools.partial and other non-functions
        return None
    path_view = closure.get("self")
    if path_view is not None and hasattr(path_view, "operations"):
        return path_view
    return None


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            path_view = _ninja_path_view(entry.callback)
            if path_view is not None:
                # As the OpenAPI document names it: a path converter ("<certificate_code:code>")
                # is documented as a plain parameter ("{code}").
                documented = CONVERTER.sub(r"<\1>", pattern)
                for operation in path_view.operations:
                    for method in operation.methods:
                        yield Route(
                            f"{method} /{documented}", pattern, name, (method,), entry.callback
                        )
            else:
                yield Route(name or pattern, pattern, name, callback=entry.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def api_operations():
    """Every django-ninja Operation mounted in the URLconf (each router, however nested)."""
    seen = set()
    for route in all_routes():
        path_view = _ninja_path_view(route.callback) if route.methods else None
        if path_view is not None and id(path_view) not in seen:
            seen.add(id(path_view))
            yield from path_view.operations


def api_operations_from_schema(api) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation in the API's OpenAPI document, with ``{param}`` path
    parameters rewritten to ``<param>`` so they compare with resolver patterns."""
    operations = set()
    for path, item in api.get_openapi_schema()["paths"].items():
        django_path = path.replace("{", "<").replace("}", ">")
        for method in item:
            operations.add((method.upper(), django_path))
    return operations
