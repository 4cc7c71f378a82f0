"""The versions of a policy template or checklist, and what changed between two of them. For
the people who may read the resource; anyone else gets a 404."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialrx.core.errors import NotFound

from ..selectors import versions as selectors


@require_GET
def versions(request, slug):
    resource = selectors.readable_resource(request.user, slug)
    history = selectors.versions_of(resource)
    context = {"resource": resource, "versions": history}
    return render(request, "library/versions/list.html", context)


def _wanted(request, name: str, default: int | None) -> int | None:
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    number = selectors.version_number(value)
    if number is None:
        raise NotFound(f"“{value[:20]}” is not a version number.")
    return number


@require_GET
def version_compare(request, slug):
    resource = selectors.readable_resource(request.user, slug)
    history = selectors.versions_of(resource)
    context = {"resource": resource, "versions": history}
    try:
        newest = history[0].number if history else None
        first = _wanted(request, "from", newest - 1 if newest and newest > 1 else newest)
        second = _wanted(request, "to", newest)
        context |= {"first": first, "second": second}
        if first is None or second is None:
            context["message"] = "This resource has no versions to compare yet."
        elif first == second:
            selectors.compare(history, first, second)  # an unknown number is still a 404
            context["message"] = "Choose two different versions to see what changed."
        else:
            context["comparison"] = selectors.compare(history, first, second)
    except NotFound as error:  # the resource is readable: say which number is wrong
        context["error"] = error.message
        return render(request, "library/versions/compare.html", context, status=404)
    return render(request, "library/versions/compare.html", context)
