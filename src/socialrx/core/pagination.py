"""One paginator for every list page: page size, out-of-range pages and query strings."""

from django.core.paginator import Page, Paginator

DEFAULT_PAGE_SIZE = 25


def paginate(request, queryset, per_page: int = DEFAULT_PAGE_SIZE) -> Page:
    """The requested page; a missing, malformed or out-of-range number gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
