"""The forums' pages: the index, a category, a new thread, a thread with its reply form, a
post's permalink and edit page, accepting an answer, following. Members read everything, a
signed-in guest the categories open to guests, a visitor is sent to sign in; what a person may
not read is "not found". Every write goes through `services.forums` or `services.follows`; a
refusal is shown on the page it came from, with its status (400 bad input, 403 suspended,
409 locked)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import querystring_without_page
from socialrx.core.permissions import allowed, require
from socialrx.membership.selectors import may_read_member_content

from ..forms_forums import AcceptForm, EditPostForm, FollowForm, NewThreadForm, ReplyForm
from ..selectors import forum_search
from ..selectors import forums as selectors
from ..selectors.suspensions import is_suspended
from ..services import follows
from ..services import forums as services
from ..services.forums import Suspended, suspension_message


def _refused(request, message: str, *, status: int, back_url: str, back_label: str):
    context = {"message": message, "back_url": back_url, "back_label": back_label}
    return render(request, "community/forums/refused.html", context, status=status)


def thread_url(thread, number: int | None = None) -> str:
    """The thread's page showing post #`number` (the first page without one)."""
    url = reverse("community:thread", args=[thread.public_id])
    if number is None:
        return url
    page = selectors.page_of(number)
    return f"{url}?page={page}#post-{number}" if page > 1 else f"{url}#post-{number}"


@login_required
@require_GET
def home(request):
    require(request.user, "community.read")
    index = selectors.forum_index(request.user)
    context = {"index": index, "is_member": may_read_member_content(request.user)}
    return render(request, "community/forums/home.html", context)


@login_required
@require_GET
def category(request, slug):
    found = selectors.category_for(request.user, slug)
    context = {
        "category": found,
        "page": selectors.category_threads(request.user, found, request.GET.get("page")),
        "may_post": allowed(request.user, "community.post", found),
        "may_follow": allowed(request.user, "community.follow", found),
    }
    return render(request, "community/forums/category.html", context)


@login_required
@require_POST
def follow_category(request, slug):
    found = selectors.category_for(request.user, slug)
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to follow the category or to stop following it.")
    elif form.cleaned_data["follow"]:
        follows.follow_category(actor=request.user, category=found)
        messages.success(request, f"You follow {found.name}: you will hear of new threads.")
    else:
        follows.unfollow_category(actor=request.user, category=found)
        messages.success(request, f"You no longer follow {found.name}.")
    return redirect("community:category", slug=found.slug)


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request, slug):
    found = selectors.category_for(request.user, slug)
    back = reverse("community:category", args=[found.slug])
    try:
        services.check_may_post(request.user, found)
    except Suspended as error:
        return _refused(request, error.message, status=403, back_url=back, back_label=found.name)
    form = NewThreadForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            thread = services.start_thread(
                actor=request.user,
                category=found,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, "Your thread is posted.")
            return redirect(thread_url(thread))
    status = 400 if form.is_bound else 200
    context = {"category": found, "form": form}
    return render(request, "community/forums/new_thread.html", context, status=status)


# --- a thread -------------------------------------------------------------------------------


def _with_actions(viewer, thread, posts, *, is_moderator: bool) -> None:
    """Set on each post what the viewer may do with it (no query: the rules read what the
    page loaded)."""
    editable = not thread.is_locked or is_moderator
    may_accept = thread.kind == "question" and allowed(viewer, "community.accept_answer", thread)
    for post in posts:
        post.may_edit = (
            editable
            and (is_moderator or not post.moderator_note)  # a moderator's edit: theirs now
            and allowed(viewer, "community.edit_post", post)
        )
        post.may_flag = not post.is_hidden and allowed(viewer, "community.flag_post", post)
        post.may_accept = may_accept and post.number > 1 and not post.is_hidden
        post.is_accepted = post.pk == thread.accepted_post_id


def _thread_page(request, thread, *, form=None, page_number=None, refusal="", status=200):
    viewer = request.user
    reading = selectors.thread_page(viewer, thread, page_number or request.GET.get("page"))
    is_moderator = selectors.may_moderate(viewer)
    shown = [*reading.posts, *([reading.accepted] if reading.accepted else [])]
    _with_actions(viewer, thread, shown, is_moderator=is_moderator)
    may_reply = allowed(viewer, "community.post", thread) and (not thread.is_locked or is_moderator)
    suspended = is_suspended(viewer) and not is_moderator
    if form is None and may_reply:
        quoted = selectors.quotable_post(thread, request.GET.get("quote"))
        initial = {}
        if quoted is not None:
            quote_lines = "\n".join(f"> {line}".rstrip() for line in quoted.body.splitlines())
            initial = {"body": quote_lines + "\n\n", "quote": quoted.number}
        form = ReplyForm(initial=initial)
    context = {
        "thread": thread,
        "category": thread.category,
        "reading": reading,
        "page": reading.page,
        "form": form,
        "may_reply": may_reply,
        "suspension": suspension_message(viewer) if suspended else "",
        "refusal": refusal,
        "is_moderator": is_moderator,
        "may_follow": allowed(viewer, "community.follow", thread),
    }
    response = render(request, "community/forums/thread.html", context, status=status)
    if status == 200:
        services.record_reading(reader=viewer, thread=thread, up_to=reading.last_shown)
    return response


@login_required
@require_GET
def thread(request, public_id):
    return _thread_page(request, selectors.thread_for(request.user, public_id))


@login_required
@require_POST
def reply(request, public_id):
    found = selectors.thread_for(request.user, public_id)
    form = ReplyForm(request.POST)
    last_page = selectors.page_of(found.last_post_number)
    if not form.is_valid():
        return _thread_page(request, found, form=form, page_number=last_page, status=400)
    try:
        post = services.reply(
            actor=request.user,
            thread=found,
            body=form.cleaned_data["body"],
            quoted_number=form.cleaned_data["quote"],
        )
    except DomainError as error:
        if error.field is None:  # locked, suspended: no form to fix
            return _thread_page(
                request,
                found,
                page_number=last_page,
                refusal=error.message,
                status=error.status_code,
            )
        add_error_to_form(form, error)
        return _thread_page(
            request, found, form=form, page_number=last_page, status=error.status_code
        )
    messages.success(request, "Your reply is posted.")
    return redirect(thread_url(found, post.number))


@login_required
@require_GET
def post_link(request, pk):
    """A post's permanent address: its thread's page that shows it."""
    post = selectors.post_for(request.user, pk)
    return redirect(thread_url(post.thread, post.number))


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, pk):
    post = selectors.post_for_author(request.user, pk)
    back = thread_url(post.thread, post.number)
    if not allowed(request.user, "community.edit_post", post):
        if is_suspended(request.user):
            message = suspension_message(request.user)
            return _refused(request, message, status=403, back_url=back, back_label="the thread")
        raise PermissionDenied("Only the post's author edits it.")
    if refusal := services.moderated_refusal(request.user, post):
        return _refused(request, refusal, status=409, back_url=back, back_label="the thread")
    data = request.POST if request.method == "POST" else None  # an empty POST is still a POST
    form = EditPostForm(data, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(actor=request.user, post=post, body=form.cleaned_data["body"])
        except DomainError as error:
            if error.field is None:
                return _refused(
                    request,
                    error.message,
                    status=error.status_code,
                    back_url=back,
                    back_label="the thread",
                )
            add_error_to_form(form, error)
        else:
            messages.success(request, "Your post is updated.")
            return redirect(back)
    status = 400 if form.is_bound else 200
    context = {"post": post, "thread": post.thread, "form": form, "back_url": back}
    return render(request, "community/forums/edit_post.html", context, status=status)


@login_required
@require_POST
def accept_answer(request, public_id):
    found = selectors.thread_for(request.user, public_id)
    require(request.user, "community.accept_answer", found)
    form = AcceptForm(request.POST)
    post = None
    if form.is_valid():
        post = selectors.reply_of(found, form.cleaned_data["post"])
    if post is None:
        messages.error(request, "Choose one of the replies to accept.")
        return redirect(thread_url(found))
    try:
        if form.cleaned_data["accept"]:
            services.accept_answer(actor=request.user, thread=found, post=post)
            messages.success(request, f"Reply #{post.number} is the accepted answer.")
        else:
            services.unaccept_answer(actor=request.user, thread=found)
            messages.success(request, "The question has no accepted answer now.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(thread_url(found, post.number))


@login_required
@require_POST
def follow_thread(request, public_id):
    found = selectors.thread_for(request.user, public_id)
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to follow the thread or to stop following it.")
    elif form.cleaned_data["follow"]:
        follows.follow_thread(actor=request.user, thread=found)
        messages.success(request, "You follow this thread: you will hear of replies.")
    else:
        follows.unfollow_thread(actor=request.user, thread=found)
        messages.success(request, "You no longer follow this thread.")
    return redirect(thread_url(found))


@login_required
@require_GET
def search(request):
    query = forum_search.parse_query(request.GET.get("q"))
    context = {
        "query": query,
        "page": forum_search.search_posts(request.user, query, request.GET.get("page")),
        "querystring": querystring_without_page(request),
    }
    return render(request, "community/forums/search.html", context)
