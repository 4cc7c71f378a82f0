"""Action items: adding one later (owner of the organization or the coach, due from today to a
year out), ticking it off and reopening it (who did it, when, audited), and who may."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.coaching.models import ActionItem
from socialrx.coaching.services.records import (
    NewActionItem,
    add_action_item,
    set_action_item_done,
)
from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from tests.coaching.factories import (
    make_action_item,
    make_coach,
    make_engagement,
    make_session,
    member_org,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def world():
    organization, admin, member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Dana Whitfield").user
    engagement = make_engagement(organization, [coach])
    return organization, admin, member, coach, engagement


def _audits() -> list[tuple[str, dict, dict]]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", "before", "after"))


def test_the_coach_adds_an_item_owned_by_someone_of_the_organization(world):
    _, _, member, coach, engagement = world
    due = center_today() + timedelta(days=10)

    item = add_action_item(
        actor=coach,
        engagement=engagement,
        draft=NewActionItem(title="  Draft the moderation policy  ", owner=member, due_on=due),
    )

    assert (item.title, item.owner, item.due_on, item.created_by, item.session) == (
        "Draft the moderation policy",
        member,
        due,
        coach,
        None,
    )
    assert _audits()[0][0] == "coaching.action_item.added"


def test_the_coach_may_own_an_item(world):
    _, _, _, coach, engagement = world

    item = add_action_item(
        actor=coach,
        engagement=engagement,
        draft=NewActionItem(title="Send the examples", owner=coach, due_on=center_today()),
    )

    assert item.owner == coach


def test_an_owner_of_another_organization_is_refused(world):
    _, _, _, coach, engagement = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")

    with pytest.raises(DomainError) as refusal:
        add_action_item(
            actor=coach,
            engagement=engagement,
            draft=NewActionItem(title="X", owner=other_admin, due_on=center_today()),
        )

    assert (refusal.value.field, refusal.value.message) == (
        "owner",
        "Choose someone of Riverside Medical Center or the coach.",
    )
    assert not ActionItem.objects.exists()


def test_a_past_due_date_is_refused(world):
    _, _, member, coach, engagement = world

    with pytest.raises(DomainError) as refusal:
        add_action_item(
            actor=coach,
            engagement=engagement,
            draft=NewActionItem(title="X", owner=member, due_on=center_today() - timedelta(days=1)),
        )

    assert refusal.value.field == "due_on"
    assert not ActionItem.objects.exists()


def test_a_session_of_another_engagement_is_refused(world):
    organization, _, member, coach, engagement = world
    other = make_engagement(organization, [coach], title="Crisis readiness")
    session = make_session(other, booked_by=member)

    with pytest.raises(DomainError) as refusal:
        add_action_item(
            actor=coach,
            engagement=engagement,
            draft=NewActionItem(title="X", owner=member, due_on=center_today()),
            session=session,
        )

    assert refusal.value.field == "session"


def test_the_organizations_people_may_not_add_items(world):
    _, admin, member, _, engagement = world
    draft = NewActionItem(title="X", owner=member, due_on=center_today())

    for person in (admin, member):
        with pytest.raises(PermissionDenied):
            add_action_item(actor=person, engagement=engagement, draft=draft)


def test_a_member_ticks_an_item_off_and_reopens_it(world):
    _, _, member, _, engagement = world
    item = make_action_item(engagement, owner=member)

    ticked = set_action_item_done(actor=member, item=item, done=True)
    assert (ticked.done_by, ticked.done_at is not None) == (member, True)

    reopened = set_action_item_done(actor=member, item=item, done=False)
    assert (reopened.done_by, reopened.done_at) == (None, None)

    assert _audits() == [
        ("coaching.action_item.done", {"done": False}, {"done": True}),
        ("coaching.action_item.reopened", {"done": True}, {"done": False}),
    ]


def test_toggling_without_a_wanted_state_flips_it(world):
    _, admin, _, coach, engagement = world
    item = make_action_item(engagement)

    assert set_action_item_done(actor=admin, item=item).done_by == admin
    assert set_action_item_done(actor=coach, item=item).done_at is None


def test_asking_for_the_state_it_has_changes_nothing(world):
    _, _, member, _, engagement = world
    item = make_action_item(engagement)
    set_action_item_done(actor=member, item=item, done=True)

    again = set_action_item_done(actor=member, item=item, done=True)

    assert again.done_by == member
    assert [action for action, _, _ in _audits()] == ["coaching.action_item.done"]


def test_someone_of_another_organization_may_not_tick(world, researcher):
    _, _, _, _, engagement = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    other_coach = make_coach().user
    item = make_action_item(engagement)

    for outsider in (other_admin, other_coach, researcher):
        with pytest.raises(PermissionDenied):
            set_action_item_done(actor=outsider, item=item, done=True)
    item.refresh_from_db()
    assert item.done_at is None


def test_staff_tick_items_off(world, staff):
    _, _, _, _, engagement = world
    item = make_action_item(engagement)

    assert set_action_item_done(actor=staff, item=item, done=True).done_by == staff
