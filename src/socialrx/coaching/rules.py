"""Who may do what in coaching.

- Anyone reads the coaching page and the listed coaches' profiles.
- An org admin fills the organization's needs assessment and buys more hours for its
  engagements; every person of an engaged organization reads the engagement, books, and ticks
  action items off.
- A coach reads the intakes assigned to them and the engagements they coach, records notes and
  action items, keeps their profile and availability.
- Center staff assign coaches, run engagements and read the reports."""

import rules

from socialrx.core.permissions import (
    declare,
    is_center_staff,
    is_coach,
    is_org_admin,
    is_org_member,
)


def _org(thing):
    """The organization an intake, engagement, session or action item belongs to."""
    if thing is None:
        return None
    if hasattr(thing, "organization_id"):
        return thing.organization
    if hasattr(thing, "engagement_id"):
        return thing.engagement.organization
    return None


def _engagement(thing):
    if thing is None:
        return None
    return thing if hasattr(thing, "plan_minutes") else getattr(thing, "engagement", None)


@rules.predicate
def admin_of_its_organization(user, thing) -> bool:
    return is_org_admin(user, _org(thing))


@rules.predicate
def member_of_its_organization(user, thing) -> bool:
    return is_org_member(user, _org(thing))


@rules.predicate
def coaches_it(user, thing) -> bool:
    """The person is one of the engagement's coaches (an intake: its assigned coach)."""
    if thing is None or not getattr(user, "is_authenticated", False) or not user.is_coach:
        return False
    if hasattr(thing, "assigned_coach_id"):
        return thing.assigned_coach_id == user.pk
    engagement = _engagement(thing)
    if engagement is None:
        return False
    return any(coach.pk == user.pk for coach in engagement.coaches.all())


@rules.predicate
def is_active_engagement(user, thing) -> bool:
    engagement = _engagement(thing)
    return engagement is not None and engagement.status == "active"


@rules.predicate
def booked_it(user, session) -> bool:
    return (
        session is not None
        and getattr(user, "is_authenticated", False)
        and getattr(session, "booked_by_id", None) == user.pk
    )


declare(
    {
        # The organization's side
        "coaching.fill_intake": is_org_admin,  # asked about the organization
        "coaching.edit_intake": admin_of_its_organization,
        "coaching.view_intake": admin_of_its_organization | coaches_it | is_center_staff,
        "coaching.view_engagement": member_of_its_organization | coaches_it | is_center_staff,
        "coaching.book": (member_of_its_organization & is_active_engagement) | is_center_staff,
        "coaching.change_session": booked_it
        | admin_of_its_organization
        | coaches_it
        | is_center_staff,
        "coaching.buy_hours": admin_of_its_organization,
        "coaching.tick_action_item": member_of_its_organization | coaches_it | is_center_staff,
        # The coach's side
        "coaching.be_coach": is_coach,
        "coaching.record_session": coaches_it | is_center_staff,
        "coaching.view_center_notes": coaches_it | is_center_staff,
        # The back office
        "coaching.assign_coach": is_center_staff,
        "coaching.manage_engagements": is_center_staff,
        "coaching.manage_coaches": is_center_staff,
        "coaching.view_reports": is_center_staff,
    }
)
