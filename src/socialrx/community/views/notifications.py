"""A person's forum notifications: the list (newest first, unread in bold), opening one (it is
read, and the post opens), "Mark all read", and the settings page (how notifications are
emailed, following on reply, and what the person follows, each with its unfollow button).

Signed-in people only (visitors are sent to sign in); someone else's notification is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.permissions import allowed, require

from ..forms_notifications import PreferenceForm
from ..links import post_path, thread_path
from ..selectors import notifications as selectors
from ..services import follows
from ..services import notifications as services

PER_PAGE = 25


@login_required
def notifications(request):
    require(request.user, "community.read")
    page = paginate(request, selectors.inbox(request.user), PER_PAGE)
    return render(
        request,
        "community/notifications/list.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def notifications_read_all(request):
    count = services.mark_all_read(actor=request.user)
    if count:
        messages.success(
            request, f"{count} notification{'s' if count != 1 else ''} marked as read."
        )
    return redirect("community:notifications")


@login_required
def notification_open(request, pk: int):
    """Read it, then go to the post (or the thread); a thread the person may no longer read
    leaves them on their notifications with why."""
    notification = services.mark_read(actor=request.user, notification_id=pk)
    if not allowed(request.user, "community.read_thread", notification.thread):
        messages.info(request, "That thread is no longer open to you.")
        return redirect("community:notifications")
    post = notification.post
    if post is not None and (not post.is_hidden or allowed(request.user, "community.moderate")):
        return redirect(post_path(post))
    return redirect(thread_path(notification.thread))


@login_required
@require_http_methods(["GET", "POST"])
def settings(request):
    require(request.user, "community.read")
    preference = selectors.preference_of(request.user)
    initial = {
        "email_mode": preference.email_mode,
        "follow_on_reply": preference.follow_on_reply,
    }
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preference(
                actor=request.user,
                email_mode=form.cleaned_data["email_mode"],
                follow_on_reply=form.cleaned_data["follow_on_reply"],
            )
        except DomainError as refusal:
            add_error_to_form(form, refusal)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect("community:settings")
    followed = selectors.followed(request.user)
    return render(
        request,
        "community/notifications/settings.html",
        {
            "form": form,
            "followed_threads": followed.threads,
            "followed_categories": followed.categories,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def unfollow(request, pk: int):
    """Stop following one of the threads or categories listed on the settings page (even one
    the person may no longer open)."""
    follow = selectors.own_follow(request.user, pk)
    if follow.thread is not None:
        follows.unfollow_thread(actor=request.user, thread=follow.thread)
        messages.success(request, f"You no longer follow “{follow.thread.title}”.")
    else:
        follows.unfollow_category(actor=request.user, category=follow.category)
        messages.success(request, f"You no longer follow {follow.category.name}.")
    return redirect("community:settings")
