"""Moderation pages: a member flags a post; moderators (`community.moderate`) work the queue of
flagged posts, act on one post (hide, unhide, edit with a note, dismiss its flags) or one
thread (lock, pin, hide, move), and suspend members from posting.

A post the person may not read is "not found"; flagging one's own post, or flagging as a
guest, is refused (403) with why; flagging twice says so and writes nothing. Staff pages answer
403 to everyone else, and a refused action is shown on its page with its status (400, 409)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.permissions import allowed, require

from ..forms_moderation import (
    FlagForm,
    HidePostForm,
    HideThreadForm,
    ModeratorEditForm,
    MoveThreadForm,
    SuspendForm,
)
from ..links import post_path, thread_path
from ..selectors import moderation as selectors
from ..selectors.forums import post_for_author
from ..services import moderation as services
from ..services import suspensions as suspension_services
from ..services import thread_moderation as thread_services

QUEUE_PER_PAGE = 20


# --- flagging (members) -----------------------------------------------------------------------


def _flag_refused(request, post, message: str, status: int):
    context = {"post": post, "message": message, "back_url": post_path(post)}
    return render(request, "community/moderation/flag_refused.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def flag(request, pk: int):
    post = post_for_author(request.user, pk)
    if post.author_id == request.user.pk:
        return _flag_refused(request, post, services.OwnPost().message, 403)
    if not allowed(request.user, "community.flag_post", post):
        return _flag_refused(request, post, "Only members of the network flag posts.", 403)
    if selectors.has_flagged(request.user, post):
        messages.info(request, services.AlreadyFlagged().message)
        return redirect(post_path(post))
    form = FlagForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_post(
                actor=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                detail=form.cleaned_data["detail"],
            )
        except services.AlreadyFlagged as already:
            messages.info(request, already.message)
            return redirect(post_path(post))
        except DomainError as refusal:
            if refusal.field is None:
                return _flag_refused(request, post, refusal.message, refusal.status_code)
            add_error_to_form(form, refusal)
        else:
            messages.success(request, "Thank you: a moderator will look at this post.")
            return redirect(post_path(post))
    context = {"post": post, "form": form, "back_url": post_path(post)}
    status = 400 if form.is_bound else 200
    return render(request, "community/moderation/flag.html", context, status=status)


# --- the queue and one post (moderators) ------------------------------------------------------


@login_required
def staff_queue(request):
    require(request.user, "community.moderate")
    page = paginate(request, selectors.flag_queue(), QUEUE_PER_PAGE)
    for post in page:
        post.url = post_path(post)
    return render(request, "community/moderation/queue.html", {"page": page})


POST_ACTIONS = ("hide", "unhide", "edit", "dismiss")


@login_required
@require_http_methods(["GET", "POST"])
def staff_post(request, pk: int):
    require(request.user, "community.moderate")
    post = selectors.post_for_moderation(pk)
    action = request.POST.get("action") if request.method == "POST" else None
    hide_form = HidePostForm(request.POST if action == "hide" else None)
    edit_form = ModeratorEditForm(
        request.POST if action == "edit" else None,
        initial={"body": post.body, "moderator_note": post.moderator_note},
    )
    status, refusal = 200, ""
    if request.method == "POST":
        done, status, refusal = _act_on_post(request, post, action, hide_form, edit_form)
        if done:
            messages.success(request, done)
            return redirect("community:staff_post", pk=post.pk)
    context = {
        "post": post,
        "post_url": post_path(post),
        "hide_form": hide_form,
        "edit_form": edit_form,
        "open_flags": [f for f in post.all_flags if f.outcome == "open"],
        "refusal": refusal,
    }
    return render(request, "community/moderation/post.html", context, status=status)


def _act_on_post(request, post, action, hide_form, edit_form) -> tuple[str, int, str]:
    """(success message, status, refusal) of one action on the post."""
    actor = request.user
    try:
        if action == "hide":
            if not hide_form.is_valid():
                return "", 400, ""
            services.hide_post(actor=actor, post=post, reason=hide_form.cleaned_data["reason"])
            return "The post is hidden; its flags are resolved.", 302, ""
        if action == "unhide":
            services.unhide_post(actor=actor, post=post)
            return "The post is shown again.", 302, ""
        if action == "edit":
            if not edit_form.is_valid():
                return "", 400, ""
            services.edit_post(
                actor=actor,
                post=post,
                body=edit_form.cleaned_data["body"],
                note=edit_form.cleaned_data["moderator_note"],
            )
            return "The post is edited, with your note under it.", 302, ""
        if action == "dismiss":
            count = services.dismiss_flags(actor=actor, post=post)
            return f"{count} flag{'s' if count != 1 else ''} dismissed.", 302, ""
    except DomainError as error:
        form = {"hide": hide_form, "edit": edit_form}.get(action)
        if form is not None and error.field in form.fields:
            add_error_to_form(form, error)
            return "", 400, ""
        return "", error.status_code, error.message
    return "", 400, "Choose an action."


# --- one thread (moderators) ------------------------------------------------------------------

THREAD_SWITCHES = {
    "lock": (thread_services.lock_thread, "The thread is locked."),
    "unlock": (thread_services.unlock_thread, "The thread is unlocked."),
    "pin": (thread_services.pin_thread, "The thread is pinned."),
    "unpin": (thread_services.unpin_thread, "The thread is no longer pinned."),
    "unhide": (thread_services.unhide_thread, "The thread is shown again."),
}


@login_required
@require_http_methods(["GET", "POST"])
def staff_thread(request, public_id):
    require(request.user, "community.moderate")
    thread = selectors.thread_for_moderation(public_id)
    action = request.POST.get("action") if request.method == "POST" else None
    hide_form = HideThreadForm(request.POST if action == "hide" else None)
    move_form = MoveThreadForm(request.POST if action == "move" else None, thread=thread)
    status, refusal = 200, ""
    if request.method == "POST":
        done, status, refusal = _act_on_thread(request, thread, action, hide_form, move_form)
        if done:
            messages.success(request, done)
            return redirect("community:staff_thread", public_id=thread.public_id)
    context = {
        "thread": thread,
        "thread_url": thread_path(thread),
        "hide_form": hide_form,
        "move_form": move_form,
        "refusal": refusal,
    }
    return render(request, "community/moderation/thread.html", context, status=status)


def _act_on_thread(request, thread, action, hide_form, move_form) -> tuple[str, int, str]:
    actor = request.user
    try:
        if action in THREAD_SWITCHES:
            service, done = THREAD_SWITCHES[action]
            service(actor=actor, thread=thread)
            return done, 302, ""
        if action == "hide":
            if not hide_form.is_valid():
                return "", 400, ""
            thread_services.hide_thread(
                actor=actor, thread=thread, reason=hide_form.cleaned_data["reason"]
            )
            return "The thread is hidden: only moderators see it.", 302, ""
        if action == "move":
            if not move_form.is_valid():
                return "", 400, ""
            target = move_form.cleaned_data["category"]
            thread_services.move_thread(actor=actor, thread=thread, category=target)
            return f"The thread is now in {target.name}.", 302, ""
    except DomainError as error:
        form = {"hide": hide_form, "move": move_form}.get(action)
        if form is not None and error.field in form.fields:
            add_error_to_form(form, error)
            return "", 400, ""
        return "", error.status_code, error.message
    return "", 400, "Choose an action."


# --- suspensions (moderators) -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_suspensions(request):
    require(request.user, "community.moderate")
    query = request.GET.get("q", "")
    initial = {"email": request.GET.get("email", "")}
    form = SuspendForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        person = selectors.person_by_email(values["email"])
        if person is None:
            form.add_error("email", "No person has this email address.")
        else:
            try:
                suspension_services.suspend(
                    actor=request.user,
                    person=person,
                    reason=values["reason"],
                    until=values["until"],
                )
            except DomainError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, f"{person.display_name} is suspended from posting.")
                return redirect("community:staff_suspensions")
    context = {
        "form": form,
        "suspensions": selectors.suspensions(),
        "query": query,
        "people": selectors.people_matching(query),
    }
    status = 400 if form.is_bound else 200
    return render(request, "community/moderation/suspensions.html", context, status=status)


@login_required
@require_POST
def staff_suspension_lift(request, pk: int):
    require(request.user, "community.moderate")
    suspension = selectors.suspension(pk)
    try:
        suspension_services.lift(actor=request.user, suspension=suspension)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{suspension.user.display_name} may post again.")
    return redirect("community:staff_suspensions")
