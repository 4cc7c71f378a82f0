"""The center's news: the public list and a post's page (a draft shows only to staff), and
staff's list, new post and edit pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.permissions import allowed, require

from ..forms_news import NewsPostForm
from ..selectors import news as selectors
from ..services import news as services

POSTS_PER_PAGE = 10
DONE = {
    services.SAVE: "The post was saved.",
    services.PUBLISH: "The post is published.",
    services.UNPUBLISH: "The post was unpublished: it is a draft again.",
}


def news(request):
    page = paginate(request, selectors.published_posts(), POSTS_PER_PAGE)
    return render(request, "library/news/list.html", {"page": page})


def news_post(request, slug):
    post = selectors.post_for(request.user, slug)
    context = {"post": post, "can_edit": allowed(request.user, "library.manage")}
    return render(request, "library/news/post.html", context)


@login_required
def staff_news(request):
    require(request.user, "library.manage")
    page = paginate(request, selectors.staff_posts())
    return render(request, "library/news/staff_list.html", {"page": page})


def _edit(request, post):
    posted = request.POST if request.method == "POST" else None
    initial = (
        {name: getattr(post, name) for name in ("title", "slug", "summary", "body")}
        if post is not None
        else {}
    )
    form = NewsPostForm(posted, initial=initial)
    status = 200
    if posted is not None:
        status = 400
        action = posted.get("action", services.SAVE)
        if form.is_valid():
            try:
                saved = services.save_post(
                    actor=request.user, post=post, data=form.cleaned_data, action=action
                )
            except DomainError as error:
                add_error_to_form(form, error)
                status = error.status_code
            else:
                messages.success(request, DONE[action])
                return redirect("library:staff_news_edit", post_id=saved.public_id)
    context = {"form": form, "post": post}
    return render(request, "library/news/staff_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_news_new(request):
    require(request.user, "library.manage")
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def staff_news_edit(request, post_id):
    require(request.user, "library.manage")
    return _edit(request, selectors.staff_post(post_id))
