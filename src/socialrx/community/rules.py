"""Who may do what in the community.

- Members (people of an organization holding benefits) read and post in every category;
  a signed-in guest reads the categories opened to guests; visitors read nothing.
- A suspended member reads but does not post; nobody but a moderator posts in a locked thread.
- The thread's author (or a moderator) accepts an answer on a question thread.
- A post's author edits it; a moderator edits any post with a visible note, hides posts,
  locks and moves threads, works the flag queue and suspends members. Moderators are center
  staff.
- The directory is for members; an org admin lists their organization."""

import rules

from socialrx.core.permissions import declare, is_center_staff, is_org_admin
from socialrx.membership.selectors import may_read_member_content

from .selectors.suspensions import is_suspended


@rules.predicate
def is_member(user) -> bool:
    return may_read_member_content(user)


def _category(thing):
    if thing is None:
        return None
    if hasattr(thing, "open_to_guests"):
        return thing
    if hasattr(thing, "category_id"):
        return thing.category
    if hasattr(thing, "thread_id"):
        return thing.thread.category
    return None


def _thread(thing):
    if thing is None:
        return None
    return thing if hasattr(thing, "accepted_post_id") else getattr(thing, "thread", None)


@rules.predicate
def guest_readable(user, thing) -> bool:
    category = _category(thing)
    return bool(category and category.open_to_guests and getattr(user, "is_authenticated", False))


@rules.predicate
def visible(user, thing) -> bool:
    """Hidden threads are for moderators only."""
    thread = _thread(thing)
    return thread is None or not thread.is_hidden


@rules.predicate
def not_suspended(user) -> bool:
    return not is_suspended(user)


@rules.predicate
def wrote_it(user, thing) -> bool:
    author_id = getattr(thing, "author_id", None)
    return author_id is not None and author_id == getattr(user, "pk", None)


@rules.predicate
def asked_it(user, thread) -> bool:
    thread = _thread(thread)
    author_id = getattr(thread, "author_id", None)
    return author_id is not None and author_id == getattr(user, "pk", None)


@rules.predicate
def admin_of(user, organization) -> bool:
    return is_org_admin(user, organization)


reads = ((is_member | guest_readable) & visible) | is_center_staff

declare(
    {
        "community.read": is_member | is_center_staff | rules.is_authenticated,
        "community.read_category": reads,
        "community.read_thread": reads,
        "community.post": ((is_member & not_suspended) | is_center_staff) & reads,
        "community.edit_post": (wrote_it & is_member & not_suspended) | is_center_staff,
        "community.accept_answer": (asked_it & is_member) | is_center_staff,
        "community.flag_post": is_member & ~wrote_it & reads,
        "community.follow": reads,
        "community.moderate": is_center_staff,
        "community.use_directory": is_member | is_center_staff,
        "community.list_organization": admin_of,
    }
)
