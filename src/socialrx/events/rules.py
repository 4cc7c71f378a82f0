"""Who may run, buy, attend and check in to events.

- Anyone reads a published event, its agenda, sessions and speakers; staff also read drafts.
- Any signed-in person registers (themselves or others); an org admin registers a team for the
  organization and is invoiced as it.
- A buyer manages their order (renames attendees until the cut-off, cancels); an attendee
  reads their own ticket.
- Center staff build agendas, sell tickets, run the door and read the reports."""

import rules

from socialrx.core.permissions import declare, is_authenticated, is_center_staff, is_org_admin

from .selectors.tickets import verified_emails


@rules.predicate
def placed_order(user, order) -> bool:
    if order is None or not getattr(user, "is_authenticated", False):
        return False
    return order.made_by_id == user.pk


@rules.predicate
def holds_ticket(user, attendee) -> bool:
    """The attendee is this person (by account, or by one of their verified emails), or this
    person bought the ticket."""
    if attendee is None or not getattr(user, "is_authenticated", False):
        return False
    return (
        attendee.person_id == user.pk
        or attendee.order.made_by_id == user.pk
        or attendee.email_key in verified_emails(user)
    )


declare(
    {
        # Public pages and the person's own
        "events.view_drafts": is_center_staff,
        "events.register": is_authenticated,
        "events.register_team": is_org_admin,
        "events.manage_order": placed_order | is_center_staff,
        "events.view_ticket": holds_ticket | is_center_staff,
        "events.join_waitlist": is_authenticated,
        "events.keep_agenda": is_authenticated,
        # The back office
        "events.manage_events": is_center_staff,
        "events.check_in": is_center_staff,
        "events.view_reports": is_center_staff,
    }
)
