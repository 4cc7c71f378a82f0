"""What the notification and moderation tests share: a small forum world (people of two member
organizations, a person whose organization is not a member, a moderator) and following."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.community.models import EmailMode, Follow, NotificationPreference, ThreadKind
from tests.community.factories import make_category, make_thread, member_org
from tests.factories import SeatFactory, StaffFactory, give_mfa, org_with_admin


@dataclass
class Forum:
    asker: object  # admin of Riverside, starts the thread
    alice: object  # member of Riverside
    bob: object  # member of Riverside
    carol: object  # member of Lakeside
    outsider: object  # person of an organization that is not a member
    moderator: object
    riverside: object
    category: object
    thread: object


def person(organization, full_name: str):
    return SeatFactory(organization=organization, user__full_name=full_name).user


def make_forum() -> Forum:
    riverside, asker, alice = member_org("Riverside Medical Center")
    asker.full_name, alice.full_name = "Rita Asker", "Alice Moreno"
    asker.save(update_fields=["full_name"])
    alice.save(update_fields=["full_name"])
    bob = person(riverside, "Bob Lindqvist")
    lakeside, _, carol = member_org("Lakeside Family Physicians")
    carol.full_name = "Carol Nguyen"
    carol.save(update_fields=["full_name"])
    not_member, _ = org_with_admin(name="Hillcrest Clinic")
    outsider = person(not_member, "Oscar Outside")
    moderator = StaffFactory(full_name="Mona Moderator")
    give_mfa(moderator)  # center staff pass the second-factor gate
    category = make_category(name="Reputation and reviews", slug="reputation")
    thread = make_thread(
        category=category,
        author=asker,
        title="Answering a review that names a nurse",
        kind=ThreadKind.QUESTION,
        body="A patient named one of our nurses in a one-star review. How do you answer?",
    )
    return Forum(asker, alice, bob, carol, outsider, moderator, riverside, category, thread)


def follow(user, *, thread=None, category=None) -> Follow:
    return Follow.objects.create(user=user, thread=thread, category=category)


def prefer(user, mode: str, *, follow_on_reply: bool = True) -> None:
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_mode": mode, "follow_on_reply": follow_on_reply}
    )


__all__ = ["EmailMode", "Forum", "follow", "make_forum", "person", "prefer"]
