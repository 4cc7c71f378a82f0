"""What moderators read: the queue of flagged posts (grouped by post, the oldest waiting
first, with who flagged and why), one post or thread with its history of flags, suspensions
in force and past, the people a moderator looks up by email, and the staff dashboard's "Flags
waiting". Each read takes a fixed number of queries whatever the number of flags."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Prefetch, Q, QuerySet

from socialrx.core.errors import NotFound

from ..models import Category, Flag, FlagOutcome, Post, Suspension, Thread
from .suspensions import in_force

OPEN = Q(flags__outcome=FlagOutcome.OPEN)
PAST_SUSPENSIONS = 50
PEOPLE_FOUND = 10


def moderator_emails() -> list[str]:
    """Every active center staff member's address, sorted (one query)."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    return sorted(set(staff.values_list("email", flat=True)))


def flag_queue() -> QuerySet[Post]:
    """Posts with open flags, the one flagged longest ago first; each with `open_flags` (its
    open flags with their flaggers), `first_flagged_at` and `open_flag_count`. A page of it
    takes three queries (the count, the posts, their flags)."""
    open_flags = Flag.objects.filter(outcome=FlagOutcome.OPEN).select_related("flagged_by")
    return (
        Post.objects.filter(pk__in=open_flags.values("post_id"))
        .annotate(
            first_flagged_at=Min("flags__created_at", filter=OPEN),
            open_flag_count=Count("flags", filter=OPEN),
        )
        .select_related("thread__category", "author")
        .prefetch_related(
            Prefetch(
                "flags", queryset=open_flags.order_by("created_at", "pk"), to_attr="open_flags"
            )
        )
        .order_by("first_flagged_at", "pk")
    )


def post_for_moderation(pk: int) -> Post:
    """The post with its thread, category and author, and `all_flags` (open ones first, then
    resolved, each with who flagged and who resolved): two queries."""
    flags = Flag.objects.select_related("flagged_by", "resolved_by").order_by(
        "-outcome", "created_at", "pk"
    )
    post = (
        Post.objects.filter(pk=pk)
        .select_related("thread__category", "author")
        .prefetch_related(Prefetch("flags", queryset=flags, to_attr="all_flags"))
        .first()
    )
    if post is None:
        raise NotFound("No such post.")
    post.all_flags.sort(key=lambda flag: (flag.outcome != FlagOutcome.OPEN, flag.created_at))
    return post


def thread_for_moderation(public_id) -> Thread:
    try:
        public_id = UUID(str(public_id))
    except ValueError:
        raise NotFound("No such thread.") from None
    thread = Thread.objects.filter(public_id=public_id).select_related("category", "author").first()
    if thread is None:
        raise NotFound("No such thread.")
    return thread


def has_flagged(user, post: Post) -> bool:
    """Whether `user` flagged `post` already (one flag per person and post)."""
    return Flag.objects.filter(post=post, flagged_by=user).exists()


def thread_opening(thread: Thread) -> Post | None:
    return Post.objects.filter(thread=thread, number=1).first()


def categories_to_move_to(thread: Thread) -> list[Category]:
    return list(Category.objects.exclude(pk=thread.category_id).order_by("name"))


def category_named(pk) -> Category | None:
    try:
        return Category.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Suspensions:
    in_force: list[Suspension]
    past: list[Suspension]


def suspensions() -> Suspensions:
    """Suspensions in force (newest first) and the latest past ones (two queries)."""
    related = ("user", "created_by", "lifted_by")
    current = list(in_force().select_related(*related).order_by("-created_at", "-pk"))
    past = list(
        Suspension.objects.exclude(pk__in=[s.pk for s in current])
        .select_related(*related)
        .order_by("-created_at", "-pk")[:PAST_SUSPENSIONS]
    )
    return Suspensions(in_force=current, past=past)


def suspension(pk: int) -> Suspension:
    found = Suspension.objects.select_related("user").filter(pk=pk).first()
    if found is None:
        raise NotFound("No such suspension.")
    return found


def people_matching(query: str) -> list:
    """Active people whose email or name contains `query` (at least 3 characters), by email."""
    query = " ".join((query or "").split())
    if len(query) < 3:
        return []
    return list(
        get_user_model()
        .objects.filter(Q(email__icontains=query) | Q(full_name__icontains=query), is_active=True)
        .order_by("email")[:PEOPLE_FOUND]
    )


def person_by_email(email: str):
    email = (email or "").strip()
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email).first()


@dataclass(frozen=True)
class FlagsPanel:
    waiting: int
    oldest: Flag | None


def flags_panel() -> FlagsPanel:
    """The number of open flags and the oldest (with its post and thread): two queries."""
    open_flags = Flag.objects.filter(outcome=FlagOutcome.OPEN)
    return FlagsPanel(
        waiting=open_flags.count(),
        oldest=open_flags.select_related("post__thread").order_by("created_at", "pk").first(),
    )
