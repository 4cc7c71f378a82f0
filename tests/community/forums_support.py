"""What the forums' tests share: people of each kind (members of two member organizations, a
signed-in guest), a suspension, and a recorder for the `notify` calls the services make
(what the notifications do with them is the notifications area's tests' business)."""

from __future__ import annotations

from dataclasses import dataclass, field

from socialrx.community.models import Suspension
from socialrx.community.services import notify
from tests.community.factories import member_org
from tests.factories import UserFactory


@dataclass
class People:
    member: object
    other: object  # a member of another member organization
    guest: object  # signed in, no member organization
    organization: object


def forum_people() -> People:
    organization, _admin, member = member_org("Riverside Medical Center")
    member.full_name = "Dana Whitfield"
    member.save(update_fields=["full_name"])
    _org, _admin2, other = member_org("Lakeside Family Physicians")
    other.full_name = "Marcus Oyelaran"
    other.save(update_fields=["full_name"])
    guest = UserFactory(full_name="Gail Guestly")
    return People(member=member, other=other, guest=guest, organization=organization)


def suspend(user, *, until=None, reason: str = "Posted a patient's name twice.") -> Suspension:
    return Suspension.objects.create(user=user, reason=reason, until=until)


@dataclass
class Heard:
    """The notify calls, by name, with their arguments."""

    calls: list = field(default_factory=list)

    def of(self, name: str) -> list:
        return [args for called, args in self.calls if called == name]


def listen(monkeypatch) -> Heard:
    """Record the services' notify calls instead of making them."""
    record = Heard()
    for name in ("on_new_thread", "on_reply", "on_mentions", "on_answer_accepted"):
        monkeypatch.setattr(
            notify, name, lambda *args, _name=name: record.calls.append((_name, args))
        )
    return record
